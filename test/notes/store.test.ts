import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNotes } from '../../src/notes/store.js';
import { GIT_ENV, git, tempDir, TestRepo } from '../helpers/repo.js';

const REF = 'refs/notes/diff-guardian';
const IDENTITY = {
  author: 'Avery Author <avery@example.com> 1700000000 +0100',
  committer: 'Casey Committer <casey@example.com> 1700000060 -0500',
};

beforeAll(() => {
  // The writer runs git in this process, so it gets the tests' config and identity.
  Object.assign(process.env, {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: GIT_ENV.GIT_AUTHOR_NAME,
    GIT_AUTHOR_EMAIL: GIT_ENV.GIT_AUTHOR_EMAIL,
    GIT_COMMITTER_NAME: GIT_ENV.GIT_COMMITTER_NAME,
    GIT_COMMITTER_EMAIL: GIT_ENV.GIT_COMMITTER_EMAIL,
  });
});

/** Adds `count` commits to `main` with one fast-import and returns their ids, oldest first. */
function importCommits(dir: string, count: number): string[] {
  const lines: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const content = `line ${i}\n`;
    const message = `commit ${i}\n`;
    lines.push('commit refs/heads/main', `mark :${i}`, `committer Dana <dana@example.com> ${1700000000 + i} +0000`);
    lines.push(`data ${message.length}`, message.slice(0, -1));
    if (i > 1) lines.push(`from :${i - 1}`);
    lines.push('M 100644 inline file.txt', `data ${content.length}`, content.slice(0, -1), '');
  }
  git(dir, ['fast-import', '--quiet'], lines.join('\n') + '\n');
  return git(dir, ['rev-list', '--reverse', 'main']).trim().split('\n');
}

function repoWithCommits(count: number): { repo: TestRepo; shas: string[] } {
  const repo = TestRepo.init();
  return { repo, shas: importCommits(repo.dir, count) };
}

function noteOf(dir: string, sha: string): string {
  return git(dir, ['notes', `--ref=${REF}`, 'show', sha]);
}

function notedCommits(dir: string): string[] {
  return git(dir, ['notes', `--ref=${REF}`, 'list'])
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[1]!);
}

/** Paths of the notes tree's entries that are notes, at any depth. */
function notePaths(dir: string, ref = REF): string[] {
  return git(dir, ['ls-tree', '-r', '--name-only', ref]).trim().split('\n').filter(Boolean);
}

describe('writeNotes', () => {
  it('writes the first note of a repository', async () => {
    const { repo, shas } = repoWithCommits(1);
    const result = await writeNotes(repo.dir, REF, new Map([[shas[0]!, 'verdict: allow\n']]), { identity: IDENTITY });

    expect(result.notesCommit).toBe(repo.git('rev-parse', REF).trim());
    expect(result.commits).toEqual(shas);
    expect(noteOf(repo.dir, shas[0]!)).toBe('verdict: allow\n');
    expect(repo.git('log', `--notes=${REF}`, '-1', 'main')).toContain('Notes (diff-guardian):\n    verdict: allow');
    expect(repo.git('rev-list', '--parents', REF).trim()).toBe(result.notesCommit);
  });

  it('records the given author, committer and message', async () => {
    const { repo, shas } = repoWithCommits(1);
    await writeNotes(repo.dir, REF, new Map([[shas[0]!, 'x\n']]), { identity: IDENTITY });
    const raw = repo.git('cat-file', 'commit', REF);

    expect(raw).toContain(`\nauthor ${IDENTITY.author}\n`);
    expect(raw).toContain(`\ncommitter ${IDENTITY.committer}\n`);
    expect(raw.endsWith('\n\nNotes added by diff-guardian\n')).toBe(true);
  });

  it('takes the identity git gives a new commit', async () => {
    const { repo, shas } = repoWithCommits(1);
    await writeNotes(repo.dir, REF, new Map([[shas[0]!, 'x\n']]));
    const people = repo.git('log', '-1', '--format=%an <%ae>|%cn <%ce>', REF).trim();

    expect(people).toBe('Dana Developer <dana@example.com>|Dana Developer <dana@example.com>');
  });

  it('stores the note text byte for byte', async () => {
    const { repo, shas } = repoWithCommits(1);
    const text = 'Prüfung: ✓\r\nno newline at the end';
    await writeNotes(repo.dir, REF, new Map([[shas[0]!, text]]), { identity: IDENTITY });
    const blob = repo.git('rev-parse', `${REF}:${shas[0]}`).trim();

    expect(git(repo.dir, ['cat-file', 'blob', blob])).toBe(text);
  });

  it('replaces a note and keeps the others', async () => {
    const { repo, shas } = repoWithCommits(2);
    const [first, second] = shas as [string, string];
    await writeNotes(repo.dir, REF, new Map([[first, 'old\n'], [second, 'other\n']]), { identity: IDENTITY });
    await writeNotes(repo.dir, REF, new Map([[first, 'new\n']]), { identity: IDENTITY });

    expect(noteOf(repo.dir, first)).toBe('new\n');
    expect(noteOf(repo.dir, second)).toBe('other\n');
    expect(notePaths(repo.dir).sort()).toEqual([first, second].sort());
    expect(repo.git('rev-list', '--count', REF).trim()).toBe('2');
  });

  it('fans out a tree of many notes as git notes does', async () => {
    const { repo, shas } = repoWithCommits(301);
    const many = new Map(shas.slice(0, 300).map((sha, i) => [sha, `note ${i}\n`]));
    await writeNotes(repo.dir, REF, many, { identity: IDENTITY });
    await writeNotes(repo.dir, REF, new Map([[shas[300]!, 'last\n']]), { identity: IDENTITY });
    // git's own writer adds one more note to the same tree.
    repo.git('notes', `--ref=${REF}`, 'add', '-f', '-m', 'by git', shas[0]!);

    const paths = notePaths(repo.dir);
    expect(paths).toHaveLength(301);
    for (const path of paths) expect(path).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{38}$/);
    expect(notedCommits(repo.dir)).toHaveLength(301);
    expect(noteOf(repo.dir, shas[0]!)).toBe('by git\n');
    expect(noteOf(repo.dir, shas[150]!)).toBe('note 150\n');
    expect(noteOf(repo.dir, shas[300]!)).toBe('last\n');
  });

  it('replaces a note at the top of a fanned-out tree', async () => {
    const { repo, shas } = repoWithCommits(300);
    // Earlier versions of the writer put every note at the top of the tree.
    const lines = ['commit refs/notes/diff-guardian', `committer ${IDENTITY.committer}`, 'data 4', 'flat'];
    for (const sha of shas) lines.push('M 100644 inline ' + sha, 'data 5', 'flat');
    git(repo.dir, ['fast-import', '--quiet'], lines.join('\n') + '\n\n');
    await writeNotes(repo.dir, REF, new Map([[shas[7]!, 'new\n']]), { identity: IDENTITY });

    expect(noteOf(repo.dir, shas[7]!)).toBe('new\n');
    expect(notePaths(repo.dir).filter((path) => path.replace('/', '') === shas[7])).toHaveLength(1);
    expect(notedCommits(repo.dir)).toHaveLength(300);
  });

  it('writes from the new tip when another writer moved the ref', async () => {
    const { repo, shas } = repoWithCommits(3);
    const [first, second, third] = shas as [string, string, string];
    const stale = (await writeNotes(repo.dir, REF, new Map([[first, 'one\n']]), { identity: IDENTITY })).notesCommit;
    repo.git('notes', `--ref=${REF}`, 'add', '-m', 'two', second);
    const moved = repo.git('rev-parse', REF).trim();
    const result = await writeNotes(repo.dir, REF, new Map([[third, 'three\n']]), { identity: IDENTITY, tip: stale });

    expect(repo.git('rev-parse', `${result.notesCommit}^`).trim()).toBe(moved);
    expect(noteOf(repo.dir, first)).toBe('one\n');
    expect(noteOf(repo.dir, second)).toBe('two\n');
    expect(noteOf(repo.dir, third)).toBe('three\n');
  });

  it('rejects a notes ref that points at a blob', async () => {
    const { repo, shas } = repoWithCommits(1);
    const blob = git(repo.dir, ['hash-object', '-w', '--stdin'], 'not a commit\n').trim();
    repo.git('update-ref', REF, blob);
    const write = writeNotes(repo.dir, REF, new Map([[shas[0]!, 'x\n']]), { identity: IDENTITY });

    await expect(write).rejects.toThrow(`${REF} points at a blob (${blob}), not a notes commit`);
    expect(repo.git('rev-parse', REF).trim()).toBe(blob);
  });

  it('writes in a bare repository', async () => {
    const { repo, shas } = repoWithCommits(1);
    const bare = join(tempDir(), 'server.git');
    git(repo.dir, ['clone', '-q', '--bare', repo.dir, bare]);
    await writeNotes(bare, REF, new Map([[shas[0]!, 'bare\n']]), { identity: IDENTITY });

    expect(noteOf(bare, shas[0]!)).toBe('bare\n');
  });

  it('writes the shared ref from a linked worktree', async () => {
    const { repo, shas } = repoWithCommits(2);
    const linked = join(tempDir(), 'linked');
    repo.git('worktree', 'add', '-q', '--detach', linked, shas[0]!);
    await writeNotes(linked, REF, new Map([[shas[0]!, 'from the worktree\n']]), { identity: IDENTITY });

    expect(noteOf(repo.dir, shas[0]!)).toBe('from the worktree\n');
  });

  it('writes while the index is locked', async () => {
    const { repo, shas } = repoWithCommits(1);
    writeFileSync(join(repo.dir, '.git', 'index.lock'), '');
    await writeNotes(repo.dir, REF, new Map([[shas[0]!, 'locked\n']]), { identity: IDENTITY });

    expect(noteOf(repo.dir, shas[0]!)).toBe('locked\n');
  });

  it('writes notes that git notes merge can union', async () => {
    const { repo, shas } = repoWithCommits(2);
    const [first, second] = shas as [string, string];
    const other = 'refs/notes/other';
    await writeNotes(repo.dir, REF, new Map([[first, 'ours\n']]), { identity: IDENTITY });
    await writeNotes(repo.dir, other, new Map([[first, 'theirs\n'], [second, 'only theirs\n']]), { identity: IDENTITY });
    repo.git('notes', `--ref=${REF}`, 'merge', '--quiet', '--strategy=union', other);

    expect(noteOf(repo.dir, first)).toBe('ours\n\ntheirs\n');
    expect(noteOf(repo.dir, second)).toBe('only theirs\n');
  });
});
