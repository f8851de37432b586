import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRealCodeRepo } from '../scripts/lib/real-code-repo.mjs';
import { jsonOf, runCli, tempDir } from './helpers/repo.js';

const ROOT = resolve(__dirname, '..');

describe('check on real code', () => {
  it('completes over installed npm packages', () => {
    const dir = join(tempDir(), 'real');
    const packages = ['yaml', 'semver', 'picomatch', 'parse-diff', 'ajv'].map((name) => join(ROOT, 'node_modules', name));
    const { commits } = buildRealCodeRepo(dir, packages);
    const result = runCli(dir, ['check', `${commits[0]}~1..main`, '--format', 'json']);
    expect([0, 1]).toContain(result.code);
    expect(result.stderr).toBe('');
    expect(jsonOf(result).commits).toHaveLength(packages.length);
  });

  it('completes over its own history', () => {
    const root = execFileSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).split('\n')[0]!;
    const result = runCli(ROOT, ['check', '--format', 'json', `${root}..HEAD`]);
    expect([0, 1]).toContain(result.code);
    // Test fixtures write made-up rule ids in inline allow comments on purpose, and the check warns about them.
    const unexpected = result.stderr.split('\n').filter((line) => line !== '' && !line.includes('inline allow comment names rule'));
    expect(unexpected).toEqual([]);
    expect(jsonOf(result).commits.length).toBeGreaterThan(0);
  });
});
