import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, runCli, TestRepo } from '../helpers/repo.js';

const HOOKS_DIR = resolve(__dirname, '../../hooks');

/** Installs the hooks, sets one recorded path, stages a file and commits; returns git's exit code and stderr. */
function commitWithRecordedPath(key: string, value: (dir: string) => string): { code: number; stderr: string } {
  const repo = TestRepo.init();
  expect(runCli(repo.dir, ['install']).code).toBe(0);
  repo.git('config', key, value(repo.dir));
  repo.write('a.txt', 'x\n');
  repo.git('add', 'a.txt');
  const result = spawnSync('git', ['commit', '-q', '-m', 'Add a'], { cwd: repo.dir, env: GIT_ENV, encoding: 'utf8' });
  return { code: result.status ?? -1, stderr: result.stderr };
}

describe('hooks after the CLI moved', () => {
  it('stops the commit with what to do', () => {
    const result = commitWithRecordedPath('diff-guardian.cli', (dir) => `${dir}/moved-away/cli.js`);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('moved-away/cli.js');
    expect(result.stderr).toContain("run 'diff-guardian install' again");
    expect(result.stderr).not.toContain('Cannot find module');
  });

  it('names a missing node', () => {
    const result = commitWithRecordedPath('diff-guardian.node', () => '/nonexistent/bin/node');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('/nonexistent/bin/node');
    expect(result.stderr).toContain("'diff-guardian uninstall'");
  });

  it('names a node setting that is a directory', () => {
    const result = commitWithRecordedPath('diff-guardian.node', (dir) => `${dir}/.git`);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('/.git (git config diff-guardian.node) is a directory, not a program');
    expect(result.stderr).not.toContain('Permission denied');
  });

  it('names a CLI setting that is a directory', () => {
    const result = commitWithRecordedPath('diff-guardian.cli', (dir) => `${dir}/.git`);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('/.git (git config diff-guardian.cli) is a directory, not the CLI file dist/cli.js');
    expect(result.stderr).not.toContain('is missing');
  });

  it('names a node setting that is not executable', () => {
    const result = commitWithRecordedPath('diff-guardian.node', (dir) => `${dir}/a.txt`);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('/a.txt (git config diff-guardian.node) is not an executable program');
  });

  it('looks up a node without a slash on PATH only', () => {
    const result = commitWithRecordedPath('diff-guardian.node', (dir) => {
      mkdirSync(join(dir, 'node'));
      return 'node';
    });
    expect(result.code, result.stderr).toBe(0);
  });

  it('checks the settings in every shim', () => {
    const shims = readdirSync(HOOKS_DIR);
    expect(shims.length).toBeGreaterThanOrEqual(8);
    for (const name of shims) {
      const text = readFileSync(join(HOOKS_DIR, name), 'utf8');
      expect(text, name).toContain('is a directory, not a program');
      expect(text, name).toContain('is a directory, not the CLI file dist/cli.js');
    }
  });
});
