import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkTagMessages } from '../../src/engine/tags.js';
import { defaultPolicy } from '../../src/packs/load.js';
import { generatedSecrets, githubToken } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';

const IDENTITY = 'Dev <dev@example.com> 1700000000 +0000';
const HEADER_PATH = '<commit-header x-deploy-token>';
const MESSAGE_PATH = '<commit-message>';

/**
 * Writes a commit on top of HEAD whose `x-deploy-token` header and message
 * both carry `token` on their third line, and moves the branch to it.
 */
function commitWithTokenTwice(repo: TestRepo, token: string): string {
  const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
  const parent = repo.git('rev-parse', 'HEAD').trim();
  const body = [
    `tree ${tree}`,
    `parent ${parent}`,
    `author ${IDENTITY}`,
    `committer ${IDENTITY}`,
    'x-deploy-token issued by ci',
    ' for the release job',
    ` ${token}`,
    '',
    `Deploy\n\n${token}\n`,
  ].join('\n');
  const input = { cwd: repo.dir, input: body, encoding: 'utf8' } as const;
  const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], input).trim();
  repo.git('update-ref', 'HEAD', sha);
  return sha;
}

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  action: string;
  fingerprint: string;
  suppressed?: { by: string };
}

function tokenFindings(repo: TestRepo, sha: string): { code: number; findings: JsonFinding[] } {
  const result = runCli(repo.dir, ['check', sha, '--format', 'json']);
  for (const secret of generatedSecrets()) expect(result.stdout + result.stderr).not.toContain(secret);
  const findings = (jsonOf(result).findings as JsonFinding[]).filter((f) => f.ruleId === 'secret/github-token');
  return { code: result.code, findings };
}

function byFile(findings: JsonFinding[], file: string): JsonFinding {
  const finding = findings.find((f) => f.file === file);
  expect(finding, `finding in ${file}`).toBeDefined();
  return finding!;
}

describe('commit header fingerprints', () => {
  it('differ from the same value in the message', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const sha = commitWithTokenTwice(repo, githubToken());
    const { code, findings } = tokenFindings(repo, sha);
    expect(code).toBe(1);
    const header = byFile(findings, HEADER_PATH);
    const message = byFile(findings, MESSAGE_PATH);
    expect(header.line).toBe(3);
    expect(message.line).toBe(3);
    expect(header.fingerprint).not.toBe(message.fingerprint);
  });

  it('keep an acknowledged message finding from covering the header', () => {
    const token = githubToken();
    const probe = TestRepo.init();
    probe.write('README.md', '# demo\n').commit('init');
    const probed = tokenFindings(probe, commitWithTokenTwice(probe, token)).findings;
    const messageFingerprint = byFile(probed, MESSAGE_PATH).fingerprint;

    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const allowlist = [
      'entries:',
      `  - fingerprint: ${messageFingerprint}`,
      `    path: '${MESSAGE_PATH}'`,
      '    reason: revoked token quoted in a release message',
      '    approvedBy: security@example.com',
      "    expires: '2099-12-31'",
      '',
    ].join('\n');
    repo.write('.diff-guardian-allowlist.yml', allowlist).commit('acknowledge the release token');
    const { code, findings } = tokenFindings(repo, commitWithTokenTwice(repo, token));
    expect(byFile(findings, MESSAGE_PATH).suppressed).toBeDefined();
    expect(byFile(findings, HEADER_PATH).suppressed).toBeUndefined();
    expect(byFile(findings, HEADER_PATH).action).toBe('block');
    expect(code).toBe(1);
  });

  it('keep a .gitleaksignore entry for the message working', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('.gitleaksignore', `${MESSAGE_PATH}:github-pat:3\n`).commit('ignore the release token');
    const { code, findings } = tokenFindings(repo, commitWithTokenTwice(repo, githubToken()));
    expect(byFile(findings, MESSAGE_PATH).suppressed?.by).toBe('.gitleaksignore');
    expect(byFile(findings, HEADER_PATH).suppressed).toBeUndefined();
    expect(code).toBe(1);
  });

  it('name the header in SARIF properties', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const sha = commitWithTokenTwice(repo, githubToken());
    const result = runCli(repo.dir, ['check', sha, '--format', 'sarif']);
    for (const secret of generatedSecrets()) expect(result.stdout).not.toContain(secret);
    const results = JSON.parse(result.stdout).runs[0].results as Array<Record<string, any>>;
    const header = results.find((r) => r.properties.file === HEADER_PATH);
    expect(header).toBeDefined();
    expect(header!.properties.line).toBe(3);
    expect(header!.locations).toBeUndefined();
  });
});

describe('tag message fingerprints', () => {
  it('differ from the same value in a commit message', async () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const token = githubToken();
    const sha = commitWithTokenTwice(repo, token);
    repo.git('tag', '-a', 'v1.0.0', '-m', `Deploy\n\n${token}`);
    const [tag] = await checkTagMessages(repo.dir, [repo.git('rev-parse', 'v1.0.0').trim()], defaultPolicy());
    const inTag = tag!.findings.find((f) => f.ruleId === 'secret/github-token')!;
    const inMessage = byFile(tokenFindings(repo, sha).findings, MESSAGE_PATH);
    expect(inTag.line).toBe(inMessage.line);
    expect(inTag.fingerprint).not.toBe(inMessage.fingerprint);
  });
});
