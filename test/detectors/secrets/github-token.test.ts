import detector from '../../../src/detectors/secrets/github-token.js';
import { githubFineGrainedToken, githubToken } from '../../helpers/secrets.js';
import { runTable } from './table.js';

runTable(detector, {
  flag: [
    {
      name: 'classic personal access token in code',
      files: () => ({ 'src/gh.ts': { new: `const octokit = new Octokit({ auth: '${githubToken('ghp')}' });\n` } }),
      expect: [{ line: 1, severity: 'block', message: 'personal access token' }],
    },
    {
      name: 'OAuth and app tokens in a config file',
      files: () => ({
        'config/gh.yml': { new: `oauth: ${githubToken('gho')}\ninstallation: ${githubToken('ghs')}\nrefresh: ${githubToken('ghr')}\n` },
      }),
      expect: [
        { line: 1, message: 'OAuth access token' },
        { line: 2, message: 'installation token' },
        { line: 3, message: 'refresh token' },
      ],
    },
    {
      name: 'fine-grained token',
      files: () => ({ '.github/token.txt': { new: `${githubFineGrainedToken()}\n` } }),
      expect: [{ line: 1, message: 'fine-grained' }],
    },
    {
      name: 'token whose checksum fails only warns',
      files: () => ({ 'test/fixture.ts': { new: `export const token = '${githubToken('ghp', { validChecksum: false })}';\n` } }),
      expect: [{ line: 1, severity: 'warn', message: 'checksum does not match' }],
    },
    {
      name: 'token in the commit message',
      files: () => ({ 'a.txt': { new: 'a\n' } }),
      message: () => `debug ci\n\nused ${githubToken('ghp')} to test\n`,
      expect: [{ file: '<commit-message>', line: 3 }],
    },
  ],
  pass: [
    { name: 'masked token', files: () => ({ 'docs/auth.md': { new: 'Set `GH_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`.\n' } }) },
    { name: 'prefix alone', files: () => ({ 'src/parse.ts': { new: "if (token.startsWith('ghp_')) kind = 'classic';\n" } }) },
    { name: 'token read from the environment', files: () => ({ 'src/gh.ts': { new: 'const auth = process.env.GITHUB_TOKEN;\n' } }) },
  ],
});
