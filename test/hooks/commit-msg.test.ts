import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubToken } from '../helpers/secrets.js';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun } from './server-helpers.js';

function installed(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
  return repo;
}

function commit(repo: TestRepo, message: string) {
  repo.stage();
  return gitRun(repo.dir, ['commit', '-q', '-m', message]);
}

const AGENT_TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const LOOSENED = '#!/bin/sh\nset -e\nchmod 777 /srv/app/uploads\n';

describe('commit-msg hook', () => {
  it('blocks a secret in the message', () => {
    const repo = installed();
    const token = githubToken();
    repo.write('notes.md', 'release notes\n');
    const result = commit(repo, `Add notes\n\nThe deploy token is ${token}`);
    expect(result.code).toBe(1);
    expect(result.output).toContain('<commit-message>');
    expect(result.output).not.toContain(token);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('applies agent rules for an agent trailer', () => {
    const repo = installed();
    repo.write('deploy.sh', LOOSENED);
    const result = commit(repo, `Open uploads\n\n${AGENT_TRAILER}`);
    expect(result.code).toBe(1);
    expect(result.output).toContain('permission/chmod-permissive');
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('lets the same change through for a human', () => {
    const repo = installed();
    repo.write('deploy.sh', LOOSENED);
    const result = commit(repo, 'Open uploads');
    expect(result.code).toBe(0);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('reads comment lines and text below a scissors line', () => {
    const repo = installed();
    const token = githubToken();
    repo.write('notes.md', 'release notes\n');
    const hidden = `Add notes\n# ------------------------ >8 ------------------------\n# token ${token}\n`;
    const result = commit(repo, hidden);
    expect(result.code).toBe(1);
    expect(result.output).not.toContain(token);
  });

  it('looks up HEAD once after a flip', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('deploy.sh', LOOSENED).stage();
    repo.write('.git/MSG', `Open uploads\n\n${AGENT_TRAILER}\n`);
    const trace = join(tempDir(), 'trace.txt');
    const result = runCli(repo.dir, ['hook', 'commit-msg', '.git/MSG'], { env: cleanEnv({ GIT_TRACE: trace }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('permission/chmod-permissive');
    const commands = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes('built-in: git '));
    expect(commands.filter((line) => line.includes('built-in: git var -l'))).toHaveLength(1);
    expect(commands.filter((line) => line.includes('built-in: git cat-file'))).toHaveLength(1);
  });

  it('passes a clean message', () => {
    const repo = installed();
    repo.write('src/app.ts', 'export const port = 8080;\n');
    expect(commit(repo, `Add app\n\n${AGENT_TRAILER}`).code).toBe(0);
  });

  it('runs the commit-msg hook it replaced', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const hook = repo.path('.git/hooks/commit-msg');
    writeFileSync(hook, '#!/bin/sh\ngrep -q "JIRA-" "$1" || { echo "missing ticket"; exit 1; }\n', { mode: 0o755 });
    expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
    repo.write('a.txt', 'a\n');
    const rejected = commit(repo, 'No ticket');
    expect(rejected.code).toBe(1);
    expect(rejected.output).toContain('missing ticket');
    expect(commit(repo, 'JIRA-1 add a').code).toBe(0);
  });
});
