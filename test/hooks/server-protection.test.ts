import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun, serverWithHooks } from './server-helpers.js';

const PROTECTED = "server:\n  protectNonFastForward: ['refs/heads/release']\n";

/** Creates a server whose refs/heads/release has one commit, and a work repository on that branch. */
function serverWithRelease(config: string): { bare: string; work: TestRepo; tip: string } {
  const { bare, work } = serverWithHooks({ config });
  work.write('README.md', '# demo\n').commit('init');
  work.git('switch', '-q', '-c', 'release');
  work.write('r.txt', 'r1\n').commit('r1');
  expect(gitRun(work.dir, ['push', '-q', 'origin', 'main', 'release']).code).toBe(0);
  return { bare, work, tip: work.head() };
}

function remoteTip(work: TestRepo, ref: string): string {
  return gitRun(work.dir, ['ls-remote', 'origin', ref]).output.split('\t')[0] ?? '';
}

describe('protected refs', () => {
  it('keeps a protected ref from being rewritten by delete and recreate', () => {
    const { work, tip } = serverWithRelease(PROTECTED);
    work.git('reset', '-q', '--hard', 'main');
    work.write('r.txt', 'rewritten\n').commit('rewritten');

    expect(gitRun(work.dir, ['push', '--force', 'origin', 'release']).code).not.toBe(0);
    const deletion = gitRun(work.dir, ['push', 'origin', ':release']);
    expect(deletion.code).not.toBe(0);
    expect(deletion.output).toContain('deleting refs/heads/release is not allowed');
    expect(deletion.output).toContain('server.protectNonFastForward protects it');
    expect(gitRun(work.dir, ['push', 'origin', 'release']).code).not.toBe(0);
    expect(remoteTip(work, 'refs/heads/release')).toBe(tip);
  });

  it('deletes a protected ref that server.allowDeletion lists', () => {
    const config = `${PROTECTED}  allowDeletion: ['refs/heads/release']\n`;
    const { work } = serverWithRelease(config);

    expect(gitRun(work.dir, ['push', 'origin', ':release']).code).toBe(0);
    expect(remoteTip(work, 'refs/heads/release')).toBe('');
  });

  it('still deletes unprotected refs when allowDeletion is unset', () => {
    const { work } = serverWithRelease(PROTECTED);
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main:refs/heads/topic']).code).toBe(0);

    expect(gitRun(work.dir, ['push', 'origin', ':topic']).code).toBe(0);
    expect(remoteTip(work, 'refs/heads/topic')).toBe('');
  });
});

/** Creates a server whose signing key setting names a file that does not exist. */
function serverWithMissingKey(config?: string): { bare: string; work: TestRepo } {
  const setup = serverWithHooks(config === undefined ? {} : { config });
  const missing = join(tempDir(), 'no-such-key');
  expect(gitRun(setup.bare, ['config', 'diff-guardian.signingKey', missing]).code).toBe(0);
  setup.work.write('README.md', '# demo\n').commit('init');
  return setup;
}

describe('server signing key', () => {
  it('rejects a push when the key cannot be read', () => {
    const { bare, work } = serverWithMissingKey();

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('push rejected because the server cannot sign verdict notes');
    expect(push.output).toContain('cannot read signing key');
    expect(push.output).toContain('diff-guardian.signingKey');
    expect(remoteTip(work, 'refs/heads/main')).toBe('');
    expect(existsSync(join(bare, 'diff-guardian', 'pending'))).toBe(false);
  });

  it('keeps the verdicts of a fail-open push without a key', () => {
    const { bare, work } = serverWithMissingKey('settings:\n  failMode: open\n');

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).toBe(0);
    expect(push.output).toContain('the server cannot sign verdict notes');
    expect(push.output).toContain('verdict notes were not written');
    expect(remoteTip(work, 'refs/heads/main')).toBe(work.head());
    expect(readdirSync(join(bare, 'diff-guardian', 'unwritten'))).toHaveLength(1);
    expect(readdirSync(join(bare, 'diff-guardian', 'pending'))).toEqual([]);
  });

  it('accepts a push once the key is readable again', () => {
    const { bare, work } = serverWithMissingKey();
    const key = join(tempDir(), 'notes_ed25519');
    expect(runCli(bare, ['keygen', '--out', key], { env: cleanEnv() }).code).toBe(0);
    expect(gitRun(bare, ['config', 'diff-guardian.signingKey', key]).code).toBe(0);

    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    expect(gitRun(bare, ['notes', '--ref=diff-guardian', 'show', work.head()]).code).toBe(0);
  });
});
