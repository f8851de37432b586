import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubToken } from '../helpers/secrets.js';
import { git, jsonOf, runCli, tempDir, TestRepo } from '../helpers/repo.js';

// Input that is odd rather than hostile: every case ends in a clear verdict
// or a one-line error with exit status 2, never a stack trace or a hang.

function expectCleanError(result: { code: number; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('this is a bug');
}

describe('bad input', () => {
  it('reports a missing git', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    const result = runCli(repo.dir, ['check', 'HEAD'], { env: { PATH: join(tempDir(), 'empty') } });
    expectCleanError(result, /git was not found on PATH/);
  });

  it('stops a slow git at the time bound', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    const bin = tempDir();
    writeFileSync(join(bin, 'git'), '#!/bin/sh\nexec sleep 20\n');
    chmodSync(join(bin, 'git'), 0o755);
    const started = Date.now();
    const result = runCli(repo.dir, ['check', 'HEAD', '--timeout', '1'], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expectCleanError(result, /timed out/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('rejects an invalid time bound', () => {
    const result = runCli(process.cwd(), ['check', 'HEAD', '--timeout', 'soon']);
    expectCleanError(result, /invalid --timeout "soon"/);
  });

  it('warns at a shallow clone boundary', () => {
    const origin = TestRepo.init();
    for (let i = 0; i < 3; i += 1) origin.write(`f${i}.txt`, `${i}\n`).commit(`c${i}`);
    const clone = join(tempDir(), 'shallow');
    git(tempDir(), ['clone', '-q', '--depth', '1', `file://${origin.dir}`, clone]);
    const result = runCli(clone, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('boundary of a shallow clone');
    expect(jsonOf(result).verdict).toBe('allow');
  });

  it('checks a detached HEAD', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    repo.write('b.txt', 'y\n').commit('two');
    repo.git('checkout', '-q', '--detach', 'HEAD~1');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const staged = runCli(repo.dir, ['check', '--staged', '--format', 'json']);
    expect(staged.code).toBe(0);
  });

  it('reports a path with a newline on one line', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    mkdirSync(repo.path('odd'), { recursive: true });
    writeFileSync(repo.path('odd', 'name\nwith newline.ts'), `export const token = '${githubToken()}';\n`);
    repo.commit('odd name', { agent: true });
    const json = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(json.code).toBe(1);
    expect(jsonOf(json).findings.some((f) => f.file === 'odd/name\nwith newline.ts')).toBe(true);
    const text = runCli(repo.dir, ['check', 'HEAD']);
    expect(text.stdout).toContain('odd/name\\x0awith newline.ts');
  });

  it('reads files with NUL bytes and empty commits', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    repo.write('data.bin', Buffer.from([0, 0, 0, 255, 10, 0])).commit('binary');
    repo.commit('nothing', { allowEmpty: true });
    const result = runCli(repo.dir, ['check', 'HEAD~2..HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).commits).toHaveLength(2);
  });

  it('reports a range with no commits as allowed', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    const result = runCli(repo.dir, ['check', 'HEAD..HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).commits).toEqual([]);
  });

  it('rejects a revision that looks like an option', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    const result = runCli(repo.dir, ['check', '--', '--output=/tmp/x']);
    expectCleanError(result, /revisions cannot start with "-"/);
  });
});
