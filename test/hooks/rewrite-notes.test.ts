import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { splitNote } from '../../src/notes/index.js';
import { GIT_ENV, runCli, TestRepo } from '../helpers/repo.js';

const REF = 'refs/notes/diff-guardian';

/** Runs git with the hooks installed and returns its exit code and output. */
function git(cwd: string, args: string[], input?: string): { code: number; output: string } {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', input });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/** Returns the number of verdict records in the note of `commit`, 0 when it has none. */
function recordsOf(repo: TestRepo, commit: string): number {
  const note = spawnSync('git', ['notes', `--ref=${REF}`, 'show', commit], { cwd: repo.dir, env: GIT_ENV, encoding: 'utf8' });
  return note.status === 0 ? splitNote(note.stdout).length : 0;
}

/** A repository with the client hooks, a main branch and a feature branch one commit ahead of a main that moved. */
function diverged(): TestRepo {
  const repo = TestRepo.init();
  expect(runCli(repo.dir, ['install']).code).toBe(0);
  repo.write('a.txt', 'a\n');
  expect(git(repo.dir, ['add', '-A']).code).toBe(0);
  expect(git(repo.dir, ['commit', '-q', '-m', 'Add a']).code).toBe(0);
  git(repo.dir, ['checkout', '-q', '-b', 'feature']);
  repo.write('b.txt', 'b\n');
  git(repo.dir, ['add', '-A']);
  expect(git(repo.dir, ['commit', '-q', '-m', 'Add b']).code).toBe(0);
  git(repo.dir, ['checkout', '-q', 'main']);
  repo.write('c.txt', 'c\n');
  git(repo.dir, ['add', '-A']);
  expect(git(repo.dir, ['commit', '-q', '-m', 'Add c']).code).toBe(0);
  return repo;
}

describe('verdict notes of merges and rewrites', () => {
  it('writes a note for a merge commit', () => {
    const repo = diverged();
    expect(git(repo.dir, ['merge', '--no-ff', '-q', '-m', 'Merge feature', 'feature']).code).toBe(0);
    const head = repo.git('rev-parse', 'HEAD').trim();
    expect(recordsOf(repo, head)).toBe(1);
    const verify = runCli(repo.dir, ['verify', 'HEAD~1..HEAD']);
    expect(verify.stdout).not.toContain('missing');
  });

  it('keeps one note per commit over repeated rebases', () => {
    const repo = diverged();
    git(repo.dir, ['checkout', '-q', 'feature']);
    for (let round = 0; round < 3; round += 1) {
      expect(git(repo.dir, ['rebase', '-q', '--force-rebase', 'main']).code).toBe(0);
    }
    expect(recordsOf(repo, repo.git('rev-parse', 'HEAD').trim())).toBe(1);
  });

  it('writes notes for commits an apply rebase made', () => {
    const repo = diverged();
    git(repo.dir, ['checkout', '-q', 'feature']);
    expect(git(repo.dir, ['rebase', '-q', '--apply', 'main']).code).toBe(0);
    expect(recordsOf(repo, repo.git('rev-parse', 'HEAD').trim())).toBe(1);
  });

  it('installs post-merge and post-rewrite without a rewrite ref', () => {
    const repo = TestRepo.init();
    expect(runCli(repo.dir, ['install']).code).toBe(0);
    const hooks = repo.git('rev-parse', '--git-path', 'hooks').trim();
    expect(git(repo.dir, ['config', '--get-all', 'notes.rewriteRef']).code).toBe(1);
    for (const name of ['post-merge', 'post-rewrite']) {
      expect(spawnSync('test', ['-x', `${repo.dir}/${hooks}/${name}`]).status).toBe(0);
    }
  });
});
