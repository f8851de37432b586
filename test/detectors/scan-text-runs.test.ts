import { describe, expect, it } from 'vitest';
import { scanTexts } from '../../src/detectors/secrets/scan-text.js';
import { readCommitInfos } from '../../src/git/commits.js';
import { BlobReader } from '../../src/git/blob-reader.js';
import { streamCommitDiffs } from '../../src/git/diff-source.js';
import type { CommitChange } from '../../src/model/types.js';
import { TestRepo } from '../helpers/repo.js';

/** Reads HEAD of `repo` through git diff-tree, as a range check reads each commit. */
async function headChange(repo: TestRepo): Promise<CommitChange> {
  const sha = repo.head();
  const info = readCommitInfos(repo.dir, [sha]).get(sha)!;
  const blobs = new BlobReader(repo.dir, 1 << 20);
  let change: CommitChange | null = null;
  try {
    await streamCommitDiffs([{ info, base: info.parents[0] ?? null }], { cwd: repo.dir, maxFileBytes: 1 << 20, blobs }, (c) => {
      change = c;
    });
  } finally {
    blobs.close();
  }
  return change!;
}

describe('scan text runs from git', () => {
  it('splits runs at unchanged lines', async () => {
    const repo = TestRepo.init();
    repo.write('old.txt', 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n').commit('root');
    repo.write('old.txt', 'a\nB\nc\nd\ne\nf\ng\nh\nI\nj\n').write('new.txt', 'x\ny\nz\n').commit('edit and add');
    const texts = scanTexts(await headChange(repo), { message: false });
    const runsOf = (path: string) => texts.find((t) => t.path === path)!.runs.map((run) => run.map((line) => `${line.line}:${line.text}`));
    expect(runsOf('new.txt')).toEqual([['1:x', '2:y', '3:z']]);
    expect(runsOf('old.txt')).toEqual([['2:B'], ['9:I']]);
  });
});
