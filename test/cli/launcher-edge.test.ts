import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsFile } from '../hooks/server-helpers.js';
import { CLI, GIT_ENV, TestRepo, tempDir } from '../helpers/repo.js';

// Environments around the launcher's early git calls (src/git/prefetch.ts): a
// slow git, a large staged diff, node's permission model, a removed folder.
function stagedRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.write('a.txt', 'one\n').commit('one');
  repo.write('a.txt', 'one\ntwo\n').stage();
  return repo;
}

/** Makes a folder with a `git` that sleeps 5 s before `diff-index` and then runs the real git, and returns a PATH that finds it first. */
function slowGitPath(): string {
  const real = spawnSync('/bin/sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  const dir = tempDir('dg-slow-git-');
  writeFileSync(join(dir, 'git'), `#!/bin/sh\ncase "$*" in *diff-index*) sleep 5;; esac\nexec "${real}" "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  return `${dir}:${process.env.PATH}`;
}

function timed(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { cwd, env: { ...GIT_ENV, ...env }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

describe('launcher edge cases', () => {
  it('keeps --timeout with a slow git', () => {
    const repo = stagedRepo();
    const result = timed(repo.dir, ['check', '--staged', '--timeout', '1'], { PATH: slowGitPath() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/timed out/);
    expect(result.ms).toBeLessThan(4000);
  });

  it('ends a usage error without waiting for git', () => {
    const repo = stagedRepo();
    const result = timed(repo.dir, ['check', '--staged', '--format=bogus'], { PATH: slowGitPath() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid --format/);
    expect(result.ms).toBeLessThan(4000);
  });

  it('writes no core file for a diff past the bound', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'one\n').commit('one');
    // About 9 MB of staged text, past the 8 MB bound of the early diff, and a credential at its end.
    const lines = Array.from({ length: 300_000 }, (_, i) => `line ${i} of generated text\n`).join('');
    repo.write('big.txt', lines).write('keys.ts', awsFile()).stage();
    const result = spawnSync('/bin/sh', ['-c', 'ulimit -c unlimited 2>/dev/null; exec "$0" "$1" check --staged --format json', process.execPath, CLI], {
      cwd: repo.dir,
      env: GIT_ENV,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('secret/aws-access-key');
    expect(readdirSync(repo.dir).filter((name) => name.startsWith('core'))).toEqual([]);
  });

  it('reports permission denials plainly', () => {
    const repo = stagedRepo();
    const result = timed(repo.dir, ['check', '--staged'], {}, ['--experimental-permission', '--allow-fs-read=*', '--allow-fs-write=*']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--experimental-permission/);
    expect(result.stderr).not.toMatch(/this is a bug|\n\s+at /);
  });

  it('works in a removed folder where it can', () => {
    const dir = join(tempDir('dg-gone-'), 'gone');
    mkdirSync(dir);
    // The child starts in the folder, which is removed before node reads it: sh removes it first.
    const run = (args: string) =>
      spawnSync('/bin/sh', ['-c', `cd "$0" && rmdir "$0" && exec "$1" "$2" ${args}`, dir, process.execPath, CLI], { env: GIT_ENV, encoding: 'utf8' });
    const version = run('--version');
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    mkdirSync(dir);
    const staged = run('check --staged');
    expect(staged.status).toBe(2);
    expect(staged.stderr).toMatch(/cannot read the current folder/);
    expect(existsSync(dir)).toBe(false);
  });
});
