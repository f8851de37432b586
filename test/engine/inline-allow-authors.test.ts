import { describe, expect, it } from 'vitest';
import { awsAccessKeyId, awsSecretAccessKey, generatedSecrets, remember, strongToken } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';
import { gitRun, serverWithHooks } from '../hooks/server-helpers.js';

const ALLOW_ALL = '# diff-guardian: allow * -- fixture for the login test';

function expectNoSecretIn(output: string): void {
  for (const secret of generatedSecrets()) expect(output).not.toContain(secret);
}

/** Returns a line containing a fresh AWS key pair and an inline allow comment for every rule. */
function pairLine(): string {
  return `const pair = '${awsAccessKeyId()}:${awsSecretAccessKey()}'; // diff-guardian: allow * -- sample pair`;
}

/** Commits a Python file whose hardcoded password line carries an inline allow comment. */
function commitAllowed(repo: TestRepo, options: { agent?: boolean } = {}): void {
  const value = remember(strongToken(24));
  repo.write('test/login.py', `password = "${value}"  ${ALLOW_ALL}\n`).commit('Add the login fixture', options);
}

function repoWithConfig(config?: string): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n');
  if (config !== undefined) repo.write('.diff-guardian.yml', config);
  repo.commit('init');
  return repo;
}

describe('inline allow comments by author', () => {
  it('acknowledges a human commit by default', () => {
    const repo = repoWithConfig();
    commitAllowed(repo);
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const finding = jsonOf(result).findings[0]!;
    expect(finding.suppressed.by).toBe('inline comment');
  });

  it('does not count in an agent commit', () => {
    const repo = repoWithConfig();
    commitAllowed(repo, { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const finding = jsonOf(result).findings[0]!;
    expect(finding.suppressed).toBeUndefined();
    expect(finding.message).toContain('a commit by a coding agent cannot acknowledge its own findings');
    expectNoSecretIn(result.stdout + result.stderr);
  });

  it('does not count for anyone with inlineAllow none', () => {
    const repo = repoWithConfig('extends: [default]\nsettings:\n  inlineAllow: none\n');
    commitAllowed(repo);
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(jsonOf(result).findings[0]!.message).toContain('settings.inlineAllow is none');
  });

  it('counts in an agent commit with inlineAllow any', () => {
    const repo = repoWithConfig('extends: [default]\nsettings:\n  inlineAllow: any\n');
    commitAllowed(repo, { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).findings[0]!.suppressed.by).toBe('inline comment');
  });

  it('blocks an agent key pair with an allow comment at pre-commit', () => {
    const repo = repoWithConfig();
    repo.write('src/aws.ts', `${pairLine()}\n`);
    repo.git('add', '-A');
    const result = runCli(repo.dir, ['hook', 'pre-commit'], { env: { CLAUDECODE: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot acknowledge its own findings');
    expectNoSecretIn(result.stdout + result.stderr);
  });

  it('lets the gate deny a Write that carries one', () => {
    const repo = repoWithConfig();
    const content = `${pairLine()}\n`;
    const payload = {
      session_id: 'test',
      hook_event_name: 'PreToolUse',
      cwd: repo.dir,
      tool_name: 'Write',
      tool_input: { file_path: repo.path('src/aws.ts'), content },
    };
    const result = runCli(repo.dir, ['gate'], { input: JSON.stringify(payload) });
    expect(result.stdout).toContain('"permissionDecision":"deny"');
    expectNoSecretIn(result.stdout + result.stderr);
  });

  it('rejects a pushed agent commit on the server', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'HEAD:refs/heads/main']).code).toBe(0);
    work.write('src/pair.js', `${pairLine()}\n`).commit('Add the sample pair', { agent: true });
    const push = gitRun(work.dir, ['push', 'origin', 'HEAD:refs/heads/main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('cannot acknowledge its own findings');
    expectNoSecretIn(push.output);
  });

  it('rejects a pushed human commit when repositoryIgnores is false', () => {
    const { work } = serverWithHooks({ config: 'extends: [default]\nserver:\n  repositoryIgnores: false\n' });
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'HEAD:refs/heads/main']).code).toBe(0);
    commitAllowed(work);
    const push = gitRun(work.dir, ['push', 'origin', 'HEAD:refs/heads/main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('server.repositoryIgnores is false');
    expectNoSecretIn(push.output);
  });
});
