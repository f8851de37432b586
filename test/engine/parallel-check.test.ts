import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkThreads, THREADS_ENV } from '../../src/engine/workers.js';
import { awsAccessKeyId, awsSecretAccessKey, githubToken } from '../helpers/secrets.js';
import { git, jsonOf, runCli, tempDir, TestRepo, type CliResult } from '../helpers/repo.js';

// With 3 threads a range of about 40 commits is split into batches of 10 (the
// smallest batch), so the merge below is judged in another batch than the side
// branch commit whose finding it repeats.
const THREADED = { [THREADS_ENV]: '3' };
const BATCH = 10;
const ONE_THREAD = { [THREADS_ENV]: '1' };

function awsFile(): string {
  return `export const s3 = { accessKeyId: '${awsAccessKeyId()}', secretAccessKey: '${awsSecretAccessKey()}' };\n`;
}

function moduleFile(index: number): string {
  return `export function step${index}(value: number): number {\n  return value + ${index};\n}\n`;
}

/**
 * Builds a history of about 40 commits with findings of several kinds, a side
 * branch merged back with --no-ff, and a config that turns secrets off halfway.
 * Also adds an unrelated orphan branch, so `HEAD ^other` is a range that
 * includes the root commit.
 */
function buildHistory(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').write('package.json', '{ "name": "demo", "version": "1.0.0" }\n').commit('root');
  for (let i = 1; i <= 4; i += 1) repo.write(`src/step${i}.ts`, moduleFile(i)).commit(`add step ${i}`);
  repo.git('checkout', '-q', '-b', 'side');
  repo.write('src/side.ts', `export const token = '${githubToken()}';\n`).commit('add side token', { agent: true });
  for (let i = 1; i <= 12; i += 1) repo.write(`src/side${i}.ts`, moduleFile(100 + i)).commit(`side step ${i}`, { agent: true });
  repo.git('checkout', '-q', 'main');
  for (let i = 5; i <= 12; i += 1) repo.write(`src/step${i}.ts`, moduleFile(i)).commit(`add step ${i}`);
  repo.write('src/s3.ts', awsFile()).commit('connect to s3', { agent: true });
  repo.write('scripts/setup.sh', '#!/bin/sh\nchmod 777 /srv/data\n').commit('open the data folder', { agent: true });
  repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
  repo.write('test/a.test.ts', "import { it } from 'vitest';\nit.skip('adds', () => {});\n").commit('skip a test', { agent: true });
  const config = 'rules:\n  - id: secret\n    action: off\n  - id: permission\n    action: warn\n';
  repo.write('.diff-guardian.yml', config).commit('turn secrets off');
  repo.write('src/late.ts', awsFile()).commit('leak after the config change', { agent: true });
  for (let i = 13; i <= 22; i += 1) repo.write(`src/step${i}.ts`, moduleFile(i)).commit(`add step ${i}`);
  repo.write('scripts/cache.sh', '#!/bin/sh\nchmod 777 /srv/cache\n').commit('open the cache folder', { agent: true });
  repo.git('checkout', '-q', '--orphan', 'other');
  repo.git('rm', '-q', '-r', '--cached', '.');
  repo.write('OTHER.md', 'unrelated\n').git('add', 'OTHER.md');
  repo.git('commit', '-q', '--no-verify', '-m', 'unrelated root');
  repo.git('checkout', '-q', '-f', 'main');
  return repo;
}

function expectSameRun(threaded: CliResult, single: CliResult): void {
  expect(threaded.code).toBe(single.code);
  expect(threaded.stdout).toBe(single.stdout);
  expect(threaded.stderr).toBe(single.stderr);
}

describe('range check on worker threads', () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = buildHistory();
  });

  it('matches one thread over the whole history', () => {
    const args = ['check', '--format', 'json', 'HEAD', '^other'];
    const single = runCli(repo.dir, args, { env: ONE_THREAD });
    const threaded = runCli(repo.dir, args, { env: THREADED });
    expectSameRun(threaded, single);

    const report = jsonOf(single);
    expect(single.code).toBe(1);
    expect(report.commits.length).toBeGreaterThan(20);
    // The root commit, the merge and the commit after the config change are all in the range.
    const messages = repo.git('log', '--reverse', '--topo-order', '--format=%s', 'HEAD').trim().split('\n');
    expect(messages[0]).toBe('root');
    const mergeIndex = messages.indexOf('merge side');
    const batchOf = (index: number): number => Math.floor(index / BATCH);
    expect(batchOf(mergeIndex)).toBeGreaterThan(batchOf(messages.indexOf('add side token')));
    expect(report.commits[mergeIndex]!.findings).toEqual([]);
    const late = report.commits[messages.indexOf('leak after the config change')]!;
    expect(late.findings.filter((f: { category: string }) => f.category === 'secret')).toEqual([]);
    const s3 = report.commits[messages.indexOf('connect to s3')]!;
    expect(s3.findings.some((f: { category: string }) => f.category === 'secret')).toBe(true);
    // A rule of the committed config decides, and its name includes the commit the config was read from.
    const cache = report.commits[messages.indexOf('open the cache folder')]!;
    const decided = cache.findings.map((f: { decidedBy?: string }) => f.decidedBy ?? '');
    expect(decided.some((by: string) => by.includes('.diff-guardian.yml'))).toBe(true);
  });

  it('matches one thread with every merge parent', () => {
    const args = ['check', '--format', 'json', '--all-parents', 'HEAD', '^other'];
    expectSameRun(runCli(repo.dir, args, { env: THREADED }), runCli(repo.dir, args, { env: ONE_THREAD }));
  });

  it('matches one thread in SARIF with a given config', () => {
    const config = repo.path('.git', 'strict.yml');
    repo.write('.git/strict.yml', 'rules:\n  - id: permission\n    action: block\n');
    const args = ['check', '--format', 'sarif', '--config', config, 'HEAD~20..HEAD'];
    expectSameRun(runCli(repo.dir, args, { env: THREADED }), runCli(repo.dir, args, { env: ONE_THREAD }));
  });

  it('writes the same notes as one thread', () => {
    const notesOf = (threads: Record<string, string>): string[] => {
      const clone = tempDir();
      git(clone, ['clone', '-q', '--branch', 'main', repo.dir, '.']);
      git(clone, ['fetch', '-q', 'origin', 'other:other']);
      const result = runCli(clone, ['check', '--note', '--format', 'json', 'HEAD', '^other'], { env: threads });
      expect(result.code).toBe(1);
      const listed = git(clone, ['notes', '--ref', 'diff-guardian', 'list']).trim().split('\n');
      // The write time is the one field that differs between runs.
      return listed.map((line) => git(clone, ['notes', '--ref', 'diff-guardian', 'show', line.split(' ')[1]!]).replace(/"time": "[^"]*"/, ''));
    };
    const single = notesOf(ONE_THREAD);
    expect(single.length).toBeGreaterThan(20);
    expect(notesOf(THREADED)).toEqual(single);
  });

  it('fails closed when git cannot read a blob', () => {
    const broken = buildHistory();
    const blob = broken.git('rev-parse', 'HEAD~4:src/step19.ts').trim();
    rmSync(join(broken.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    // git diff reuses a clean work tree file in place of a blob, so remove that copy too.
    broken.remove('src/step19.ts');
    const args = ['check', '--format', 'json', 'HEAD', '^other'];
    const single = runCli(broken.dir, args, { env: ONE_THREAD });
    const threaded = runCli(broken.dir, args, { env: THREADED });
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('git diff-tree failed');
    expectSameRun(threaded, single);
  });

  it('rejects an invalid thread count', () => {
    const result = runCli(repo.dir, ['check', 'HEAD~2..HEAD'], { env: { [THREADS_ENV]: 'many' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`invalid ${THREADS_ENV} "many"`);
  });
});

describe('checkThreads', () => {
  it('uses no worker for a short range', () => {
    expect(checkThreads(50, {})).toBe(1);
  });

  it('uses one worker per CPU from three CPUs', () => {
    expect(checkThreads(500, {}, 3)).toBe(3);
    expect(checkThreads(500, {}, 16)).toBe(4);
  });

  it('checks in the calling thread on two CPUs', () => {
    expect(checkThreads(500, {}, 2)).toBe(1);
    expect(checkThreads(500, {}, 1)).toBe(1);
  });

  it('follows the environment variable', () => {
    expect(checkThreads(500, { [THREADS_ENV]: '1' })).toBe(1);
    expect(checkThreads(500, { [THREADS_ENV]: '3' })).toBe(3);
  });

  it('uses no more threads than commits', () => {
    expect(checkThreads(2, { [THREADS_ENV]: '8' })).toBe(2);
  });

  it('rejects a count below one', () => {
    expect(() => checkThreads(500, { [THREADS_ENV]: '0' })).toThrow(/invalid DIFF_GUARDIAN_THREADS "0"/);
  });
});
