import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, runCli, TestRepo } from '../helpers/repo.js';

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
});
