import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun } from './server-helpers.js';

const REF = 'refs/notes/diff-guardian';

function installed(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
  return repo;
}

function commitIn(dir: string, file: string, env: NodeJS.ProcessEnv = {}, ...args: string[]) {
  gitRun(dir, ['add', file]);
  return gitRun(dir, ['commit', '-q', '-m', `add ${file}`, ...args], env);
}

function noteOf(repo: TestRepo, commit: string): string {
  return repo.git('notes', `--ref=${REF}`, 'show', commit);
}

/** Runs `git commit` in the background, so two commits' hooks can run at once. */
function commitAsync(dir: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const script = `git add "${file}" && git commit -q -m "add ${file}"`;
    const child = spawn('sh', ['-c', script], { cwd: dir, env: cleanEnv(), stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

describe('post-commit note', () => {
  it('copies commit author and configured committer', () => {
    const repo = installed();
    repo.write('src/app.ts', 'export const port = 8080;\n');
    const env = { GIT_COMMITTER_NAME: 'Casey Committer', GIT_COMMITTER_EMAIL: 'casey@example.com' };
    const result = commitIn(repo.dir, 'src/app.ts', env, '--author=Agent Smith <agent@example.com>', '--date=2020-01-01T00:00:00Z');
    expect(result.code).toBe(0);

    const people = (rev: string) => repo.git('log', '-1', '--format=%an <%ae> %at|%cn <%ce>', rev).trim();
    expect(people(REF)).toBe(people('HEAD'));
    expect(people(REF)).toBe('Agent Smith <agent@example.com> 1577836800|Casey Committer <casey@example.com>');
    expect(noteOf(repo, 'HEAD')).toContain('diff-guardian verdict: allow');
  });

  it('writes the note without early git calls', () => {
    const repo = installed();
    repo.write('src/app.ts', 'export const port = 8080;\n');
    expect(commitIn(repo.dir, 'src/app.ts', { DIFF_GUARDIAN_PREFETCH: 'off' }).code).toBe(0);

    expect(noteOf(repo, 'HEAD')).toContain('diff-guardian verdict: allow');
    expect(repo.git('log', '-1', '--format=%an', 'refs/notes/diff-guardian').trim()).toBe('Dana Developer');
  });

  it('signs with a key set in config as ~/path', () => {
    const home = tempDir();
    const repo = installed();
    expect(runCli(home, ['keygen', '--out', join(home, 'notes-key')]).code).toBe(0);
    repo.git('config', 'diff-guardian.signingKey', '~/notes-key');
    repo.write('src/app.ts', 'export const port = 8080;\n');
    expect(commitIn(repo.dir, 'src/app.ts', { HOME: home }).code).toBe(0);

    expect(noteOf(repo, 'HEAD')).toContain('-----BEGIN SSH SIGNATURE-----');
  });

  it('writes the note with hooks under core.hooksPath', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.git('config', 'core.hooksPath', join(tempDir(), 'hooks'));
    expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
    repo.write('src/app.ts', 'export const port = 8080;\n');
    expect(commitIn(repo.dir, 'src/app.ts').code).toBe(0);

    expect(noteOf(repo, 'HEAD')).toContain('diff-guardian verdict: allow');
  });

  it('writes the note of a commit made in a linked worktree', () => {
    const repo = installed();
    const linked = join(tempDir(), 'linked');
    repo.git('worktree', 'add', '-q', '-b', 'side', linked);
    new TestRepo(linked).write('side.ts', 'export const side = 1;\n');
    expect(commitIn(linked, 'side.ts').code).toBe(0);

    expect(noteOf(repo, 'side')).toContain('diff-guardian verdict: allow');
  });

  it('keeps both notes of racing commits', async () => {
    const repo = installed();
    const linked = join(tempDir(), 'linked');
    repo.git('worktree', 'add', '-q', '-b', 'side', linked);
    repo.write('main.ts', 'export const main = 1;\n');
    new TestRepo(linked).write('side.ts', 'export const side = 1;\n');
    const codes = await Promise.all([commitAsync(repo.dir, 'main.ts'), commitAsync(linked, 'side.ts')]);
    expect(codes).toEqual([0, 0]);

    expect(noteOf(repo, 'main')).toContain('diff-guardian verdict: allow');
    expect(noteOf(repo, 'side')).toContain('diff-guardian verdict: allow');
    // Each note is a notes commit on one line of history, none replacing the other.
    expect(repo.git('rev-list', '--count', REF).trim()).toBe('2');
    expect(repo.git('rev-list', '--merges', REF).trim()).toBe('');
  });
});
