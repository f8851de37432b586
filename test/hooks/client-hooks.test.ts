import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePath } from '../../src/git/paths.js';
import { generatedSecrets } from '../helpers/secrets.js';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { awsFile, cleanEnv, gitRun } from './server-helpers.js';

const EXISTING_HOOK = '#!/bin/sh\n# team hook\necho "team hook ran" > "$(git rev-parse --git-dir)/team-hook-ran"\nexit 0\n';

function install(repo: TestRepo, ...args: string[]) {
  return runCli(repo.dir, ['install', ...args], { env: cleanEnv() });
}

function commit(repo: TestRepo, message: string, env: NodeJS.ProcessEnv = {}) {
  repo.stage();
  return gitRun(repo.dir, ['commit', '-q', '-m', message], env);
}

function repoWithHook(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  const hook = repo.path('.git/hooks/pre-commit');
  writeFileSync(hook, EXISTING_HOOK);
  chmodSync(hook, 0o750);
  return repo;
}

describe('install and uninstall', () => {
  it('restores an existing hook byte for byte', () => {
    const repo = repoWithHook();
    const hook = repo.path('.git/hooks/pre-commit');
    const before = readFileSync(hook);
    const mode = statSync(hook).mode;
    repo.git('remote', 'add', 'origin', TestRepo.init({ bare: true }).dir);
    const config = repo.git('config', '--local', '--list');

    expect(install(repo).code).toBe(0);
    expect(repo.git('config', '--get-all', 'notes.displayRef')).toContain('refs/notes/diff-guardian');
    expect(readFileSync(hook, 'utf8')).toContain('diff-guardian hook pre-commit');
    expect(existsSync(repo.path('.git/hooks/post-commit'))).toBe(true);
    expect(existsSync(repo.path('.git/hooks/pre-push'))).toBe(true);
    // Installing twice must not lose the original either.
    expect(install(repo).code).toBe(0);

    const removed = runCli(repo.dir, ['uninstall'], { env: cleanEnv() });
    expect(removed.code).toBe(0);
    expect(readFileSync(hook).equals(before)).toBe(true);
    expect(statSync(hook).mode).toBe(mode);
    expect(existsSync(repo.path('.git/hooks/post-commit'))).toBe(false);
    expect(existsSync(repo.path('.git/hooks/pre-commit.pre-diff-guardian'))).toBe(false);
    expect(repo.git('config', '--local', '--list')).toBe(config);
  });

  it('keeps running the hook it replaced', () => {
    const repo = repoWithHook();
    expect(install(repo).code).toBe(0);
    repo.write('src/app.ts', 'export const port = 8080;\n');
    expect(commit(repo, 'add app').code).toBe(0);
    expect(existsSync(repo.path('.git/team-hook-ran'))).toBe(true);
  });

  it('stops the commit when the replaced hook fails', () => {
    const repo = repoWithHook();
    writeFileSync(repo.path('.git/hooks/pre-commit'), '#!/bin/sh\necho "lint failed" >&2\nexit 3\n');
    expect(install(repo).code).toBe(0);
    repo.write('src/app.ts', 'export const port = 8080;\n');
    const result = commit(repo, 'add app');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('lint failed');
  });

  it('edits the scripts of a Husky setup and restores them', () => {
    const repo = TestRepo.init();
    repo.write('.husky/_/h', '#!/usr/bin/env sh\n');
    repo.write('.husky/_/pre-commit', '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n', 0o755);
    repo.write('.husky/pre-commit', 'npm test\n');
    repo.write('README.md', '# demo\n').commit('init');
    repo.git('config', 'core.hooksPath', '.husky/_');
    const before = readFileSync(repo.path('.husky/pre-commit'));
    const generated = readFileSync(repo.path('.husky/_/pre-commit'));

    const result = install(repo);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('added a diff-guardian block to');
    const edited = readFileSync(repo.path('.husky/pre-commit'), 'utf8');
    expect(edited).toContain('# >>> diff-guardian >>>');
    expect(edited.endsWith('npm test\n')).toBe(true);
    expect(readFileSync(repo.path('.husky/_/pre-commit')).equals(generated)).toBe(true);
    expect(existsSync(repo.path('.husky/pre-push'))).toBe(true);

    expect(runCli(repo.dir, ['uninstall'], { env: cleanEnv() }).code).toBe(0);
    expect(readFileSync(repo.path('.husky/pre-commit')).equals(before)).toBe(true);
    expect(existsSync(repo.path('.husky/pre-push'))).toBe(false);
  });

  it('runs the check from a block in a tracked hooks folder', () => {
    const repo = TestRepo.init();
    repo.write('.githooks/pre-commit', '#!/bin/sh\necho "team check" >&2\n', 0o755);
    repo.write('README.md', '# demo\n').commit('init');
    repo.git('config', 'core.hooksPath', '.githooks');
    expect(install(repo).code).toBe(0);

    repo.write('src/aws.ts', awsFile());
    const result = commit(repo, 'add keys');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('src/aws.ts');
    expect(result.output).not.toContain('team check');
  });

  it('rejects a global core.hooksPath', () => {
    const repo = TestRepo.init();
    const global = join(tempDir(), 'gitconfig');
    writeFileSync(global, `[core]\n\thooksPath = ${tempDir()}\n`);
    const result = runCli(repo.dir, ['install'], { env: cleanEnv({ GIT_CONFIG_GLOBAL: global }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('core.hooksPath is set in the global git config');
    expect(result.stderr).toContain('--hooks-dir');
  });

  it('rejects --server on a repository with a work tree', () => {
    const repo = TestRepo.init();
    const result = install(repo, '--server');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--server needs a bare repository');
  });

  it('rejects an agent it has no gate for', () => {
    const repo = TestRepo.init();
    const result = install(repo, '--agent', 'no-such-agent');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('supported agents are claude-code');
  });
});

describe('pre-commit hook', () => {
  function installed(): TestRepo {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    expect(install(repo).code).toBe(0);
    return repo;
  }

  it('blocks a staged secret and names the file', () => {
    const repo = installed();
    repo.write('src/aws.ts', awsFile());
    const result = commit(repo, 'add keys');
    expect(result.code).toBe(1);
    expect(result.output).toContain('src/aws.ts');
    expect(result.output).toContain('diff-guardian: commit blocked');
    for (const secret of generatedSecrets()) expect(result.output).not.toContain(secret);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('checks every staged path, including names that are not ASCII or UTF-8', () => {
    const repo = installed();
    repo.write('Ávila/client.ts', awsFile());
    mkdirSync(repo.path('raw'), { recursive: true });
    writeFileSync(Buffer.concat([Buffer.from(`${repo.dir}/raw/name_`), Buffer.from([0xff]), Buffer.from('.ts')]), awsFile());
    repo.stage();
    const staged = spawnSync('git', ['diff', '--cached', '--name-only', '-z'], { cwd: repo.dir, env: cleanEnv() }).stdout;
    const names = staged
      .toString('latin1')
      .split('\0')
      .filter(Boolean)
      .map((name) => decodePath(Buffer.from(name, 'latin1')).path);
    expect(names).toHaveLength(2);

    const result = runCli(repo.dir, ['hook', 'pre-commit'], { env: cleanEnv() });
    expect(result.code).toBe(1);
    for (const name of names) expect(result.stderr).toContain(name);
    expect(result.stderr).toContain('raw/name_\\377.ts');
  });

  it('records the agent named by the runtime environment', () => {
    const repo = installed();
    repo.write('src/aws.ts', awsFile());
    const result = commit(repo, 'add keys', { CLAUDECODE: '1' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('(agent: claude-code; runtime:env:CLAUDECODE)');
  });

  it('records the agent found among the parent processes', () => {
    const repo = installed();
    repo.write('src/aws.ts', awsFile()).stage();
    const result = spawnSync('/bin/sh', ['-c', 'git commit -q -m "add keys"'], {
      cwd: repo.dir,
      env: cleanEnv(),
      argv0: 'claude',
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('(agent: claude-code; runtime:process:claude)');
  });

  it('lets a clean commit through', () => {
    const repo = installed();
    repo.write('src/app.ts', 'export const port = 8080;\n');
    const result = commit(repo, 'add app');
    expect(result.code).toBe(0);
    expect(result.output).toBe('');
  });
});

describe('pre-push hook', () => {
  it('stops a push holding a commit that skipped the pre-commit hook', () => {
    const remote = TestRepo.init({ bare: true });
    const repo = TestRepo.init();
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.write('README.md', '# demo\n').commit('init');
    expect(install(repo).code).toBe(0);
    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);

    repo.write('deploy/aws.ts', awsFile()).commit('add keys');
    repo.remove('deploy/aws.ts').commit('remove keys');
    const result = gitRun(repo.dir, ['push', 'origin', 'main']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('deploy/aws.ts');
    expect(result.output).toContain('diff-guardian: push blocked');
    expect(gitRun(repo.dir, ['ls-remote', 'origin', 'main']).output).toContain(repo.git('rev-parse', 'HEAD~2').trim());
  });

  it('reads the range from pre-commit framework variables', () => {
    const repo = TestRepo.init();
    const base = repo.write('README.md', '# demo\n').commit('init');
    const tip = repo.write('deploy/aws.ts', awsFile()).commit('add keys');
    const env = cleanEnv({ PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: tip, PRE_COMMIT_REMOTE_NAME: 'origin' });
    const result = runCli(repo.dir, ['hook', 'pre-push'], { env, input: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('deploy/aws.ts');
    expect(result.stderr).toContain(`commit ${tip.slice(0, 12)}`);
  });

  it('pushes the verdict notes that post-commit wrote', () => {
    const remote = TestRepo.init({ bare: true });
    const repo = TestRepo.init();
    repo.git('remote', 'add', 'origin', remote.dir);
    expect(install(repo).code).toBe(0);
    repo.write('src/app.ts', 'export const port = 8080;\n');
    expect(commit(repo, 'add app', { CLAUDECODE: '1' }).code).toBe(0);
    const note = repo.git('notes', '--ref=refs/notes/diff-guardian', 'show', 'HEAD');
    expect(note).toContain('diff-guardian verdict: allow');
    expect(note).toContain('runtime claude-code via env:CLAUDECODE');

    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    const local = repo.git('rev-parse', 'refs/notes/diff-guardian').trim();
    expect(remote.git('rev-parse', 'refs/notes/diff-guardian').trim()).toBe(local);
  });
});
