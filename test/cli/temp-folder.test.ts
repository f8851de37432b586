import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';

describe('an unusable temporary folder', () => {
  it('gives a range check a clear error', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'one\n').commit('one');
    repo.write('a.txt', 'two\n').commit('two');
    const missing = join(tempDir('dg-tmp-'), 'missing');
    const result = runCli(repo.dir, ['check', 'HEAD~1..HEAD'], { env: { TMPDIR: missing } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`failed to create a folder in the temporary folder ${missing} (ENOENT); set TMPDIR to a writable folder`);
    expect(result.stderr).not.toContain('this is a bug');
  });
});
