import detector from '../../../src/detectors/secrets/high-entropy-value.js';
import { base32Token, hexSecret, randomBase64 } from '../../helpers/secrets.js';
import { runTable } from './table.js';

runTable(detector, {
  flag: [
    {
      name: 'base32 token under a neutral key',
      files: () => ({ 'ci/azure-pipelines.vars': { new: `BUILD_TAG=${base32Token(52)}\n` } }),
      expect: [{ line: 1, severity: 'warn' }],
    },
    { name: 'base64 value in a shell script', files: () => ({ 'deploy.sh': { new: `export UPSTREAM=${randomBase64(48).replace(/[/+]/g, 'Z')}1\n` } }) },
  ],
  pass: [
    { name: 'commit hash', files: () => ({ 'build.env': { new: `GIT_SHA=${hexSecret(40)}\n` } }) },
    { name: 'random value in a source file', files: () => ({ 'src/a.ts': { new: `const x = '${base32Token(52)}';\n` } }) },
    { name: 'credential-named key left to the generic rule', files: () => ({ 'ci.env': { new: `API_TOKEN=${base32Token(52)}\n` } }) },
  ],
});
