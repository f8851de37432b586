import { beforeAll, describe, expect, it } from 'vitest';
import { awsAccessKeyId, awsSecretAccessKey } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';

/**
 * A linear history `c0` to `c4` on main, where the agent commit `c1` adds an
 * AWS key pair, plus a branch `side` from `c2` and an unrelated `orphan` root.
 */
interface History {
  repo: TestRepo;
  c: string[];
  side: string;
  orphan: string;
}

function buildHistory(): History {
  const repo = TestRepo.init();
  const c: string[] = [];
  c.push(repo.write('README.md', '# demo\n').commit('c0'));
  const keys = `export const id = '${awsAccessKeyId()}';\nexport const key = '${awsSecretAccessKey()}';\n`;
  c.push(repo.write('src/aws.ts', keys).commit('c1', { agent: true }));
  for (let i = 2; i <= 4; i += 1) c.push(repo.write(`src/step${i}.ts`, `export const step = ${i};\n`).commit(`c${i}`));
  repo.git('checkout', '-q', '-b', 'side', c[2]!);
  const side = repo.write('src/side.ts', 'export const side = 1;\n').commit('side');
  repo.git('checkout', '-q', '--orphan', 'orphan');
  const orphan = repo.write('other.txt', 'other\n').commit('orphan root');
  repo.git('checkout', '-q', 'main');
  return { repo, c, side, orphan };
}

function checkedShas(history: History, args: string[]): { code: number; shas: string[] } {
  const result = runCli(history.repo.dir, ['check', '--format', 'json', ...args]);
  expect(result.stderr).not.toContain('internal error');
  return { code: result.code, shas: jsonOf(result).commits.map((commit) => commit.sha as string) };
}

describe('check with several commit arguments', () => {
  let history: History;
  beforeAll(() => {
    history = buildHistory();
  });

  it('keeps a plain revision beside a range', () => {
    const { c } = history;
    const run = checkedShas(history, [c[1]!, `${c[3]}..${c[4]}`]);
    expect(run.shas).toEqual([c[1], c[4]]);
    expect(run.code).toBe(1);
  });

  it('keeps two disjoint ranges', () => {
    const { c } = history;
    const run = checkedShas(history, [`${c[0]}..${c[1]}`, `${c[3]}..${c[4]}`]);
    expect(run.shas).toEqual([c[1], c[4]]);
    expect(run.code).toBe(1);
  });

  it('checks overlapping ranges once per commit', () => {
    const { c } = history;
    const run = checkedShas(history, [`${c[2]}..${c[4]}`, `${c[0]}..${c[3]}`]);
    expect(run.shas).toEqual([c[1], c[2], c[3], c[4]]);
  });

  it('orders plain revisions oldest first', () => {
    const { c } = history;
    const run = checkedShas(history, [c[4]!, c[1]!, c[4]!]);
    expect(run.shas).toEqual([c[1], c[4]]);
  });

  it('puts a branch commit after its ancestors', () => {
    const { c, side } = history;
    const run = checkedShas(history, [side, `${c[0]}..${c[2]}`]);
    expect(run.shas).toEqual([c[1], c[2], side]);
  });

  it('checks commits without a common ancestor', () => {
    const { c, orphan } = history;
    const run = checkedShas(history, [orphan, `${c[3]}..${c[4]}`]);
    expect(run.shas).toHaveLength(2);
    expect(new Set(run.shas)).toEqual(new Set([orphan, c[4]]));
  });

  it('reads A^! and A^- as ranges', () => {
    const { c } = history;
    expect(checkedShas(history, [`${c[1]}^!`, c[3]!]).shas).toEqual([c[1], c[3]]);
    expect(checkedShas(history, [`${c[4]}^-`, c[1]!]).shas).toEqual([c[1], c[4]]);
  });

  it('joins ^A exclusions with plain revisions', () => {
    const { c } = history;
    const run = checkedShas(history, [c[4]!, `^${c[2]}`]);
    expect(run.shas).toEqual([c[3], c[4]]);
    expect(run.code).toBe(0);
  });

  it('applies ^A exclusions to ranges too', () => {
    const { c, side } = history;
    const run = checkedShas(history, [`${c[0]}..${c[4]}`, side, `^${c[2]}`]);
    expect(run.shas.filter((sha) => sha !== side)).toEqual([c[3], c[4]]);
    expect(run.shas).toContain(side);
    expect(run.shas).toHaveLength(3);
    expect(checkedShas(history, [`${c[0]}..${c[4]}`, `^${c[3]}`]).shas).toEqual([c[4]]);
  });

  it('keeps a single range unchanged', () => {
    const { c } = history;
    expect(checkedShas(history, [`${c[0]}..main`]).shas).toEqual(c.slice(1));
  });

  it('names an invalid range argument', () => {
    const result = runCli(history.repo.dir, ['check', 'HEAD', 'nosuch..HEAD']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid range nosuch..HEAD');
  });
});

describe('check --timeout bounds', () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
  });

  it('rejects a bound a Node timer cannot hold', () => {
    for (const value of ['2147484', '3000000', '1e300']) {
      const result = runCli(repo.dir, ['check', '--timeout', value, 'HEAD']);
      expect(result.code, value).toBe(2);
      expect(result.stderr).toContain(`invalid --timeout "${value}"`);
      expect(result.stderr).toContain('at most 2147483 seconds');
      expect(result.stderr).not.toContain('timed out');
    }
  });

  it('accepts the largest bound', () => {
    const result = runCli(repo.dir, ['check', '--timeout', '2147483', 'HEAD']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('rejects a bound that is not a positive number', () => {
    for (const value of ['0', '-5', 'soon', ' ', 'Infinity']) {
      const result = runCli(repo.dir, ['check', `--timeout=${value}`, 'HEAD']);
      expect(result.code, value).toBe(2);
      expect(result.stderr).toContain('invalid --timeout');
    }
  });
});
