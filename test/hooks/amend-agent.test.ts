import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasAmendOption, isAmending } from '../../src/hooks/amend.js';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun, serverWithHooks } from './server-helpers.js';

const AGENT_TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
// chmod 777 in a shell script blocks in agent-authored commits and warns in human ones.
const LOOSENED = '#!/bin/sh\nset -e\nchmod 777 /srv/app/uploads\n';
const AGENT_MESSAGE = `Open uploads\n\n${AGENT_TRAILER}`;

/** Creates a repository with the client hooks and a human commit that loosens a permission. */
function humanCommitWithHooks(options: { root?: boolean } = {}): TestRepo {
  const repo = TestRepo.init();
  if (!options.root) repo.write('README.md', '# demo\n').commit('init');
  expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
  repo.write('deploy.sh', LOOSENED).stage();
  const human = gitRun(repo.dir, ['commit', '-q', '-m', 'Open uploads']);
  expect(human.code).toBe(0);
  return repo;
}

function messageFile(text: string): string {
  const file = join(tempDir(), 'message.txt');
  writeFileSync(file, text);
  return file;
}

describe('amend that adds an agent trailer', () => {
  const blocked: Array<[string, (file: string) => string[]]> = [
    ['--amend -m', () => ['--amend', '-m', AGENT_MESSAGE]],
    ['--amend -F', (file) => ['--amend', '-F', file]],
    ['--am abbreviation', () => ['--am', '-m', AGENT_MESSAGE]],
    ['--amend after --no-amend', () => ['--amend', '--no-amend', '--amend', '-m', AGENT_MESSAGE]],
  ];
  for (const [name, args] of blocked) {
    it(`blocks in commit-msg: ${name}`, () => {
      const repo = humanCommitWithHooks();
      const before = repo.head();
      const result = gitRun(repo.dir, ['commit', ...args(messageFile(AGENT_MESSAGE))]);
      expect(result.code).toBe(1);
      expect(result.output).toContain('permission/chmod-permissive');
      expect(result.output).toContain('diff-guardian: commit blocked');
      expect(repo.head()).toBe(before);
    });
  }

  it('blocks an amend of a root commit', () => {
    const repo = humanCommitWithHooks({ root: true });
    const before = repo.head();
    const result = gitRun(repo.dir, ['commit', '--amend', '-m', AGENT_MESSAGE]);
    expect(result.code).toBe(1);
    expect(result.output).toContain('permission/chmod-permissive');
    expect(repo.head()).toBe(before);
  });

  it('blocks through git -C and -c', () => {
    const repo = humanCommitWithHooks();
    const before = repo.head();
    const result = gitRun(tempDir(), ['-C', repo.dir, '-c', 'core.quotepath=off', 'commit', '--amend', '-m', AGENT_MESSAGE]);
    expect(result.code).toBe(1);
    expect(repo.head()).toBe(before);
  });

  it('blocks through an alias', () => {
    const repo = humanCommitWithHooks();
    repo.git('config', 'alias.fix', 'commit --amend');
    const before = repo.head();
    const result = gitRun(repo.dir, ['fix', '-m', AGENT_MESSAGE]);
    expect(result.code).toBe(1);
    expect(result.output).toContain('permission/chmod-permissive');
    expect(repo.head()).toBe(before);
  });

  it('lets a human amend through', () => {
    const repo = humanCommitWithHooks();
    const result = gitRun(repo.dir, ['commit', '--amend', '-m', 'Open the uploads folder']);
    expect(result.code).toBe(0);
    expect(result.output).not.toContain('permission/chmod-permissive');
  });

  it('judges a new agent commit by its staged change', () => {
    const repo = humanCommitWithHooks();
    repo.write('src/app.ts', 'export const port = 8080;\n').stage();
    const result = gitRun(repo.dir, ['commit', '-m', `Add app\n\n${AGENT_TRAILER}`]);
    expect(result.code).toBe(0);
    expect(result.output).not.toContain('permission/chmod-permissive');
  });

  it('blocks an amend that also stages a change', () => {
    const repo = humanCommitWithHooks();
    repo.write('src/app.ts', 'export const port = 8080;\n').stage();
    const result = gitRun(repo.dir, ['commit', '--amend', '-m', AGENT_MESSAGE]);
    expect(result.code).toBe(1);
    expect(result.output).toContain('deploy.sh');
  });

  it('warns in post-commit when commit-msg was skipped', () => {
    const repo = humanCommitWithHooks();
    const result = gitRun(repo.dir, ['commit', '--amend', '--no-verify', '-m', AGENT_MESSAGE]);
    expect(result.code).toBe(0);
    expect(result.output).toContain('permission/chmod-permissive');
    expect(result.output).toContain(`commit ${repo.head().slice(0, 12)} was made, but the packs block it`);
    expect(repo.git('notes', '--ref=refs/notes/diff-guardian', 'show', 'HEAD')).toContain('diff-guardian verdict: block');
  });

  it('is stopped by pre-push', () => {
    const remote = TestRepo.init({ bare: true });
    const repo = humanCommitWithHooks();
    repo.git('remote', 'add', 'origin', remote.dir);
    expect(gitRun(repo.dir, ['commit', '-q', '--amend', '--no-verify', '-m', AGENT_MESSAGE]).code).toBe(0);
    const push = gitRun(repo.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('diff-guardian: push blocked');
    expect(push.output).toContain('permission/chmod-permissive');
    expect(gitRun(repo.dir, ['ls-remote', 'origin', 'main']).output).toBe('');
  });

  it('is rejected by the server', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    work.write('deploy.sh', LOOSENED).commit('Open uploads');
    work.git('commit', '-q', '--amend', '--no-verify', '-m', AGENT_MESSAGE);
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('remote: diff-guardian: push rejected');
    expect(push.output).toMatch(/deploy\.sh:\d+ +block +permission\/chmod-permissive/);
  });

  it('passes the server for the human commit', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    work.write('deploy.sh', LOOSENED).commit('Open uploads');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).toBe(0);
  });
});

describe('amend detection', () => {
  it('reads the amend option of git', () => {
    expect(hasAmendOption(['git', 'commit', '--amend', '-m', 'x'])).toBe(true);
    expect(hasAmendOption(['/usr/bin/git', '-C', 'repo', '-c', 'a=b', 'commit', '--ame'])).toBe(true);
    expect(hasAmendOption(['git', 'ci', '--amend'])).toBe(true);
    expect(hasAmendOption(['git-commit', '--amend'])).toBe(true);
  });

  it('expands an alias once', () => {
    const aliases: Record<string, string> = { ca: 'commit  --amend --no-edit', c: 'commit', sh: '!git commit --amend' };
    const aliasOf = (name: string): string | null => aliases[name] ?? null;
    expect(hasAmendOption(['git', 'ca'], aliasOf)).toBe(true);
    expect(hasAmendOption(['git', 'c', '--amend'], aliasOf)).toBe(true);
    expect(hasAmendOption(['git', 'c', '-m', 'x'], aliasOf)).toBe(false);
    expect(hasAmendOption(['git', 'ca', '--no-amend'], aliasOf)).toBe(false);
    expect(hasAmendOption(['git', 'sh'], aliasOf)).toBe(false);
    expect(hasAmendOption(['git', 'commit', '-m', 'x'], () => 'commit --amend')).toBe(false);
  });

  it('ignores look-alike arguments', () => {
    expect(hasAmendOption(['git', 'commit', '-m', 'x'])).toBe(false);
    expect(hasAmendOption(['git', 'commit', '--amend', '--no-amend'])).toBe(false);
    expect(hasAmendOption(['git', 'commit', '--a'])).toBe(false);
    expect(hasAmendOption(['git', 'commit', '-m', '--amend fixes'])).toBe(false);
    expect(hasAmendOption(['git', 'commit', '--', '--amend'])).toBe(false);
    expect(hasAmendOption(['git', '-c', '--amend', 'commit'])).toBe(false);
  });

  it('walks up to the nearest git process', () => {
    const proc = tempDir();
    const processes: Array<[number, number, string[]]> = [
      [30, 20, ['node', 'cli.js', 'hook', 'commit-msg']],
      [20, 10, ['/bin/sh', '.git/hooks/commit-msg', '.git/COMMIT_EDITMSG']],
      [10, 5, ['git', 'commit', '--amend', '-m', 'x']],
      [5, 1, ['git', 'rebase', '-x', 'git commit --amend']],
    ];
    for (const [pid, parent, argv] of processes) {
      mkdirSync(join(proc, String(pid)));
      writeFileSync(join(proc, String(pid), 'cmdline'), `${argv.join('\0')}\0`);
      writeFileSync(join(proc, String(pid), 'stat'), `${pid} (odd) name) S ${parent} 1 1 0\n`);
    }
    expect(isAmending(() => null, 30, proc)).toBe(true);
    writeFileSync(join(proc, '10', 'cmdline'), 'git\0commit\0-m\0x\0');
    expect(isAmending(() => null, 30, proc)).toBe(false);
    expect(isAmending(() => null, 99, proc)).toBe(false);
  });
});
