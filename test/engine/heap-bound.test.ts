import { beforeAll, describe, expect, it } from 'vitest';
import { HEAP_BOUND_ENV, RangeHeapBound } from '../../src/engine/heap-bound.js';
import { THREADS_ENV } from '../../src/engine/workers.js';
import { awsAccessKeyId, awsSecretAccessKey, githubToken } from '../helpers/secrets.js';
import { git, jsonOf, runCli, TestRepo, type CliResult } from '../helpers/repo.js';

// A range check in the calling thread reads commits in batches of 500, so this
// many commits make two batches.
const TWO_BATCH_COMMITS = 520;

/** Builds a short history with secret, permission and disabled-check findings and a merge. */
function buildHistory(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('root');
  repo.git('checkout', '-q', '-b', 'side');
  const side = `export const token = '${githubToken()}';\n`;
  repo.write('src/side.ts', side).commit('add side token', { agent: true });
  repo.git('checkout', '-q', 'main');
  const s3 = `export const s3 = { id: '${awsAccessKeyId()}', key: '${awsSecretAccessKey()}' };\n`;
  repo.write('src/s3.ts', s3).commit('connect to s3', { agent: true });
  repo.write('scripts/setup.sh', '#!/bin/sh\nchmod 777 /srv/data\n').commit('open the data folder');
  repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
  const skipped = "import { it } from 'vitest';\nit.skip('adds', () => {});\n";
  repo.write('test/a.test.ts', skipped).commit('skip a test', { agent: true });
  return repo;
}

/**
 * Adds `count` commits on top of HEAD with one `git fast-import`, each
 * appending a line to a shell script, and every hundredth opening a folder
 * with `chmod 777`.
 */
function appendCommits(repo: TestRepo, count: number): void {
  const head = repo.head();
  const lines: string[] = ['#!/bin/sh'];
  let stream = '';
  for (let index = 1; index <= count; index += 1) {
    lines.push(index % 100 === 0 ? `chmod 777 /srv/data${index}` : `echo step ${index}`);
    const content = lines.join('\n') + '\n';
    const message = `step ${index}\n`;
    stream += 'commit refs/heads/main\n';
    stream += `committer Dana Developer <dana@example.com> ${1_700_000_000 + index} +0000\n`;
    stream += `data ${Buffer.byteLength(message)}\n${message}`;
    if (index === 1) stream += `from ${head}\n`;
    stream += `M 100644 inline scripts/steps.sh\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  git(repo.dir, ['fast-import', '--quiet'], stream);
  repo.git('reset', '-q', '--hard', 'main');
}

function expectSameRun(bounded: CliResult, unbounded: CliResult): void {
  expect(bounded.code).toBe(unbounded.code);
  expect(bounded.stdout).toBe(unbounded.stdout);
  expect(bounded.stderr).toBe(unbounded.stderr);
}

const ONE_THREAD = { [THREADS_ENV]: '1' };

describe('heap bound of range checks', () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = buildHistory();
  });

  it('keeps the report with a collection per commit', () => {
    const args = ['check', '--format', 'json', 'HEAD~4..HEAD'];
    const unbounded = runCli(repo.dir, args, { env: { ...ONE_THREAD, [HEAP_BOUND_ENV]: 'off' } });
    const everyCommit = { ...ONE_THREAD, [HEAP_BOUND_ENV]: 'every-commit' };
    const bounded = runCli(repo.dir, args, { env: everyCommit });
    expectSameRun(bounded, unbounded);
    const report = jsonOf(unbounded);
    expect(unbounded.code).toBe(1);
    expect(report.commits).toHaveLength(5);
    const categories = new Set(report.findings.map((finding) => finding.category));
    expect([...categories].sort()).toEqual(['disabled-check', 'permission', 'secret']);
  });

  it('keeps the report over two batches', () => {
    const long = TestRepo.init();
    long.write('README.md', '# demo\n').commit('root');
    appendCommits(long, TWO_BATCH_COMMITS);
    const args = ['check', '--format', 'json', `HEAD~${TWO_BATCH_COMMITS}..HEAD`];
    const unbounded = runCli(long.dir, args, { env: { ...ONE_THREAD, [HEAP_BOUND_ENV]: 'off' } });
    const bounded = runCli(long.dir, args, { env: ONE_THREAD });
    expectSameRun(bounded, unbounded);
    const report = jsonOf(unbounded);
    expect(report.commits).toHaveLength(TWO_BATCH_COMMITS);
    const permissions = report.findings.filter((finding) => finding.category === 'permission');
    expect(permissions).toHaveLength(Math.floor(TWO_BATCH_COMMITS / 100));
  });
});

describe('RangeHeapBound.start', () => {
  it('skips a range of one batch', async () => {
    expect(await RangeHeapBound.start(1, {})).toBeNull();
  });

  it('bounds a range of two batches', async () => {
    expect(await RangeHeapBound.start(2, {})).toBeInstanceOf(RangeHeapBound);
  });

  it('is turned off by the environment', async () => {
    expect(await RangeHeapBound.start(10, { [HEAP_BOUND_ENV]: 'off' })).toBeNull();
  });
});
