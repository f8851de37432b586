import { describe, expect, it } from 'vitest';
import { checkCommits } from '../../src/engine/check.js';
import { TestRepo } from '../helpers/repo.js';

const AGENT_TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';

/** Builds a repository where a human commit on a side branch adds `chmod 777`, then merges the branch back with --no-ff. */
function sideBranchMerge(mergeMessage: string): { repo: TestRepo; range: string[] } {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('root');
  repo.git('checkout', '-q', '-b', 'side');
  repo.write('scripts/setup.sh', '#!/bin/sh\nchmod 777 /srv/data\n').commit('open the data folder');
  repo.git('checkout', '-q', 'main');
  repo.write('src/a.ts', 'export const a = 1;\n').commit('add a');
  repo.git('merge', '-q', '--no-ff', '-m', mergeMessage, 'side');
  const range = repo.git('rev-list', '--reverse', 'HEAD~1..HEAD', 'side', '^HEAD~1').trim().split('\n');
  return { repo, range };
}

describe('merge de-duplication in a range', () => {
  it('agent merge leaves a human warning to its commit', async () => {
    const { repo, range } = sideBranchMerge(`merge side\n\n${AGENT_TRAILER}`);
    const result = await checkCommits(range, { cwd: repo.dir });
    const merge = result.commits.at(-1)!;
    const side = result.commits.find((c) => c !== merge && c.findings.some((f) => f.ruleId === 'permission/chmod-permissive'))!;

    expect(side.findings.find((f) => f.ruleId === 'permission/chmod-permissive')!.action).toBe('warn');
    expect(merge.findings).toEqual([]);
    expect(result.verdict).toBe('warn');
  });

  it('human merge drops a repeated warning', async () => {
    const { repo, range } = sideBranchMerge('merge side');
    const result = await checkCommits(range, { cwd: repo.dir });
    const merge = result.commits.at(-1)!;

    expect(merge.findings).toEqual([]);
    expect(result.verdict).toBe('warn');
  });
});
