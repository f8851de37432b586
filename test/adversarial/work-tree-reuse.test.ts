import { utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun } from '../hooks/server-helpers.js';

// git's diff reads a work-tree file in place of a blob when the file's stat
// data matches the blob's index entry. These repository settings make that
// match easy to fake: the commit contains `chmod 777`, and the work tree a
// clean copy of the same size with the old modification time.
const LOOSE_STAT_SETTINGS: Array<[string, string]> = [
  ['core.checkStat', 'minimal'],
  ['core.trustctime', 'false'],
];

const OLD_TIME = new Date('2020-01-01T00:00:00Z');

function writeOld(repo: TestRepo, path: string, content: string): void {
  repo.write(path, content);
  utimesSync(repo.path(path), OLD_TIME, OLD_TIME);
}

function baseRepo(key: string, value: string): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# service\n').commit('init');
  repo.git('config', key, value);
  return repo;
}

describe('work-tree files never stand in for blobs', () => {
  for (const [key, value] of LOOSE_STAT_SETTINGS) {
    it(`judges the committed blob with ${key}=${value}`, () => {
      const repo = baseRepo(key, value);
      writeOld(repo, 'setup.sh', '#!/bin/sh\nchmod 777 /srv/data\n');
      repo.commit('setup', { agent: true });
      repo.git('update-index', '--refresh');
      writeOld(repo, 'setup.sh', '#!/bin/sh\nchmod 755 /srv/data\n');
      expect(repo.git('status', '--porcelain')).toBe('');

      const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
      expect(result.code).toBe(1);
      const ids = jsonOf(result).findings.map((f) => f.ruleId);
      expect(ids).toContain('permission/chmod-permissive');
    });
  }

  it('blocks the pre-push of a commit whose work-tree copy is clean', () => {
    const remote = TestRepo.init({ bare: true });
    const repo = baseRepo('core.checkStat', 'minimal');
    repo.git('remote', 'add', 'origin', remote.dir);
    expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    writeOld(repo, 'setup.sh', '#!/bin/sh\nchmod 777 /srv/data\n');
    repo.commit('setup', { agent: true });
    repo.git('update-index', '--refresh');
    writeOld(repo, 'setup.sh', '#!/bin/sh\nchmod 755 /srv/data\n');

    const result = gitRun(repo.dir, ['push', 'origin', 'main']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('diff-guardian: push blocked');
  });
});
