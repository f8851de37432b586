import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiffParser, type ParsedCommitDiff } from '../../src/git/diff-parser.js';
import { GIT_ENV, TestRepo } from '../helpers/repo.js';

/** Builds a repository whose history has every kind of entry the parser must read. */
function busyRepo(): { repo: TestRepo; input: string } {
  const repo = TestRepo.init();
  repo.write('a.txt', 'one\ntwo\n').write('deleted.txt', 'bye\n').commit('root');
  repo.write('a.txt', 'one\n2\ntwo\nthree').write('crlf.ini', 'a=1\r\nb=2\r\n');
  repo.write('bin.dat', Buffer.from([0, 1, 2, 10, 100, 101, 102, 10])).remove('deleted.txt');
  repo.write('Ávila/x.py', 'print(1)\n').write('deleted file mode.txt', 'diff --git a/x b/x\n');
  symlinkSync('../outside', repo.path('link'));
  repo.commit('many');
  repo.git('update-index', '--chmod=+x', 'a.txt');
  repo.git('commit', '-q', '-m', 'mode');
  repo.commit('empty', { allowEmpty: true });
  const shas = repo.git('rev-list', '--reverse', 'HEAD').trim().split('\n');
  const input = shas.map((sha, i) => (i === 0 ? sha : `${sha} ${shas[i - 1]}`)).join('\n') + '\n';
  return { repo, input };
}

function rawOutput(repo: TestRepo, input: string): Buffer {
  return execFileSync(
    'git',
    ['diff-tree', '--stdin', '--always', '--root', '-z', '-r', '--raw', '-p', '--text', '--no-textconv', '--no-ext-diff', '-M', '-C', '--full-index'],
    { cwd: repo.dir, env: GIT_ENV, input },
  );
}

function parse(output: Buffer, chunkSizes: (index: number) => number): ParsedCommitDiff[] {
  const commits: ParsedCommitDiff[] = [];
  const parser = new DiffParser({ commitHeaders: true, maxFileBytes: 1 << 20, onCommit: (c) => commits.push(c) });
  for (let offset = 0, i = 0; offset < output.length; i += 1) {
    const size = Math.max(1, chunkSizes(i));
    parser.push(output.subarray(offset, offset + size));
    offset += size;
  }
  parser.end();
  return commits;
}

function summary(commits: ParsedCommitDiff[]) {
  return commits.map((c) => ({
    sha: c.sha,
    files: c.files.map((f) => ({ path: f.newPath ?? f.oldPath, status: f.raw.status, added: f.added, removed: f.removed })),
  }));
}

describe('diff parser', () => {
  it('gives the same result for any chunking', () => {
    const { repo, input } = busyRepo();
    const output = rawOutput(repo, input);
    const whole = summary(parse(output, () => output.length));
    expect(whole).toHaveLength(4);
    expect(whole[1]!.files.map((f) => f.path)).toContain('deleted file mode.txt');
    expect(summary(parse(output, () => 1))).toEqual(whole);
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 1 + (seed % 97);
    };
    expect(summary(parse(output, random))).toEqual(whole);
  });

  it('decodes ASCII and other lines alike', () => {
    // Lines of ASCII bytes are cut from the chunk decoded once, and the others are decoded one by one.
    const repo = TestRepo.init();
    const lines = [
      Buffer.from('\ufeffconst bom = 1;'),
      Buffer.from('plain ascii line with a \ttab'),
      Buffer.from('caf\u00e9 \u212a \u{1f600} mixed'),
      Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x20, 0x62, 0x79, 0x74, 0x65, 0x73]),
      Buffer.from('crlf line\r'),
      Buffer.from('x'.repeat(200)),
      Buffer.from([0xe2, 0x82]),
      // Lines longer than the blocks tested for bytes outside ASCII, with such a byte inside, at the end or nowhere.
      Buffer.from(`${'y'.repeat(1500)}\u00e9${'z'.repeat(1500)}`),
      Buffer.from('a'.repeat(3000)),
      Buffer.from(`${'b'.repeat(1023)}\u00e9`),
      Buffer.from('last'),
    ];
    repo.write('mixed.txt', Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
    const sha = repo.commit('mixed');
    const output = rawOutput(repo, `${sha}\n`);
    const decoder = new TextDecoder();
    const expected = lines.map((line, index) => ({ line: index + 1, text: decoder.decode(line).replace(/\r$/, '') }));
    for (const size of [output.length, 1, 7, 64]) {
      const [commit] = parse(output, () => size);
      const file = commit!.files.find((f) => f.newPath === 'mixed.txt')!;
      expect(file.added.map((l) => ({ line: l.line, text: l.text }))).toEqual(expected);
    }
  });

  it('lists hunk lines in diff order', () => {
    const repo = TestRepo.init();
    repo.write('old.txt', 'a\nb\nc\n').commit('root');
    repo.write('old.txt', 'a\nB\nc\nd\n').write('new.txt', 'x\ny\n');
    const sha = repo.commit('edit and add');
    const [commit] = parse(rawOutput(repo, `${sha}\n`), () => 7);
    const hunkLines = (path: string) => commit!.files.find((f) => f.newPath === path)!.hunks.flatMap((h) => h.lines.map((l) => `${l.op}${l.text}`));
    expect(hunkLines('old.txt')).toEqual([' a', '-b', '+B', ' c', '+d']);
    expect(hunkLines('new.txt')).toEqual(['+x', '+y']);
    const added = commit!.files.find((f) => f.newPath === 'new.txt')!;
    expect(added.hunks[0]!.lines.map((l) => l.newLine)).toEqual(added.added.map((l) => l.line));
  });

  it('reads a content line that looks like a diff header', () => {
    const { repo, input } = busyRepo();
    const commits = summary(parse(rawOutput(repo, input), () => 4096));
    const file = commits[1]!.files.find((f) => f.path === 'deleted file mode.txt')!;
    expect(file.added).toEqual([{ line: 1, text: 'diff --git a/x b/x' }]);
  });

  it('rejects output cut inside a hunk', () => {
    const { repo, input } = busyRepo();
    const output = rawOutput(repo, input);
    const cut = output.indexOf(Buffer.from('+2\n')) + 1;
    expect(() => parse(output.subarray(0, cut), () => 1 << 20)).toThrow(/ended inside a hunk|more patch sections|inside a record/);
  });

  it('rejects output that is not a diff', () => {
    expect(() => parse(Buffer.from('hello world\n'), () => 100)).toThrow(/expected a commit id|inside a record/);
  });

  it('reads a line longer than many chunks', () => {
    const repo = TestRepo.init();
    const long = `const s = '${'é'.repeat(40_000)}${'x'.repeat(40_000)}';`;
    repo.write('bundle.min.js', `${long}\nconsole.log(s);\n`);
    const sha = repo.commit('add a minified bundle');
    const output = rawOutput(repo, `${sha}\n`);
    const whole = summary(parse(output, () => output.length));
    expect(whole[0]!.files[0]!.added).toEqual([
      { line: 1, text: long },
      { line: 2, text: 'console.log(s);' },
    ]);
    // Odd sizes split the two-byte characters across chunks.
    expect(summary(parse(output, () => 1023))).toEqual(whole);
    expect(summary(parse(output, () => 1))).toEqual(whole);
  });

  it('drops the lines of a file over the size cap', () => {
    const repo = TestRepo.init();
    repo.write('big.txt', 'x'.repeat(5000) + '\n').write('small.txt', 'ok\n');
    const sha = repo.commit('big');
    const commits: ParsedCommitDiff[] = [];
    const parser = new DiffParser({ commitHeaders: true, maxFileBytes: 1000, onCommit: (c) => commits.push(c) });
    parser.push(rawOutput(repo, `${sha}\n`));
    parser.end();
    const big = commits[0]!.files.find((f) => f.newPath === 'big.txt')!;
    expect(big.skipped).toBe('too-large');
    expect(big.added).toEqual([]);
    expect(commits[0]!.files.find((f) => f.newPath === 'small.txt')!.added).toEqual([{ line: 1, text: 'ok' }]);
  });
});
