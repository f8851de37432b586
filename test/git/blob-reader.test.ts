import { describe, expect, it } from 'vitest';
import { BlobReader } from '../../src/git/blob-reader.js';
import { TestRepo } from '../helpers/repo.js';

/** Commits files of several sizes and returns the repository and each file's blob id. */
function repoWithBlobs(): { repo: TestRepo; oids: Record<string, string> } {
  const repo = TestRepo.init();
  const files: Record<string, string> = {
    'small.txt': 'hello\n',
    'empty.txt': '',
    // Larger than a pipe read, so the content arrives in many chunks.
    'large.txt': 'line of text é\n'.repeat(80_000),
    'medium.txt': 'm'.repeat(5000),
  };
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  repo.commit('blobs');
  const oids: Record<string, string> = {};
  for (const path of Object.keys(files)) oids[path] = repo.git('rev-parse', `HEAD:${path}`).trim();
  return { repo, oids };
}

describe('blob reader', () => {
  it('reads blobs of every size in order', async () => {
    const { repo, oids } = repoWithBlobs();
    const reader = new BlobReader(repo.dir, 10 * 1024 * 1024);
    try {
      const [small, empty, large, medium] = await Promise.all(
        ['small.txt', 'empty.txt', 'large.txt', 'medium.txt'].map((path) => reader.read(oids[path]!)),
      );
      expect(small!.toString('utf8')).toBe('hello\n');
      expect(empty!.length).toBe(0);
      expect(large!.toString('utf8')).toBe('line of text é\n'.repeat(80_000));
      expect(medium!.toString('utf8')).toBe('m'.repeat(5000));
    } finally {
      reader.close();
    }
  });

  it('skips a blob over the size cap', async () => {
    const { repo, oids } = repoWithBlobs();
    const reader = new BlobReader(repo.dir, 10_000);
    try {
      const large = reader.read(oids['large.txt']!);
      const small = reader.read(oids['small.txt']!);
      expect(await large).toBeNull();
      expect((await small)!.toString('utf8')).toBe('hello\n');
    } finally {
      reader.close();
    }
  });

  it('returns null for a missing or zero object id', async () => {
    const { repo, oids } = repoWithBlobs();
    const reader = new BlobReader(repo.dir, 10_000);
    try {
      expect(await reader.read('1'.repeat(40))).toBeNull();
      expect(await reader.read('0'.repeat(40))).toBeNull();
      expect((await reader.read(oids['small.txt']!))!.toString('utf8')).toBe('hello\n');
    } finally {
      reader.close();
    }
  });
});
