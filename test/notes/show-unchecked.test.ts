import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/repo.js';
import { awsFile, gitRun, serverWithHooks } from '../hooks/server-helpers.js';

// A bound this short makes every pre-receive check time out, so a fail-open
// server lets each push through unjudged and writes an unchecked note.
const FAIL_OPEN = 'settings:\n  failMode: open\nserver:\n  timeoutSeconds: 0.001\n';

interface ShownNote {
  record: { verdict: string; context: { failOpen?: { error: string } } } | null;
  checked: boolean | null;
  uncheckedReason?: string;
  signature: { status: string };
}

/** Pushes a commit with a secret through a fail-open server and fetches the server's notes. */
function uncheckedPush() {
  const { work } = serverWithHooks({ config: FAIL_OPEN });
  work.write('README.md', '# demo\n').commit('init');
  work.write('src/aws.ts', awsFile()).commit('connect to s3', { agent: true });
  const push = gitRun(work.dir, ['push', 'origin', 'main']);
  expect(push.code).toBe(0);
  expect(push.output).toContain('push accepted without a complete check');
  const fetch = gitRun(work.dir, ['fetch', '-q', 'origin', '+refs/notes/diff-guardian:refs/notes/diff-guardian']);
  expect(fetch.code).toBe(0);
  return work;
}

describe('show on a fail-open note', () => {
  it('says the commit was let through unchecked', () => {
    const work = uncheckedPush();
    const output = runCli(work.dir, ['show', 'HEAD']);
    expect(output.code).toBe(0);
    const lines = output.stdout.split('\n');
    expect(lines[0]).toContain('UNCHECKED');
    expect(lines[1]).toBe('  diff-guardian verdict: unchecked (let through by fail-open, not judged)');
    expect(output.stdout).toContain('Findings: not checked');
    expect(output.stdout).toContain('settings.failMode open let the commit through');
    expect(output.stdout).toContain('timed out');
    expect(output.stdout).toContain(`Judge it: diff-guardian check ${work.head().slice(0, 12)}`);
    expect(output.stdout).not.toContain('verdict: allow');
    expect(output.stdout).not.toContain('Findings: none');
    expect(output.stdout).not.toContain('Author: human');
  });

  it('marks the record unchecked in JSON', () => {
    const work = uncheckedPush();
    const output = runCli(work.dir, ['show', 'HEAD', '--format', 'json']);
    expect(output.code).toBe(0);
    const notes = (JSON.parse(output.stdout) as { notes: ShownNote[] }).notes;
    expect(notes).toHaveLength(1);
    expect(notes[0]!.checked).toBe(false);
    expect(notes[0]!.uncheckedReason).toContain('settings.failMode open');
    expect(notes[0]!.uncheckedReason).toContain('timed out');
    expect(notes[0]!.record!.context.failOpen).toBeDefined();
  });

  it('reads the same way in git log', () => {
    const work = uncheckedPush();
    const log = work.git('log', '-1', '--notes=diff-guardian');
    expect(log).toContain('diff-guardian verdict: unchecked (let through by fail-open, not judged)');
    expect(log).toContain('Findings: not checked');
    expect(log).toContain('Fail-open: the check failed with an internal error');
    expect(log).not.toContain('verdict: allow');
  });

  it('keeps a judged note checked in JSON', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    expect(gitRun(work.dir, ['fetch', '-q', 'origin', '+refs/notes/diff-guardian:refs/notes/diff-guardian']).code).toBe(0);
    const output = runCli(work.dir, ['show', 'HEAD', '--format', 'json']);
    const notes = (JSON.parse(output.stdout) as { notes: ShownNote[] }).notes;
    expect(notes[0]!.checked).toBe(true);
    expect(notes[0]!.uncheckedReason).toBeUndefined();
    expect(runCli(work.dir, ['show', 'HEAD']).stdout).toContain('diff-guardian verdict: allow');
  });
});
