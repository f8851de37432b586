import { describe, expect, it } from 'vitest';
import { JUDGED_BEFORE_MESSAGE } from '../../src/hooks/advice.js';
import { runCli, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun } from './server-helpers.js';

const AGENT_TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const LOOSENED = '#!/bin/sh\nset -e\nchmod 777 /srv/app/uploads\n';

function installed(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
  return repo;
}

function commit(repo: TestRepo, message: string, env: NodeJS.ProcessEnv = {}) {
  repo.stage();
  return gitRun(repo.dir, ['commit', '-q', '-m', message], env);
}

describe('pre-commit before the message exists', () => {
  it('explains the WARN before a BLOCK', () => {
    const repo = installed();
    repo.write('deploy.sh', LOOSENED);
    const result = commit(repo, `Open uploads\n\n${AGENT_TRAILER}`);
    expect(result.code).toBe(1);
    const warnAt = result.output.indexOf('staged changes: WARN');
    const noteAt = result.output.indexOf(JUDGED_BEFORE_MESSAGE);
    const blockAt = result.output.indexOf('BLOCK');
    expect(warnAt).toBeGreaterThanOrEqual(0);
    expect(noteAt).toBeGreaterThan(warnAt);
    expect(blockAt).toBeGreaterThan(noteAt);
  });

  it('prints the line once for a human commit with warnings', () => {
    const repo = installed();
    repo.write('deploy.sh', LOOSENED);
    const result = commit(repo, 'Open uploads');
    expect(result.code).toBe(0);
    expect(result.output.split(JUDGED_BEFORE_MESSAGE).length).toBe(2);
  });

  it('omits the line when the runtime marks an agent', () => {
    const repo = installed();
    repo.write('deploy.sh', LOOSENED);
    const result = commit(repo, 'Open uploads', { CLAUDECODE: '1' });
    expect(result.code).toBe(1);
    expect(result.output).not.toContain(JUDGED_BEFORE_MESSAGE);
  });

  it('omits the line when nothing is reported', () => {
    const repo = installed();
    repo.write('notes.md', 'release notes\n');
    const result = commit(repo, `Add notes\n\n${AGENT_TRAILER}`);
    expect(result.code).toBe(0);
    expect(result.output).not.toContain(JUDGED_BEFORE_MESSAGE);
  });

  it('keeps the line to one line', () => {
    expect(JUDGED_BEFORE_MESSAGE).not.toContain('\n');
  });
});
