import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, GIT_ENV, TestRepo } from './helpers/repo.js';

const DIST = join(CLI, '..');
const copies: string[] = [];

/** Copies the launcher and bundle into a fresh folder, so a test can change its cache files. */
function copyOfDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dg-dist-'));
  copies.push(dir);
  for (const name of ['cli.js', 'main.js', 'package.json']) copyFileSync(join(DIST, name), join(dir, name));
  return dir;
}

function run(cli: string, args: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, env: { ...GIT_ENV, ...env }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('launcher and code cache', () => {
  it('same verdict with, without or rejected cache', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'one\n').commit('one');
    repo.write('deploy.sh', '#!/bin/sh\nchmod 777 /srv/data\n').stage();
    const args = ['check', '--staged', '--format', 'json'];
    const cached = run(CLI, args, repo.dir);
    const uncached = run(CLI, args, repo.dir, { DIFF_GUARDIAN_CODE_CACHE: 'off' });
    const copy = copyOfDist();
    writeFileSync(join(copy, 'main.staged.v8cache'), Buffer.alloc(4096, 7));
    const rejected = run(join(copy, 'cli.js'), args, repo.dir);

    const findings = (stdout: string) => JSON.parse(stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(findings(cached.stdout)).toContain('permission/chmod-permissive');
    for (const other of [uncached, rejected]) {
      expect(other.code).toBe(cached.code);
      expect(findings(other.stdout)).toEqual(findings(cached.stdout));
      expect(other.stderr).toBe(cached.stderr);
    }
  });

  it('cache older than the bundle is not read', () => {
    const copy = copyOfDist();
    // A cache damaged in place keeps its length, which V8 does not detect: reading it would crash node.
    const cache = readFileSync(join(DIST, 'main.other.v8cache'));
    const middle = Math.floor(cache.length / 2);
    for (let i = middle; i < middle + 64; i += 1) cache[i] ^= 0x5a;
    const cacheFile = join(copy, 'main.other.v8cache');
    writeFileSync(cacheFile, cache);
    utimesSync(cacheFile, new Date('2001-01-01'), new Date('2001-01-01'));

    const result = run(join(copy, 'cli.js'), ['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('missing bundle exits 2 with one line', () => {
    const copy = copyOfDist();
    rmSync(join(copy, 'main.js'));
    const result = run(join(copy, 'cli.js'), ['--version']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('npm run build');
  });
});
