import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, runCli, TestRepo } from '../helpers/repo.js';

/** Runs git in `cwd` and returns its exit code and stderr. */
function git(cwd: string, args: string[]): { code: number; stderr: string } {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
  return { code: result.status ?? -1, stderr: result.stderr };
}

describe('hooks after the CLI moved', () => {
  it('stops the commit with what to do', () => {
    const repo = TestRepo.init();
    expect(runCli(repo.dir, ['install']).code).toBe(0);
    repo.git('config', 'diff-guardian.cli', `${repo.dir}/moved-away/cli.js`);
    repo.write('a.txt', 'x\n');
    repo.git('add', 'a.txt');
    const result = git(repo.dir, ['commit', '-q', '-m', 'Add a']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('moved-away/cli.js');
    expect(result.stderr).toContain("run 'diff-guardian install' again");
    expect(result.stderr).not.toContain('Cannot find module');
  });

  it('names a missing node', () => {
    const repo = TestRepo.init();
    expect(runCli(repo.dir, ['install']).code).toBe(0);
    repo.git('config', 'diff-guardian.node', '/nonexistent/bin/node');
    repo.write('a.txt', 'x\n');
    repo.git('add', 'a.txt');
    const result = git(repo.dir, ['commit', '-q', '-m', 'Add a']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('/nonexistent/bin/node');
    expect(result.stderr).toContain("'diff-guardian uninstall'");
  });
});
