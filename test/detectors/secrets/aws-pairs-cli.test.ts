import { describe, expect, it } from 'vitest';
import { awsAccessKeyId, awsSecretAccessKeyWithSymbols, generatedSecrets, strongToken } from '../../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../../helpers/repo.js';

/** Commits one file in a new repository and returns the findings of `check` as rule, line and evidence. */
function findingsOf(path: string, content: string): Array<{ ruleId: string; line: number; evidence: string }> {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  repo.write(path, content).commit('add credentials', { agent: true });
  const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
  for (const secret of generatedSecrets()) expect(result.stdout).not.toContain(secret);
  expect(result.code).toBe(1);
  return jsonOf(result).findings.map((f) => ({ ruleId: f.ruleId, line: f.line, evidence: f.evidence }));
}

// A key id and its secret key written as one `ID:SECRET` value: the secret half must be reported
// on its own, with the redacted evidence of a 40-character value that starts as the secret does.
describe('AWS key pair on one line', () => {
  const forms: Array<[string, string, (pair: string) => string, number]> = [
    ['a .env line', '.env', (pair) => `AWS=${pair}\n`, 1],
    ['a shell export', 'ci/env.sh', (pair) => `export AWS_CREDENTIALS=${pair}\n`, 1],
    ['a CI variable', '.gitlab-ci.yml', (pair) => `variables:\n  AWS_KEYS: "${pair}"\n`, 2],
    ['URL userinfo', 'src/store.ts', (pair) => `const url = 'https://${pair}@s3.example.com/bucket';\n`, 1],
  ];

  it.each(forms)('reports the secret half in %s', (_name, path, write, line) => {
    const secret = awsSecretAccessKeyWithSymbols();
    const findings = findingsOf(path, write(`${awsAccessKeyId()}:${secret}`));
    const secretHalf = findings.filter((f) => f.evidence === `${secret.slice(0, 4)}…[redacted 40 chars]`);
    expect(secretHalf.map((f) => [f.ruleId, f.line])).toEqual([['secret/aws-access-key', line]]);
    expect(findings.some((f) => f.ruleId === 'secret/aws-access-key' && f.evidence.startsWith('AKIA'))).toBe(true);
  });

  it('reports a URL-encoded secret half by its URL', () => {
    const secret = awsSecretAccessKeyWithSymbols();
    const findings = findingsOf('src/store.ts', `const url = 'https://${awsAccessKeyId()}:${encodeURIComponent(secret)}@s3.example.com/b';\n`);
    const encodedLength = encodeURIComponent(secret).length;
    const secretHalf = findings.filter((f) => f.evidence.endsWith(`[redacted ${encodedLength} chars]`));
    expect(secretHalf.map((f) => [f.ruleId, f.line])).toEqual([['secret/url-credentials', 1]]);
  });
});

// Without an AWS key id, `user:secret` values are reported by the generic rule, whose value is the
// whole pair, so the finding covers the secret half as well.
describe('user:secret pair on one line', () => {
  it.each([
    ['.env', (pair: string) => `SERVICE_AUTH=${pair}\n`],
    ['config.yml', (pair: string) => `auth: "${pair}"\n`],
  ])('reports the pair in %s', (path, write) => {
    const pair = `deploy-bot:${strongToken(40)}`;
    const findings = findingsOf(path, write(pair));
    expect(findings.filter((f) => f.evidence.endsWith(`[redacted ${pair.length} chars]`)).map((f) => [f.ruleId, f.line])).toEqual([['secret/generic-assignment', 1]]);
  });
});
