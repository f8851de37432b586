import detector from '../../../src/detectors/secrets/aws.js';
import { awsAccessKeyId, awsSecretAccessKey, awsSecretAccessKeyWithSymbols } from '../../helpers/secrets.js';
import { runTable } from './table.js';

const DOC_KEY_ID = ['AKIAIOSFODNN7', 'EXAMPLE'].join('');
// The secret key of AWS's documentation examples, joined at run time like DOC_KEY_ID.
const DOC_SECRET = ['wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY'].join('');
const pair = () => `${awsAccessKeyId()}:${awsSecretAccessKeyWithSymbols()}`;
// A key id and its secret key on one line: both are reported, on that line.
const BOTH = [{ line: 1, message: 'access key id' }, { line: 1, message: 'secret access key' }];

// Flag cases use keys with a digit and both cases, because the rule requires them
// of a secret key. About one random 40-character key in a thousand has no digit.
runTable(detector, {
  flag: [
    {
      name: 'key pair in a credentials file',
      files: () => ({
        'aws/credentials.ini': { new: `[default]\naws_access_key_id = ${awsAccessKeyId()}\naws_secret_access_key = ${awsSecretAccessKeyWithSymbols()}\n` },
      }),
      expect: [{ line: 2, message: 'access key id' }, { line: 3, message: 'secret access key' }],
    },
    {
      name: 'secret key a few lines below its key id',
      files: () => ({
        'src/s3.ts': {
          new: `const config = {\n  region: 'eu-west-1',\n  accessKeyId: '${awsAccessKeyId()}',\n  // rotated yearly\n  secretAccessKey:\n    '${awsSecretAccessKeyWithSymbols()}',\n};\n`,
        },
      }),
      expect: [{ line: 3 }, { line: 6 }],
    },
    {
      name: 'secret key named for AWS without its key id',
      files: () => ({ 'deploy.env': { new: `AWS_SECRET_ACCESS_KEY=${awsSecretAccessKeyWithSymbols()}\n` } }),
      expect: [{ line: 1, message: 'secret access key' }],
    },
    {
      name: 'unnamed secret key five lines above and below a key id',
      files: () => ({
        'src/keys.ts': {
          new: `export const a = '${awsSecretAccessKeyWithSymbols()}';\n${'//\n'.repeat(4)}export const id = '${awsAccessKeyId()}';\n${'//\n'.repeat(4)}export const b = '${awsSecretAccessKeyWithSymbols()}';\n`,
        },
      }),
      expect: [{ line: 1, message: 'secret access key' }, { line: 6, message: 'access key id' }, { line: 11, message: 'secret access key' }],
    },
    {
      name: 'key id alone when an unnamed value is six lines away',
      files: () => ({
        'src/keys.ts': { new: `export const id = '${awsAccessKeyId()}';\n${'//\n'.repeat(5)}export const b = '${awsSecretAccessKey()}';\n` },
      }),
      expect: [{ line: 1, message: 'access key id' }],
    },
    { name: 'ID:SECRET pair in a .env value', files: () => ({ '.env': { new: `AWS=${pair()}\n` } }), expect: BOTH },
    { name: 'ID:SECRET pair in an export', files: () => ({ 'ci/env.sh': { new: `export AWS_CREDENTIALS=${pair()}\n` } }), expect: BOTH },
    { name: 'ID:SECRET pair in a CI variable', files: () => ({ '.gitlab-ci.yml': { new: `variables:\n  AWS_KEYS: "${pair()}"\n` } }), expect: BOTH.map((e) => ({ ...e, line: 2 })) },
    { name: 'ID:SECRET pair as URL userinfo', files: () => ({ 'src/store.ts': { new: `const url = 'https://${pair()}@s3.example.com/bucket';\n` } }), expect: BOTH },
    { name: 'ID:SECRET pair in curl -u', files: () => ({ 'scripts/get.sh': { new: `curl -u ${pair()} https://example.com/\n` } }), expect: BOTH },
    { name: 'ID:SECRET pair in a string', files: () => ({ 'src/keys.py': { new: `CREDS = "${pair()}"\n` } }), expect: BOTH },
  ],
  pass: [
    { name: 'documentation example key pair', files: () => ({ 'docs/aws.md': { new: `AWS=${DOC_KEY_ID}:${DOC_SECRET}\n` } }) },
    { name: 'documentation example key id', files: () => ({ 'docs/aws.md': { new: `aws_access_key_id = ${DOC_KEY_ID}\n` } }) },
    {
      name: 'random 40-character value far from any key id',
      files: () => ({ 'src/ids.ts': { new: `export const checksum = '${awsSecretAccessKey()}';\n` } }),
    },
    {
      name: 'ID:SECRET pair with the secret from the environment',
      files: () => ({ '.env.example': { new: `AWS=${DOC_KEY_ID}:\${AWS_SECRET_ACCESS_KEY}\n` } }),
    },
    { name: 'key id read from the environment', files: () => ({ 'src/s3.ts': { new: 'const id = process.env.AWS_ACCESS_KEY_ID;\n' } }) },
  ],
});
