import { describe, expect, it } from 'vitest';
import { secretDetectors } from '../../../src/detectors/secrets/index.js';
import { changeFromUnifiedDiff } from '../../../src/diff/unified.js';
import type { CommitVerdict } from '../../../src/model/types.js';
import { changeOfFiles, runDetectors, type FileSpec } from '../../helpers/change.js';
import { base32Token, BASE62, githubToken, pemPrivateKey, randomBase64, randomFrom, remember, strongPassword, strongToken } from '../../helpers/secrets.js';
import { expectNoLeak } from './table.js';

// Every secret detector together with the default pack, as a commit is judged.
async function judge(files: Record<string, FileSpec>, message?: string): Promise<CommitVerdict> {
  const verdict = await runDetectors(secretDetectors, changeOfFiles(files, { message }));
  expectNoLeak(verdict.findings);
  return verdict;
}

const password = () => strongPassword().replace(/["'\\;$`{}#]/g, 'q');
// Letters of both cases and two digits, like a generated token: a random draw without them can read as a word.
const token = (length = 20) => strongToken(length);

const SETTINGS_BEFORE = '{\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n';
function settings(connection: string, member: string): string {
  return `{\n  "ConnectionStrings": {\n    "Orders": "Host=db.internal;Username=orders_app;Password=${connection};",\n    "Password": "${member}"\n  },\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n`;
}

describe('secret rules with the default pack', () => {
  it('blocks JSON password members and connection-string passwords', async () => {
    const verdict = await judge({ 'src/Api/appsettings.json': { old: SETTINGS_BEFORE, new: settings(password(), password()) } });
    expect(verdict.verdict).toBe('block');
    expect(verdict.findings.map((f) => f.line)).toEqual([3, 4]);
    expect(verdict.findings.every((f) => f.category === 'secret' && f.action === 'block')).toBe(true);
  });

  for (const [label, value] of [['empty', ''], ['templated', '${DB_PASSWORD}'], ['placeholder', '<your-password>']] as const) {
    it(`allows ${label} JSON password values`, async () => {
      const verdict = await judge({ 'src/Api/appsettings.json': { old: SETTINGS_BEFORE, new: settings(value, value) } });
      expect(verdict.findings).toEqual([]);
    });
  }

  it('joins a secret name and its value on the next added line', async () => {
    const verdict = await judge({
      'src/payments/config.ts': {
        new: `export const webhookSigningSecret =\n  '${randomBase64(86)}==';\nexport const region = 'eu-west-1';\n`,
      },
    });
    expect(verdict.verdict).toBe('block');
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]!.line).toBe(2);
    expect(verdict.findings[0]!.message).toContain('webhookSigningSecret');
  });

  it('does not join across a context line', async () => {
    const value = randomBase64(64);
    const diff = [
      '--- a/src/payments/config.ts',
      '+++ b/src/payments/config.ts',
      '@@ -1,1 +1,3 @@',
      '+export const webhookSigningSecret =',
      " export const region = 'eu-west-1';",
      `+  '${value}';`,
      '',
    ].join('\n');
    const verdict = await runDetectors(secretDetectors, changeFromUnifiedDiff(diff));
    expect(verdict.findings.filter((f) => f.ruleId === 'secret/generic-assignment')).toEqual([]);
  });

  it('blocks a base32 token under a credential name below a fixed entropy cut-off', async () => {
    const verdict = await judge({ 'ci/azure-pipelines.vars': { new: `AZDO_ORG_URL=https://dev.azure.com/contoso\nAZDO_PAT=${base32Token(52)}\n` } });
    expect(verdict.verdict).toBe('block');
    expect(verdict.findings.map((f) => f.line)).toEqual([2]);
  });

  it('warns on the same token under a neutral name', async () => {
    const verdict = await judge({ 'ci/azure-pipelines.vars': { new: `BUILD_TAG=${base32Token(52)}\n` } });
    expect(verdict.verdict).toBe('warn');
    expect(verdict.findings.map((f) => f.line)).toEqual([1]);
  });

  it('allows integrity digests of exact length in lockfiles and HTML', async () => {
    const digest = (bytes: number) => Buffer.from(randomFrom(BASE62, bytes)).toString('base64');
    const lock = (version: string, integrity: string) =>
      `{\n  "packages": {\n    "node_modules/tiny-dep": {\n      "version": "${version}",\n      "resolved": "https://registry.npmjs.org/tiny-dep/-/tiny-dep-${version}.tgz",\n      "integrity": "${integrity}"\n    }\n  }\n}\n`;
    const verdict = await judge({
      'package-lock.json': { old: lock('2.0.0', `sha512-${digest(64)}`), new: lock('2.0.1', `sha512-${digest(64)}`) },
      'public/index.html': {
        old: '<html>\n</html>\n',
        new: `<html>\n<script src="https://cdn.example.test/chart.min.js" integrity="sha384-${digest(48)}" crossorigin="anonymous"></script>\n</html>\n`,
      },
    });
    expect(verdict.findings).toEqual([]);
  });

  it('still scans other values in an integrity field', async () => {
    const verdict = await judge({ 'package-lock.json': { new: `{\n  "integrity": "${githubToken()}"\n}\n` } });
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(['secret/github-token']);
  });

  it('allows private-key headers around placeholder bodies', async () => {
    const doc = [
      'Store the signing key as a secret, for example in `deploy.yaml`:',
      '',
      '    signing_key: "-----BEGIN EC PRIVATE KEY-----\\nREPLACE_ME\\n-----END EC PRIVATE KEY-----\\n"',
      '',
      'or as a file:',
      '',
      '    -----BEGIN OPENSSH PRIVATE KEY-----',
      '    <paste your key here>',
      '    -----END OPENSSH PRIVATE KEY-----',
      '',
    ].join('\n');
    const verdict = await judge({ 'docs/deploy.md': { old: '# Deploy\n', new: `# Deploy\n${doc}` } });
    expect(verdict.verdict).toBe('allow');
    expect(verdict.findings).toEqual([]);
  });

  it('blocks the same headers around key material, once', async () => {
    const key = pemPrivateKey('ec', 'sec1');
    const verdict = await judge({ 'docs/deploy.md': { new: `# Deploy\n\n${key}` } });
    expect(verdict.verdict).toBe('block');
    expect(verdict.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['secret/private-key:3']);
  });

  it('reports a value seen by two rules once', async () => {
    const verdict = await judge({ 'src/gh.ts': { new: `const githubToken = '${githubToken()}';\n` } });
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(['secret/github-token']);
  });

  it('warns on fixture keys and blocks the same key elsewhere', async () => {
    const key = pemPrivateKey('ec');
    const fixture = await judge({ 'test/fixtures/server.key': { new: key } });
    expect(fixture.findings.map((f) => f.action)).toEqual(['warn']);
    const elsewhere = await judge({ 'config/server.key': { new: key } });
    expect(elsewhere.findings.map((f) => f.action)).toEqual(['block']);
  });

  it('finds a secret in a renamed and edited file', async () => {
    const body = 'line one\nline two\nline three\nline four\nline five\n';
    const diff = [
      'diff --git a/old/config.ini b/new/config.ini',
      'similarity index 80%',
      'rename from old/config.ini',
      'rename to new/config.ini',
      '--- a/old/config.ini',
      '+++ b/new/config.ini',
      '@@ -5,1 +5,2 @@',
      ' line five',
      `+api_token = ${token(24)}`,
      '',
    ].join('\n');
    void body;
    const verdict = await runDetectors(secretDetectors, changeFromUnifiedDiff(diff));
    expect(verdict.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['new/config.ini:6']);
  });

  it('finds a secret in UTF-16 text that git treats as binary', async () => {
    const line = `api_token = "${token(24)}"`;
    const utf16 = [...line].map((ch) => `${ch}\0`).join('');
    const verdict = await judge({ 'config/app.cfg': { new: `${utf16}\n` } });
    expect(verdict.findings.map((f) => f.line)).toEqual([1]);
  });

  it('finds a secret in a commit message', async () => {
    const verdict = await judge({ 'a.txt': { new: 'a\n' } }, `Fix login\n\nUsed password=${password()} for the staging run\n`);
    expect(verdict.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['<commit-message>:3']);
  });
});
