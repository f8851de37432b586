import { describe, expect, it } from 'vitest';
import { generatedSecrets, stripeLiveKey } from '../helpers/secrets.js';
import { jsonOf, runCli, type TestRepo } from '../helpers/repo.js';
import { gitRun, serverWithHooks } from './server-helpers.js';

const STRICT_AGENT_DEFAULT = 'extends: [strict]\nsettings:\n  failMode: closed\n  agentByDefault: true\n';

function expectNoSecretIn(output: string): void {
  for (const secret of generatedSecrets()) expect(output).not.toContain(secret);
}

function payFile(): string {
  return `const key = '${stripeLiveKey()}';\n`;
}

/** Returns the fingerprint of the staged secret finding in `path`, then unstages everything. */
function stagedFingerprint(work: TestRepo, path: string): string {
  work.git('add', '-A');
  const report = jsonOf(runCli(work.dir, ['check', '--staged', '--format', 'json']));
  work.git('reset', '-q');
  const finding = report.findings.find((f) => f.file === path && f.category === 'secret');
  expect(finding).toBeDefined();
  return finding!.fingerprint as string;
}

function allowlist(fingerprint: string, path: string): string {
  return [
    'entries:',
    `  - fingerprint: "${fingerprint}"`,
    `    path: ${path}`,
    '    reason: test key',
    '    approvedBy: security@example.com',
    '    expires: "2999-01-01"',
    '',
  ].join('\n');
}

/** Pushes a root commit so that later pushes update an existing ref. */
function pushRoot(work: TestRepo): void {
  work.write('README.md', '# demo\n').commit('init');
  expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
}

describe('pre-receive and repository ignore files', () => {
  it('rejects a secret after a .secretlintignore in the same push', () => {
    const { work } = serverWithHooks({ config: STRICT_AGENT_DEFAULT });
    pushRoot(work);
    work.write('.secretlintignore', '*\n').commit('ignore', { agent: true });
    work.write('src/pay.js', payFile()).commit('pay', { agent: true });

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/src\/pay\.js:1 +block +secret\//);
    expect(push.output).toMatch(/\.secretlintignore:1 +block +disabled-check\/ignore-file-loosened/);
    expectNoSecretIn(push.output);
  });

  it('rejects a secret after a .gitleaksignore line in the same push', () => {
    const { work } = serverWithHooks({ config: STRICT_AGENT_DEFAULT });
    pushRoot(work);
    work.write('.gitleaksignore', 'src/pay.js:anything:1\n').commit('ignore', { agent: true });
    work.write('src/pay.js', payFile()).commit('pay', { agent: true });

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/src\/pay\.js:1 +block +secret\//);
    expectNoSecretIn(push.output);
  });

  it('rejects an agent secret after a human allowlist entry in the same push', () => {
    const { work } = serverWithHooks();
    pushRoot(work);
    work.write('pay.js', payFile());
    const fingerprint = stagedFingerprint(work, 'pay.js');
    work.git('stash', '-q', '-u');
    work.write('.diff-guardian-allowlist.yml', allowlist(fingerprint, 'pay.js')).commit('allowlist');
    work.git('stash', 'pop', '-q');
    work.commit('pay', { agent: true });

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/pay\.js:1 +block +secret\//);
    expectNoSecretIn(push.output);
    const allowlistCommit = jsonOf(runCli(work.dir, ['check', 'HEAD~1', '--format', 'json']));
    const loosened = allowlistCommit.findings.filter((f) => f.ruleId === 'disabled-check/ignore-file-loosened');
    expect(loosened.map((f) => `${f.file}:${f.line} ${f.action}`)).toEqual(['.diff-guardian-allowlist.yml:2 warn']);
  });

  it('applies an allowlist that is already on the server', () => {
    const { work } = serverWithHooks();
    pushRoot(work);
    work.write('pay.js', payFile());
    const fingerprint = stagedFingerprint(work, 'pay.js');
    work.git('stash', '-q', '-u');
    work.write('.diff-guardian-allowlist.yml', allowlist(fingerprint, 'pay.js')).commit('allowlist');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    work.git('stash', 'pop', '-q');
    work.commit('pay', { agent: true });

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).toBe(0);
    expect(push.output).not.toContain('rejected');
  });

  it('ignores every allowlist under server.repositoryIgnores false', () => {
    const { work } = serverWithHooks({ config: 'extends: [default]\nserver:\n  repositoryIgnores: false\n' });
    pushRoot(work);
    work.write('pay.js', payFile());
    const fingerprint = stagedFingerprint(work, 'pay.js');
    work.git('stash', '-q', '-u');
    work.write('.diff-guardian-allowlist.yml', allowlist(fingerprint, 'pay.js')).commit('allowlist');
    work.write('.secretlintignore', 'pay.js\n').commit('ignore');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    work.git('stash', 'pop', '-q');
    work.commit('pay', { agent: true });

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/pay\.js:1 +block +secret\//);
  });

  it('reads new branch ignores from the server', () => {
    const { work } = serverWithHooks();
    pushRoot(work);
    work.write('.secretlintignore', 'fixtures/\n').commit('ignore test fixtures');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);

    // A new branch forked from main keeps main's ignore file.
    work.git('switch', '-q', '-c', 'fixtures');
    work.write('fixtures/pay.js', payFile()).commit('add fixture', { agent: true });
    expect(gitRun(work.dir, ['push', 'origin', 'fixtures']).code).toBe(0);

    // A new branch that widens the ignore file itself gains nothing from it.
    work.git('switch', '-q', '-c', 'wider', 'main');
    work.write('.secretlintignore', 'fixtures/\nsrc/\n').commit('ignore src', { agent: true });
    work.write('src/pay.js', payFile()).commit('pay', { agent: true });
    const push = gitRun(work.dir, ['push', 'origin', 'wider']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/src\/pay\.js:1 +block +secret\//);
    expect(push.output).toMatch(/\.secretlintignore:2 +block +disabled-check\/ignore-file-loosened/);
    expectNoSecretIn(push.output);
  });
});
