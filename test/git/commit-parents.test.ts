import { describe, expect, it } from 'vitest';
import { GitError } from '../../src/errors.js';
import { readCommitInfos, readCommitParents } from '../../src/git/commits.js';
import { TestRepo } from '../helpers/repo.js';

describe('readCommitParents', () => {
  it('matches the parents of readCommitInfos', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n').commit('root');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('b.txt', 'b\n').commit('side');
    repo.git('checkout', '-q', 'main');
    repo.write('c.txt', 'c\n').commit('main');
    repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    const shas = repo.git('rev-list', '--reverse', '--topo-order', 'HEAD').trim().split('\n');
    const infos = readCommitInfos(repo.dir, shas);
    const parents = readCommitParents(repo.dir, shas);
    expect(parents).toEqual(shas.map((sha) => infos.get(sha)!.parents));
    expect(parents[0]).toEqual([]);
    expect(parents[shas.length - 1]).toHaveLength(2);
  });

  it('keeps the order it was given', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n').commit('first');
    repo.write('a.txt', 'b\n').commit('second');
    const [first, second] = repo.git('rev-list', '--reverse', 'HEAD').trim().split('\n') as [string, string];
    expect(readCommitParents(repo.dir, [second, first])).toEqual([[first], []]);
  });

  it('rejects a commit git does not return', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n').commit('first');
    const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
    expect(() => readCommitParents(repo.dir, [tree])).toThrow(GitError);
  });
});
