import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readCommitInfos } from '../../src/git/commits.js';
import { awsAccessKeyId } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';

/** Writes a commit object whose message contains a NUL byte, which git log's %B cuts at. */
function commitWithNul(repo: TestRepo, after: string): string {
  const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
  const parent = repo.git('rev-parse', 'HEAD').trim();
  const body = `tree ${tree}\nparent ${parent}\nauthor Dev <dev@example.com> 1700000000 +0000\ncommitter Dev <dev@example.com> 1700000000 +0000\n\nnote\0${after}\n`;
  return execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: body, encoding: 'utf8' }).trim();
}

describe('commit messages with a NUL byte', () => {
  it('reads the message past the NUL', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n').commit('root');
    const sha = commitWithNul(repo, 'second part');
    expect(readCommitInfos(repo.dir, [sha]).get(sha)!.message).toBe('note\nsecond part\n');
  });

  it('finds a key id after the NUL', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n').commit('root');
    const key = awsAccessKeyId();
    const sha = commitWithNul(repo, `aws_access_key_id=${key}`);
    const result = runCli(repo.dir, ['check', sha, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(jsonOf(result).findings.some((f) => f.file === '<commit-message>')).toBe(true);
    expect(result.stdout).not.toContain(key);
  });
});
