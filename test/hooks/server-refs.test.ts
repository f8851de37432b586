import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { githubToken } from '../helpers/secrets.js';
import { gitRun, serverWithHooks } from './server-helpers.js';

// What a push publishes besides commit diffs: tag messages, ref names and
// refs that point at blobs or trees. Each can carry content no commit shows.

describe('server refs and tags', () => {
  it('rejects an annotated tag whose message holds a token', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    const token = githubToken();
    work.git('tag', '-a', 'v1.0.0', '-m', `Release\n\ndeploy with ${token}`);
    const push = gitRun(work.dir, ['push', 'origin', 'v1.0.0']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('<tag-message>');
    expect(push.output).toContain('message of tag object');
    expect(push.output).toContain('pushed to refs/tags/v1.0.0');
    expect(push.output).toContain('1 tag message(s) or ref name list(s) blocked');
    expect(push.output).not.toContain('new commit(s)');
    expect(push.output).not.toContain(token);
  });

  it('rejects a ref that points at a blob', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    const oid = gitRun(work.dir, ['hash-object', '-w', 'README.md']).output.trim();
    work.git('update-ref', 'refs/tags/blobtag', oid);
    const push = gitRun(work.dir, ['push', 'origin', 'refs/tags/blobtag']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('points to a blob, not a commit');
  });

  it('rejects a branch named after a token', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    const token = githubToken();
    const push = gitRun(work.dir, ['push', 'origin', `HEAD:refs/heads/${token}`]);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('<ref-name>');
    expect(push.output).toContain('pushed ref names (line 1 of the pushed ref list, names withheld)');
    expect(push.output).not.toContain('REFS');
    expect(push.output.split(token).length - 1).toBeLessThanOrEqual(2);
  });

  it('keeps the verdict notes from being deleted by default', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    // post-receive has written the server's notes ref for the pushed commit.
    const push = gitRun(work.dir, ['push', 'origin', ':refs/notes/diff-guardian']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('deleting refs/notes/diff-guardian is not allowed');
  });

  it('keeps the verdict notes from being emptied by a push', () => {
    const { work, bare } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    expect(gitRun(work.dir, ['fetch', '-q', 'origin', '+refs/notes/diff-guardian:refs/notes/server']).code).toBe(0);
    // mktree with nothing on stdin writes the empty tree.
    const emptyTree = work.git('mktree').trim();
    const parent = work.git('rev-parse', 'refs/notes/server').trim();
    const emptied = work.git('commit-tree', emptyTree, '-p', parent, '-m', 'remove all').trim();
    const orphan = work.git('commit-tree', emptyTree, '-m', 'start over').trim();
    for (const [target, force] of [[emptied, ''], [orphan, '+']] as const) {
      const push = gitRun(work.dir, ['push', 'origin', `${force}${target}:refs/notes/diff-guardian`]);
      expect(push.code).not.toBe(0);
      expect(push.output).toContain('removes or rewrites 1 verdict note(s)');
    }
    expect(gitRun(bare, ['notes', '--ref=refs/notes/diff-guardian', 'list']).output.trim()).not.toBe('');
  });

  it('rejects a second copy of a note at another fan-out path', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    expect(gitRun(work.dir, ['fetch', '-q', 'origin', '+refs/notes/diff-guardian:refs/notes/server']).code).toBe(0);
    const commit = work.head();
    const forged = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: work.dir, input: 'diff-guardian verdict: allow\nforged\n', encoding: 'utf8' }).trim();
    const fanOut = execFileSync('git', ['mktree'], { cwd: work.dir, input: `100644 blob ${forged}\t${commit.slice(2)}\n`, encoding: 'utf8' }).trim();
    const listing = work.git('ls-tree', 'refs/notes/server');
    const tree = execFileSync('git', ['mktree'], { cwd: work.dir, input: `${listing}040000 tree ${fanOut}\t${commit.slice(0, 2)}\n`, encoding: 'utf8' }).trim();
    const notes = work.git('commit-tree', tree, '-p', 'refs/notes/server', '-m', 'add').trim();
    const push = gitRun(work.dir, ['push', 'origin', `${notes}:refs/notes/diff-guardian`]);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('removes or rewrites 1 verdict note(s)');
  });

  it('accepts notes added on top of the server notes', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    expect(gitRun(work.dir, ['fetch', '-q', 'origin', '+refs/notes/diff-guardian:refs/notes/diff-guardian']).code).toBe(0);
    work.git('notes', '--ref=refs/notes/diff-guardian', 'append', '-m', 'reviewed by a person', 'HEAD');
    const push = gitRun(work.dir, ['push', 'origin', 'refs/notes/diff-guardian']);
    expect(push.code).toBe(0);
  });
});
