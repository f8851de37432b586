import { describe, expect, it } from 'vitest';
import { GitError } from '../../src/errors.js';
import { gitSyncBuffer } from '../../src/git/exec.js';
import { tempDir } from '../helpers/repo.js';

describe('synchronous git calls', () => {
  it("report git's error despite EPIPE", () => {
    // 1 MB of input outgrows the pipe, so node's write fails with EPIPE once git has exited.
    const input = 'HEAD\n'.repeat(200_000);
    let caught: unknown;
    try {
      gitSyncBuffer(['cat-file', '--batch-check'], { cwd: tempDir('dg-not-a-repo-'), input, env: { GIT_CEILING_DIRECTORIES: '/' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GitError);
    expect((caught as GitError).message).not.toMatch(/EPIPE/);
    expect((caught as GitError).stderr).toMatch(/not a git repository/i);
  });
});
