import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsFile } from '../hooks/server-helpers.js';
import { CLI, GIT_ENV, TestRepo } from '../helpers/repo.js';

// The CLI writes its report and messages straight to descriptors 1 and 2
// (src/util/fd-output.ts). These tests run the built CLI against a reader that
// has gone and against a terminal-less stdout.
function blockedRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.write('a.txt', 'one\n').commit('one');
  repo.write('keys.ts', awsFile()).stage();
  return repo;
}

describe('report output', () => {
  it('keeps the verdict status when the reader closes', async () => {
    const repo = blockedRepo();
    const child = spawn(process.execPath, [CLI, 'check', '--staged', '--format', 'json'], { cwd: repo.dir, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe('');
  });

  it('arrives whole through a pipe, uncoloured', () => {
    const repo = blockedRepo();
    const result = spawnSync(process.execPath, [CLI, 'check', '--staged'], { cwd: repo.dir, env: GIT_ENV, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^staged changes: BLOCK/m);
    expect(result.stdout).toMatch(/secret\/aws/);
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('is written whole to a file', () => {
    const repo = blockedRepo();
    const result = spawnSync('/bin/sh', ['-c', `"$0" "$1" check --staged --format json > report.json; echo $?`, process.execPath, CLI], {
      cwd: repo.dir,
      env: GIT_ENV,
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('1');
    expect(JSON.parse(readFileSync(repo.path('report.json'), 'utf8')).verdict).toBe('block');
  });

  it.skipIf(!existsSync('/dev/full'))('fails with exit 2 on a full stdout', () => {
    const repo = blockedRepo();
    const result = spawnSync('/bin/sh', ['-c', `"$0" "$1" check --staged > /dev/full; echo "status $?" >&2`, process.execPath, CLI], {
      cwd: repo.dir,
      env: GIT_ENV,
      encoding: 'utf8',
    });
    expect(result.stderr).toMatch(/cannot write the report to standard output \(ENOSPC\)/);
    expect(result.stderr).toMatch(/status 2/);
  });

  it.skipIf(!existsSync('/dev/full'))('fails with exit 2 when stdout and stderr are full', () => {
    const repo = blockedRepo();
    const result = spawnSync('/bin/sh', ['-c', `"$0" "$1" check --staged > /dev/full 2>&1; echo "status $?"`, process.execPath, CLI], {
      cwd: repo.dir,
      env: GIT_ENV,
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('status 2');
  });
});
