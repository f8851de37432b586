import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/repo.js';

describe('keygen output folder', () => {
  it('creates a missing folder for the key', () => {
    const dir = tempDir();
    const key = join(dir, 'config', 'diff-guardian', 'signing');
    const result = runCli(dir, ['keygen', '--out', key, '--comment', 'ci@example.com']);
    expect(result.code).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'config', 'diff-guardian')).mode & 0o777).toBe(0o700);
  });

  it('names a folder it cannot create', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'not a folder\n');
    const result = runCli(dir, ['keygen', '--out', join(dir, 'file', 'signing')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot create the folder');
  });
});
