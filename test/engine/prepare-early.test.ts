import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { prepareBatch, prepareBatchEarly } from '../../src/engine/batch.js';
import { PolicyResolver } from '../../src/engine/check.js';
import { commitInfoCalls, readCommitInfos, readCommitInfosEarly } from '../../src/git/commits.js';
import { prefetchGit, takePrefetchedGit } from '../../src/git/prefetch.js';
import { TestRepo } from '../helpers/repo.js';

/** Writes a commit on top of HEAD whose object has a NUL in its message and an extra header. */
function unusualCommit(repo: TestRepo): string {
  const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
  const parent = repo.git('rev-parse', 'HEAD').trim();
  const body =
    `tree ${tree}\nparent ${parent}\nauthor Dev <dev@example.com> 1700000000 +0000\n` +
    `committer Dev <dev@example.com> 1700000000 +0000\nx-note first\n second\n\nbefore\0after\n`;
  const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: body, encoding: 'utf8' }).trim();
  repo.git('update-ref', 'HEAD', sha);
  return sha;
}

/** Builds a history whose config changes halfway, with a commit that git log cannot show whole. */
function history(): { repo: TestRepo; shas: string[] } {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('root');
  for (let i = 1; i <= 12; i += 1) repo.write(`src/f${i}.ts`, `export const v${i} = ${i};\n`).commit(`step ${i}`);
  repo.write('.diff-guardian.yml', 'rules:\n  - id: secret\n    action: warn\n').commit('config');
  repo.write('.gitleaksignore', 'abc:src/f1.ts:generic-api-key:1\n').commit('ignore file');
  unusualCommit(repo);
  for (let i = 13; i <= 22; i += 1) repo.write(`src/f${i}.ts`, `export const v${i} = ${i};\n`).commit(`step ${i}`);
  const shas = repo.git('rev-list', '--reverse', 'HEAD').trim().split('\n');
  return { repo, shas };
}

describe('preparing a batch with its git calls started early', () => {
  it('reads what the synchronous calls read', async () => {
    const { repo, shas } = history();
    expect(await readCommitInfosEarly(repo.dir, shas)).toEqual(readCommitInfos(repo.dir, shas));
    const early = await readCommitInfosEarly(repo.dir, shas);
    const unusual = [...early.values()].find((info) => info.message.startsWith('before'))!;
    expect(unusual.message).toBe('before\nafter\n');
    expect(unusual.headers).toEqual([{ name: 'x-note', text: 'x-note first\nsecond' }]);
  });

  it('matches prepareBatch and runs the work between', async () => {
    const { repo, shas } = history();
    const steps: string[] = [];
    const early = await prepareBatchEarly(shas, repo.dir, new PolicyResolver({ cwd: repo.dir }), {
      whileReadingMetadata: async () => {
        steps.push('metadata');
      },
      whileLookingUpConfigs: () => {
        steps.push('configs');
      },
    });
    const plain = prepareBatch(shas, repo.dir, new PolicyResolver({ cwd: repo.dir }));
    expect(steps).toEqual(['metadata', 'configs']);
    expect(early.shas).toEqual(plain.shas);
    expect(early.infos).toEqual(plain.infos);
    expect([...early.policies.keys()]).toEqual([...plain.policies.keys()]);
    for (const [base, policy] of plain.policies) {
      const other = early.policies.get(base)!;
      expect(other.rules).toEqual(policy.rules);
      expect(other.repositoryFiles).toEqual(policy.repositoryFiles);
    }
  });

  it('stops its early calls when the work fails', async () => {
    const { repo, shas } = history();
    // Started calls are in the table until taken, so an empty table below means they were stopped.
    prefetchGit(commitInfoCalls(repo.dir, shas));
    for (const call of commitInfoCalls(repo.dir, shas)) expect(await takePrefetchedGit(call)).toBeInstanceOf(Buffer);
    const failing = prepareBatchEarly(shas, repo.dir, new PolicyResolver({ cwd: repo.dir }), {
      whileReadingMetadata: async () => {
        throw new Error('detectors failed to load');
      },
      whileLookingUpConfigs: () => {},
    });
    await expect(failing).rejects.toThrow('detectors failed to load');
    for (const call of commitInfoCalls(repo.dir, shas)) expect(takePrefetchedGit(call)).toBeUndefined();
  });

  it('runs git itself without early calls', async () => {
    const { repo, shas } = history();
    // Without prefetchGit, readCommitInfosEarly finds no early output and runs git itself.
    expect(await readCommitInfosEarly(repo.dir, shas.slice(0, 5))).toEqual(readCommitInfos(repo.dir, shas.slice(0, 5)));
    await expect(readCommitInfosEarly(repo.dir, ['0'.repeat(40)])).rejects.toThrow(/git/);
  });
});
