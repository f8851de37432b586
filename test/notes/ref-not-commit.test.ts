import { describe, expect, it } from 'vitest';
import { NOTES_REF } from '../../src/notes/index.js';
import { readRef, writeNotes } from '../../src/notes/store.js';
import { runCli, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun } from '../hooks/server-helpers.js';

/** Creates a repository with one commit and points its notes ref at `target`, a revision naming a tree or blob. */
function repoWithBrokenRef(target: string): { repo: TestRepo; old: string } {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  const old = repo.git('rev-parse', target).trim();
  repo.git('update-ref', NOTES_REF, old);
  return { repo, old };
}

describe('notes ref that is not a commit', () => {
  for (const [type, target] of [
    ['tree', 'HEAD^{tree}'],
    ['blob', 'HEAD:README.md'],
  ] as const) {
    it(`rejects a ref to a ${type} at once`, async () => {
      const { repo, old } = repoWithBrokenRef(target);
      const head = repo.head();
      const write = writeNotes(repo.dir, NOTES_REF, new Map([[head, 'note\n']]));
      await expect(write).rejects.toThrow(`${NOTES_REF} points at a ${type} (${old}), not a notes commit`);
      await expect(write).rejects.toThrow(`git update-ref -m 'diff-guardian: move a broken notes ref aside' ${NOTES_REF}-broken ${old}`);
      await expect(write).rejects.toThrow(`git update-ref -d ${NOTES_REF} ${old}`);
      // The ref is left unchanged, because repairing it is the user's decision.
      expect(repo.git('rev-parse', NOTES_REF).trim()).toBe(old);
    });
  }

  it('reads a missing ref as null', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    expect(readRef(repo.dir, NOTES_REF)).toBeNull();
  });

  it('post-commit prints one line and the repair works', () => {
    const { repo, old } = repoWithBrokenRef('HEAD^{tree}');
    expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
    repo.write('a.txt', 'one\n').stage();
    const result = gitRun(repo.dir, ['commit', '-q', '-m', 'add a']);
    expect(result.code).toBe(0);
    const lines = result.output.split('\n').filter((line) => line.includes('diff-guardian'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`points at a tree (${old}), not a notes commit`);
    expect(lines[0]).not.toContain('attempts');

    // The commands the message gives repair the ref, and the next commit gets its note.
    repo.git('update-ref', '-m', 'diff-guardian: move a broken notes ref aside', `${NOTES_REF}-broken`, old);
    repo.git('update-ref', '-d', NOTES_REF, old);
    repo.write('b.txt', 'two\n').stage();
    const next = gitRun(repo.dir, ['commit', '-q', '-m', 'add b']);
    expect(next.output).not.toContain('warning');
    expect(repo.git('notes', `--ref=${NOTES_REF}`, 'list', 'HEAD').trim()).not.toBe('');
  });
});
