import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitBounded, gitSync, gitText } from '../../src/git/exec.js';
import { HEAD_LOOKUP_ARGS, headLookupInput, IDENTITY_ARGS } from '../../src/git/first-calls.js';
import { stagedDiffArgs } from '../../src/git/diff-flags.js';
import { dropPrefetchedGit, PREFETCH_TEXT_BYTES, prefetchGit, takePrefetchedGit } from '../../src/git/prefetch.js';
import { TestRepo, tempDir } from '../helpers/repo.js';

afterEach(() => dropPrefetchedGit());

function restoreTmpdir(saved: string | undefined): void {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
}

function stagedRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.write('a.txt', 'one\n').write('.gitleaksignore', '# none\n').commit('one');
  repo.write('a.txt', 'one\ntwo\n').write('b b.txt', 'quoted path\n').stage();
  return repo;
}

describe('prefetched git calls', () => {
  it('give the same output as the calls run directly', async () => {
    const repo = stagedRepo();
    const calls = [
      { args: HEAD_LOOKUP_ARGS, cwd: repo.dir, input: headLookupInput(), maxBytes: PREFETCH_TEXT_BYTES },
      { args: stagedDiffArgs('HEAD'), cwd: repo.dir, maxBytes: 1 << 20 },
      { args: IDENTITY_ARGS, cwd: repo.dir, maxBytes: PREFETCH_TEXT_BYTES },
    ];
    prefetchGit(calls);
    // git var prints identities with the current time, which may move on by a second between the two runs.
    const withoutTimes = (text: string) => text.replace(/ \d+ [+-]\d{4}$/gm, ' TIME');
    for (const call of calls) {
      const early = await takePrefetchedGit(call);
      expect(Buffer.isBuffer(early)).toBe(true);
      expect(withoutTimes((early as Buffer).toString('utf8'))).toBe(withoutTimes(gitSync(call.args, { cwd: call.cwd, input: call.input })));
    }
  });

  it('are used once, by an identical call only', async () => {
    const repo = stagedRepo();
    const call = { args: HEAD_LOOKUP_ARGS, cwd: repo.dir, input: headLookupInput(), maxBytes: PREFETCH_TEXT_BYTES };
    prefetchGit([call]);
    expect(takePrefetchedGit({ ...call, input: 'HEAD\n' })).toBeUndefined();
    expect(takePrefetchedGit({ ...call, cwd: repo.path('sub') })).toBeUndefined();
    expect(takePrefetchedGit({ ...call, maxBytes: 10 })).toBeUndefined();
    expect(takePrefetchedGit(call)).toBeDefined();
    expect(takePrefetchedGit(call)).toBeUndefined();
  });

  it('report output past the bound as overflow', async () => {
    const repo = stagedRepo();
    const args = stagedDiffArgs('HEAD');
    prefetchGit([{ args, cwd: repo.dir, maxBytes: 16 }]);
    expect(await gitBounded(args, { cwd: repo.dir }, 16)).toBeNull();
    prefetchGit([{ args, cwd: repo.dir, maxBytes: 16 }]);
    expect(await takePrefetchedGit({ args, cwd: repo.dir, maxBytes: 16 })).toBe('overflow');
  });

  it('give null when git fails', async () => {
    const repo = TestRepo.init();
    const args = stagedDiffArgs('HEAD');
    prefetchGit([{ args, cwd: repo.dir, maxBytes: 1 << 20 }]);
    expect(await takePrefetchedGit({ args, cwd: repo.dir, maxBytes: 1 << 20 })).toBeNull();
    prefetchGit([{ args, cwd: repo.dir, maxBytes: 1 << 20 }]);
    await expect(gitBounded(args, { cwd: repo.dir }, 1 << 20)).rejects.toThrow(/git diff-index failed/);
  });

  it('survive an earlier failed call', async () => {
    const repo = stagedRepo();
    const missing = { args: IDENTITY_ARGS, cwd: repo.path('no-such-folder'), maxBytes: PREFETCH_TEXT_BYTES };
    const lookup = { args: HEAD_LOOKUP_ARGS, cwd: repo.dir, input: headLookupInput(), maxBytes: PREFETCH_TEXT_BYTES };
    prefetchGit([missing, lookup]);
    expect(await takePrefetchedGit(missing)).toBeNull();
    expect(await gitText(lookup.args, { cwd: lookup.cwd, input: lookup.input })).toBe(gitSync(lookup.args, { cwd: lookup.cwd, input: lookup.input }));
  });

  it('pass shell-like input unchanged', async () => {
    const repo = stagedRepo();
    const input = "HEAD^{commit}:$(touch pwned)\nHEAD^{commit}:'quoted' `tick`\n";
    const call = { args: HEAD_LOOKUP_ARGS, cwd: repo.dir, input, maxBytes: PREFETCH_TEXT_BYTES };
    prefetchGit([call]);
    const early = await takePrefetchedGit(call);
    expect((early as Buffer).toString('utf8')).toBe(gitSync(call.args, { cwd: repo.dir, input }));
    expect(existsSync(repo.path('pwned'))).toBe(false);
  });

  it('skip input holding the end marker', () => {
    const repo = stagedRepo();
    const call = { args: HEAD_LOOKUP_ARGS, cwd: repo.dir, input: 'HEAD\nDIFF_GUARDIAN_INPUT_END\n', maxBytes: PREFETCH_TEXT_BYTES };
    prefetchGit([call]);
    expect(takePrefetchedGit(call)).toBeUndefined();
  });

  it('are dropped by dropPrefetchedGit', async () => {
    const repo = stagedRepo();
    const call = { args: IDENTITY_ARGS, cwd: repo.dir, maxBytes: PREFETCH_TEXT_BYTES };
    prefetchGit([call]);
    dropPrefetchedGit();
    expect(takePrefetchedGit(call)).toBeUndefined();
  });

  it.each(['drop', 'SIGINT to sh'])('stop a running git on %s', async (how) => {
    const repo = stagedRepo();
    // A git that records its process id and then runs far longer than the test.
    const bin = tempDir('dg-prefetch-bin-');
    const pidFile = join(bin, 'pid');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 30\n`, { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      prefetchGit([{ args: IDENTITY_ARGS, cwd: repo.dir, maxBytes: PREFETCH_TEXT_BYTES }]);
    } finally {
      process.env.PATH = saved;
    }
    const waitFor = async (test: () => boolean): Promise<boolean> => {
      for (let i = 0; i < 100 && !test(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      return test();
    };
    expect(await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '')).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const running = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(running()).toBe(true);
    if (how === 'drop') {
      dropPrefetchedGit();
    } else {
      // Ctrl-C reaches sh and git alike, and a background git ignores SIGINT.
      const sh = Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
      process.kill(sh, 'SIGINT');
      process.kill(pid, 'SIGINT');
    }
    expect(await waitFor(() => !running())).toBe(true);
  });

  it('leave no file in the temporary folder', async () => {
    const repo = stagedRepo();
    const folder = tempDir('dg-prefetch-tmp-');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = folder;
    try {
      const call = { args: stagedDiffArgs('HEAD'), cwd: repo.dir, maxBytes: 1 << 20 };
      prefetchGit([call]);
      expect(readdirSync(folder)).toEqual([]);
      expect(Buffer.isBuffer(await takePrefetchedGit(call))).toBe(true);
    } finally {
      restoreTmpdir(saved);
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('skip an unusable temporary folder', () => {
    const repo = stagedRepo();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(tempDir('dg-prefetch-tmp-'), 'missing');
    try {
      const call = { args: IDENTITY_ARGS, cwd: repo.dir, maxBytes: PREFETCH_TEXT_BYTES };
      prefetchGit([call]);
      expect(takePrefetchedGit(call)).toBeUndefined();
    } finally {
      restoreTmpdir(saved);
    }
  });

  it('report overflow far past the bound', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'one\n').commit('one');
    mkdirSync(repo.path('big'));
    // About 2 MB of staged text against a bound of 4 KB.
    for (let i = 0; i < 8; i++) repo.write(`big/${i}.txt`, `${'line of text\n'.repeat(20_000)}`);
    repo.stage();
    const call = { args: stagedDiffArgs('HEAD'), cwd: repo.dir, maxBytes: 4096 };
    prefetchGit([call]);
    expect(await takePrefetchedGit(call)).toBe('overflow');
  });
});
