import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, GIT_ENV, git, runCli, tempDir, TestRepo } from '../helpers/repo.js';

// Faults while verdict notes are written: the process is killed, the
// repository cannot be written, or the disk is full. In every case git's
// object store stays consistent and the notes ref is either unchanged or
// points at a complete notes commit.

function manyCommits(count: number): TestRepo {
  const repo = TestRepo.init();
  const lines = ['reset refs/heads/main'];
  for (let i = 0; i < count; i += 1) {
    const body = `export const value${i} = ${i};\n`;
    lines.push('commit refs/heads/main', `mark :${i + 1}`, `committer Dana <dana@example.com> ${1_700_000_000 + i} +0000`);
    lines.push(`data ${`c${i}`.length}`, `c${i}`);
    if (i > 0) lines.push(`from :${i}`);
    lines.push(`M 100644 inline src/f${i % 20}.ts`, `data ${Buffer.byteLength(body)}`, body);
  }
  git(repo.dir, ['fast-import', '--quiet'], lines.join('\n') + '\n');
  repo.git('reset', '-q', '--hard', 'main');
  return repo;
}

function notesRef(repo: TestRepo): string | null {
  const result = spawnSync('git', ['rev-parse', '--verify', '-q', 'refs/notes/diff-guardian'], { cwd: repo.dir, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function expectConsistent(repo: TestRepo): void {
  const fsck = spawnSync('git', ['fsck', '--no-dangling', '--no-progress'], { cwd: repo.dir, encoding: 'utf8' });
  expect(fsck.status).toBe(0);
  if (notesRef(repo) === null) return;
  const list = repo.git('notes', '--ref=diff-guardian', 'list').trim().split('\n').filter(Boolean);
  for (const line of list.slice(0, 20)) {
    const [blob] = line.split(' ');
    expect(repo.git('cat-file', 'blob', blob!)).toContain('diff-guardian verdict:');
  }
}

function canRunAs(uid: number): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', 'true']).status === 0;
}

function canMountTmpfs(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
}

describe('faults while writing notes', () => {
  it('leaves a consistent repository when killed mid-run', async () => {
    const repo = manyCommits(400);
    const child = spawn(process.execPath, [CLI, 'check', '--note', '--format', 'json', 'main~399..main'], {
      cwd: repo.dir,
      env: GIT_ENV,
      stdio: 'ignore',
    });
    // Listen before killing: a check that finishes first has already exited.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Give it time to start writing, then stop it the way a hook runner would.
    await new Promise((resolve) => setTimeout(resolve, 700));
    child.kill('SIGTERM');
    await exited;
    expectConsistent(repo);

    const rerun = runCli(repo.dir, ['check', '--note', '--format', 'json', 'main~399..main']);
    expect([0, 1]).toContain(rerun.code);
    expectConsistent(repo);
    // The range leaves out its base, the root commit.
    expect(repo.git('notes', '--ref=diff-guardian', 'list').trim().split('\n')).toHaveLength(399);
  });

  it.skipIf(!canRunAs(65534))('fails cleanly on a repository it cannot write', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    spawnSync('chmod', ['-R', 'a+rX', repo.dir]);
    spawnSync('chmod', ['a+rx', join(repo.dir, '..')]);
    const result = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'check', 'HEAD', '--note'],
      {
        cwd: repo.dir,
        encoding: 'utf8',
        env: {
          ...GIT_ENV,
          HOME: '/nonexistent',
          GIT_CONFIG_COUNT: '1',
          GIT_CONFIG_KEY_0: 'safe.directory',
          GIT_CONFIG_VALUE_0: '*',
        },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(notesRef(repo)).toBeNull();
    expectConsistent(repo);
  });

  it('fails cleanly on a full disk', (context) => {
    const mountPoint = join(tempDir(), 'small');
    if (!canMountTmpfs(mountPoint)) {
      context.skip();
      return;
    }
    try {
      const repo = new TestRepo(join(mountPoint, 'repo'));
      mkdirSync(repo.dir);
      repo.git('init', '-q');
      repo.write('a.txt', 'x\n').commit('one');
      // Fill the file system so the note objects cannot be written.
      spawnSync('dd', ['if=/dev/zero', `of=${join(mountPoint, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
      const result = runCli(repo.dir, ['check', 'HEAD', '--note']);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(notesRef(repo)).toBeNull();
      rmSync(join(mountPoint, 'filler'));
      expectConsistent(repo);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('writes every note when several processes write at once', async () => {
    const repo = manyCommits(60);
    // Four disjoint ranges that together cover the 59 commits after the root.
    const ranges = ['main~59..main~45', 'main~45..main~30', 'main~30..main~15', 'main~15..main'];
    const runs = ranges.map(
      (range) =>
        new Promise<number>((resolve) => {
          const child = spawn(process.execPath, [CLI, 'check', '--note', range], { cwd: repo.dir, env: GIT_ENV, stdio: 'ignore' });
          child.once('exit', (code) => resolve(code ?? -1));
        }),
    );
    const codes = await Promise.all(runs);
    for (const code of codes) expect([0, 1]).toContain(code);
    expectConsistent(repo);
    expect(repo.git('notes', '--ref=diff-guardian', 'list').trim().split('\n')).toHaveLength(59);
  });
});
