import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineDetector } from '../../src/detectors/define.js';
import { checkCommits, checkStaged } from '../../src/engine/check.js';
import type { CommitChange, FileChange } from '../../src/model/types.js';
import { GIT_ENV, TestRepo } from '../helpers/repo.js';

/** Runs the real reader over commits and returns the change models it built. */
async function capture(repo: TestRepo, shas: string[], options: { mergeParents?: 'first' | 'all' } = {}) {
  const seen: CommitChange[] = [];
  const contents = new Map<string, { old: string | null; new: string | null }>();
  const recorder = defineDetector({
    meta: {
      id: 'secret/test-recorder',
      category: 'secret',
      severity: 'info',
      confidence: 'low',
      description: 'Report nothing; records the change model for tests.',
      messages: { none: 'none' },
    },
    async run({ commit }) {
      seen.push(commit);
      for (const file of commit.files) {
        contents.set(`${commit.sha}:${file.path}`, { old: await file.oldContent(), new: await file.newContent() });
      }
    },
  });
  const result = await checkCommits(shas, { cwd: repo.dir, detectors: [recorder], ...options });
  return { seen, contents, result };
}

function fileNamed(change: CommitChange, path: string): FileChange {
  const file = change.files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in ${change.files.map((f) => f.path).join(', ')}`);
  return file;
}

describe('git diff reader', () => {
  it('reads a root commit against the empty tree', async () => {
    const repo = TestRepo.init();
    const sha = repo.write('a.txt', 'one\ntwo\n').commit('root');
    const { seen } = await capture(repo, [sha]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.base).toBeNull();
    const file = fileNamed(seen[0]!, 'a.txt');
    expect(file.status).toBe('added');
    expect(file.added).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
    ]);
  });

  it('numbers added and removed lines', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\nb\nc\nd\n').commit('one');
    const sha = repo.write('a.txt', 'a\nB\nc\nd\ne\n').commit('two');
    const { seen } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'a.txt');
    expect(file.removed).toEqual([{ line: 2, text: 'b' }]);
    expect(file.added).toEqual([
      { line: 2, text: 'B' },
      { line: 5, text: 'e' },
    ]);
    expect(file.hunks.length).toBeGreaterThan(0);
  });

  it('reports a rename with edits and only the edited lines', async () => {
    const repo = TestRepo.init();
    const body = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n';
    repo.write('old/name.ts', body).commit('one');
    repo.remove('old/name.ts');
    const sha = repo.write('new/name.ts', body.replace('line 5\n', 'line five\n')).commit('rename');
    const { seen } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'new/name.ts');
    expect(file.status).toBe('renamed');
    expect(file.oldPath).toBe('old/name.ts');
    expect(file.added).toEqual([{ line: 6, text: 'line five' }]);
  });

  it('reports a copy with edits', async () => {
    const repo = TestRepo.init();
    const body = Array.from({ length: 30 }, (_, i) => `const value${i} = ${i};`).join('\n') + '\n';
    repo.write('src/a.ts', body).commit('one');
    // git detects copies from files modified in the same commit.
    repo.write('src/a.ts', body + 'export {};\n');
    const sha = repo.write('src/b.ts', body.replace('value3 = 3', 'value3 = 33')).commit('copy');
    const { seen } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'src/b.ts');
    expect(file.status).toBe('copied');
    expect(file.oldPath).toBe('src/a.ts');
    expect(file.added).toEqual([{ line: 4, text: 'const value3 = 33;' }]);
  });

  it('reports mode-only changes with no lines', async () => {
    const repo = TestRepo.init();
    repo.write('run.sh', 'echo hi\n').commit('one');
    repo.git('update-index', '--chmod=+x', 'run.sh');
    repo.git('commit', '-q', '-m', 'exec');
    const { seen } = await capture(repo, [repo.head()]);
    const file = fileNamed(seen[0]!, 'run.sh');
    expect(file.oldMode).toBe('100644');
    expect(file.newMode).toBe('100755');
    expect(file.newKind).toBe('executable');
    expect(file.added).toEqual([]);
  });

  it('reads a symlink and its target', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    symlinkSync('/root/.ssh/id_rsa', repo.path('key'));
    const sha = repo.commit('link');
    const { seen, contents } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'key');
    expect(file.newKind).toBe('symlink');
    expect(file.added).toEqual([{ line: 1, text: '/root/.ssh/id_rsa' }]);
    expect(contents.get(`${sha}:key`)!.new).toBe('/root/.ssh/id_rsa');
  });

  it('reports a submodule without reading content', async () => {
    const sub = TestRepo.init();
    sub.write('x.txt', 'x\n').commit('sub');
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    execFileSync('git', ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/sub'], {
      cwd: repo.dir,
      env: GIT_ENV,
    });
    const sha = repo.commit('add submodule');
    const { seen } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'vendor/sub');
    expect(file.newKind).toBe('submodule');
    expect(file.skipped).toBe('submodule');
    expect(file.added).toEqual([]);
    expect(fileNamed(seen[0]!, '.gitmodules').added.length).toBeGreaterThan(0);
  });

  it('reads text inside a file with NUL bytes', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    const sha = repo.write('blob.bin', Buffer.from('\u0000\u0001header\ntoken = visible-text\n')).commit('bin');
    const { seen } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'blob.bin');
    expect(file.binary).toBe(true);
    expect(file.added.map((l) => l.text)).toContain('token = visible-text');
  });

  it('ignores .gitattributes that mark files binary or swap diff drivers', async () => {
    const repo = TestRepo.init();
    repo.write('.gitattributes', '*.cfg binary\n*.ini -diff\n*.env diff=hide\n').commit('attrs');
    repo.git('config', 'diff.hide.textconv', 'true');
    repo.git('config', 'diff.hide.command', 'true');
    repo.write('a.cfg', 'hidden = one\n').write('b.ini', 'hidden = two\n').write('c.env', 'hidden = three\n');
    const sha = repo.commit('hidden');
    const { seen } = await capture(repo, [sha]);
    expect(fileNamed(seen[0]!, 'a.cfg').added).toEqual([{ line: 1, text: 'hidden = one' }]);
    expect(fileNamed(seen[0]!, 'b.ini').added).toEqual([{ line: 1, text: 'hidden = two' }]);
    expect(fileNamed(seen[0]!, 'c.env').added).toEqual([{ line: 1, text: 'hidden = three' }]);
  });

  it('reports deletions with removed lines', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').write('gone.txt', 'bye\n').commit('one');
    const sha = repo.remove('gone.txt').commit('delete');
    const { seen, contents } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'gone.txt');
    expect(file.status).toBe('deleted');
    expect(file.newPath).toBeNull();
    expect(file.removed).toEqual([{ line: 1, text: 'bye' }]);
    expect(contents.get(`${sha}:gone.txt`)).toEqual({ old: 'bye\n', new: null });
  });

  it('strips CRLF line ends and marks the file', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    const sha = repo.write('win.ini', 'a=1\r\nb=2\r\n').commit('crlf');
    const { seen } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'win.ini');
    expect(file.crlf).toBe(true);
    expect(file.added.map((l) => l.text)).toEqual(['a=1', 'b=2']);
  });

  it('reads non-UTF-8 content and paths', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    repo.write('Ávila/client.py', 'print("olá")\n');
    repo.write(Buffer.from('raw_\xff.cfg', 'latin1').toString('latin1'), Buffer.from('name = caf\xe9\n', 'latin1'));
    const sha = repo.commit('odd names');
    const { seen } = await capture(repo, [sha]);
    const paths = seen[0]!.files.map((f) => f.path).sort();
    expect(paths).toContain('Ávila/client.py');
    const latin = seen[0]!.files.find((f) => f.path.startsWith('raw_'))!;
    expect(latin).toBeDefined();
    expect(latin.added[0]!.text.startsWith('name = caf')).toBe(true);
  });

  it('reports files over the size cap as skipped', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    repo.write('.diff-guardian.yml', 'settings:\n  maxFileBytes: 4096\n').commit('config');
    const big = 'const data = 1;\n'.repeat(1000);
    const sha = repo.write('big.ts', big).write('small.ts', 'ok\n').commit('big');
    const { seen, result } = await capture(repo, [sha]);
    const file = fileNamed(seen[0]!, 'big.ts');
    expect(file.skipped).toBe('too-large');
    expect(file.added).toEqual([]);
    expect(result.commits[0]!.skipped).toEqual([{ file: 'big.ts', reason: 'too-large' }]);
    expect(fileNamed(seen[0]!, 'small.ts').skipped).toBeUndefined();
  });

  it('diffs a merge against its first parent by default', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'base\n').commit('base');
    repo.git('switch', '-q', '-c', 'side');
    repo.write('side.txt', 'from side\n').commit('side');
    repo.git('switch', '-q', 'main');
    repo.write('main.txt', 'from main\n').commit('main');
    repo.git('merge', '-q', '--no-ff', 'side', '-m', 'merge side');
    const merge = repo.head();
    const first = await capture(repo, [merge]);
    expect(first.seen).toHaveLength(1);
    expect(first.seen[0]!.files.map((f) => f.path)).toEqual(['side.txt']);
    const all = await capture(repo, [merge], { mergeParents: 'all' });
    expect(all.seen).toHaveLength(2);
    expect(all.seen.map((c) => c.files.map((f) => f.path).join(','))).toEqual(['side.txt', 'main.txt']);
  });

  it('reads an empty commit', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    const sha = repo.commit('nothing', { allowEmpty: true });
    const { seen, result } = await capture(repo, [sha]);
    expect(seen[0]!.files).toEqual([]);
    expect(result.verdict).toBe('allow');
  });

  it('reads metadata and trailers', async () => {
    const repo = TestRepo.init();
    const sha = repo.write('a.txt', 'x\n').commit('subject line', { agent: true });
    const { seen } = await capture(repo, [sha]);
    expect(seen[0]!.message).toContain('subject line');
    expect(seen[0]!.author.email).toBe('dana@example.com');
    expect(seen[0]!.trailers).toEqual([{ key: 'Co-authored-by', value: 'Claude <noreply@anthropic.com>' }]);
  });

  it('reads the index before the first commit', async () => {
    const repo = TestRepo.init();
    repo.write('first.txt', 'hello\n').stage();
    const result = await checkStaged({ cwd: repo.dir, detectors: [] });
    expect(result.commits[0]!.sha).toBe('STAGED');
    expect(result.verdict).toBe('allow');
  });

  it('reads a staged diff too large for one synchronous read as a stream', async () => {
    const repo = TestRepo.init();
    repo.write('keep.txt', 'a\n').commit('one');
    // About 9 MB of diff text: above the size read with one synchronous git call.
    const big = Array.from({ length: 120_000 }, (_, i) => `line ${i} ${'x'.repeat(64)}`).join('\n') + '\n';
    repo.write('big.txt', big).write('keep.txt', 'a\nb\n').stage();
    const seen: CommitChange[] = [];
    const recorder = defineDetector({
      meta: {
        id: 'secret/test-recorder',
        category: 'secret',
        severity: 'info',
        confidence: 'low',
        description: 'Report nothing; records the change model for tests.',
        messages: { none: 'none' },
      },
      run({ commit }) {
        seen.push(commit);
      },
    });
    await checkStaged({ cwd: repo.dir, detectors: [recorder] });
    expect(seen[0]!.files.map((f) => f.path).sort()).toEqual(['big.txt', 'keep.txt']);
    expect(fileNamed(seen[0]!, 'keep.txt').added).toEqual([{ line: 2, text: 'b' }]);
    expect(fileNamed(seen[0]!, 'big.txt').skipped).toBeTruthy();
  });

  it('reads many commits in order through one stream', async () => {
    const repo = TestRepo.init();
    const shas: string[] = [];
    for (let i = 0; i < 40; i += 1) shas.push(repo.write(`f${i % 5}.txt`, `v${i}\n`).commit(`c${i}`));
    const { seen } = await capture(repo, shas);
    expect(seen.map((c) => c.sha)).toEqual(shas);
    expect(seen[39]!.files[0]!.added).toEqual([{ line: 1, text: 'v39' }]);
  });
});
