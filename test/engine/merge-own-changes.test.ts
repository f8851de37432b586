import { describe, expect, it } from 'vitest';
import { checkCommits, type CheckOptions } from '../../src/engine/check.js';
import type { CommitVerdict } from '../../src/model/types.js';
import { TestRepo } from '../helpers/repo.js';
import { awsAccessKeyId, awsSecretAccessKey } from '../helpers/secrets.js';

// A merge is judged for what it adds itself. Findings of content that a
// commit of the same range introduced on the merged branch, and that the
// merge takes over unchanged, are left to that commit's verdict.

const AGENT_TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';
const CHMOD_RULE = 'permission/chmod-permissive';
const ALLOWED_CHMOD = 'chmod 777 /srv/scratch  # diff-guardian: allow permission/chmod-permissive -- shared scratch folder\n';
const MERGE_MODES: Array<CheckOptions['mergeParents']> = ['first', 'all'];

function baseRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').write('scripts/setup.sh', '#!/bin/sh\necho setup\n').commit('root');
  return repo;
}

/** Merges `side` into the current branch with --no-ff, as an agent unless `human` is set. */
function merge(repo: TestRepo, options: { human?: boolean; edit?: (repo: TestRepo) => void } = {}): string {
  repo.git('merge', '-q', '--no-ff', '--no-commit', 'side');
  options.edit?.(repo);
  repo.git('add', '-A');
  const message = options.human ? 'merge side' : `merge side\n\n${AGENT_TRAILER}`;
  repo.git('commit', '-q', '--no-verify', '-m', message);
  return repo.head();
}

function rangeOf(repo: TestRepo, base: string): string[] {
  return repo.git('rev-list', '--reverse', '--topo-order', `${base}..HEAD`).trim().split('\n');
}

function verdictOf(commits: CommitVerdict[], sha: string): CommitVerdict {
  const verdict = commits.find((c) => c.sha === sha);
  expect(verdict).toBeDefined();
  return verdict!;
}

function rulesOf(verdict: CommitVerdict): string[] {
  return verdict.findings.map((f) => f.ruleId);
}

/** Returns a repository where a human side commit adds `chmod 777` with an inline allow, and the branch point. */
function sideWithAllowedChmod(): { repo: TestRepo; base: string } {
  const repo = baseRepo();
  const base = repo.head();
  repo.git('checkout', '-q', '-b', 'side');
  repo.write('scripts/setup.sh', `#!/bin/sh\necho setup\n${ALLOWED_CHMOD}`).commit('open the scratch folder');
  repo.git('checkout', '-q', 'main');
  repo.write('src/a.ts', 'export const a = 1;\n').commit('add a');
  return { repo, base };
}

describe('agent merge of judged side commits', () => {
  for (const mode of MERGE_MODES) {
    it(`keeps a human inline allow (${mode} parents)`, async () => {
      const { repo, base } = sideWithAllowedChmod();
      const mergeSha = merge(repo);
      const result = await checkCommits(rangeOf(repo, base), { cwd: repo.dir, mergeParents: mode });

      expect(rulesOf(verdictOf(result.commits, mergeSha))).toEqual([]);
      expect(result.verdict).not.toBe('block');
    });
  }

  it('drops a warning a human commit earned', async () => {
    const repo = baseRepo();
    const base = repo.head();
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('scripts/setup.sh', '#!/bin/sh\necho setup\nchmod 777 /srv/data\n').commit('open the data folder');
    repo.git('checkout', '-q', 'main');
    repo.write('src/a.ts', 'export const a = 1;\n').commit('add a');
    const mergeSha = merge(repo);
    const result = await checkCommits(rangeOf(repo, base), { cwd: repo.dir });

    expect(rulesOf(verdictOf(result.commits, mergeSha))).toEqual([]);
    expect(result.verdict).toBe('warn');
  });
});

describe('agent merge that adds content itself', () => {
  for (const mode of MERGE_MODES) {
    it(`blocks a credential in a conflict resolution (${mode} parents)`, async () => {
      const repo = baseRepo();
      const base = repo.head();
      repo.git('checkout', '-q', '-b', 'side');
      repo.write('src/config.ts', "export const region = 'eu-west-1';\n").commit('side config');
      repo.git('checkout', '-q', 'main');
      repo.write('src/config.ts', "export const region = 'us-east-1';\n").commit('main config');
      expect(() => repo.git('merge', '-q', '--no-ff', '--no-commit', 'side')).toThrow(/exit 1/);
      const resolved = `export const region = 'us-east-1';\nexport const aws = { accessKeyId: '${awsAccessKeyId()}', secretAccessKey: '${awsSecretAccessKey()}' };\n`;
      repo.write('src/config.ts', resolved);
      repo.git('add', '-A');
      repo.git('commit', '-q', '--no-verify', '-m', `merge side\n\n${AGENT_TRAILER}`);
      const result = await checkCommits(rangeOf(repo, base), { cwd: repo.dir, mergeParents: mode });

      const mergeVerdict = verdictOf(result.commits, repo.head());
      expect(rulesOf(mergeVerdict).some((id) => id.startsWith('secret/'))).toBe(true);
      expect(mergeVerdict.verdict).toBe('block');
    });
  }

  it('blocks content a later side commit removed', async () => {
    const repo = baseRepo();
    const base = repo.head();
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('scripts/setup.sh', `#!/bin/sh\necho setup\n${ALLOWED_CHMOD}`).commit('open the scratch folder');
    repo.write('scripts/setup.sh', '#!/bin/sh\necho setup\n').commit('close the scratch folder again');
    repo.git('checkout', '-q', 'main');
    repo.write('src/a.ts', 'export const a = 1;\n').commit('add a');
    const mergeSha = merge(repo, { edit: (r) => r.write('scripts/setup.sh', `#!/bin/sh\necho setup\n${ALLOWED_CHMOD}`) });
    const result = await checkCommits(rangeOf(repo, base), { cwd: repo.dir });

    const mergeVerdict = verdictOf(result.commits, mergeSha);
    expect(rulesOf(mergeVerdict)).toContain(CHMOD_RULE);
    expect(mergeVerdict.verdict).toBe('block');
  });

  it('blocks content the first parent removed', async () => {
    const repo = baseRepo();
    const base = repo.head();
    repo.write('scripts/setup.sh', `#!/bin/sh\necho setup\n${ALLOWED_CHMOD}`).commit('open the scratch folder');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('src/b.ts', 'export const b = 1;\n').commit('add b');
    repo.git('checkout', '-q', 'main');
    repo.write('scripts/setup.sh', '#!/bin/sh\necho setup\n').commit('close the scratch folder again');
    const mergeSha = merge(repo, { edit: (r) => r.write('scripts/setup.sh', `#!/bin/sh\necho setup\n${ALLOWED_CHMOD}`) });
    const result = await checkCommits(rangeOf(repo, base), { cwd: repo.dir });

    const mergeVerdict = verdictOf(result.commits, mergeSha);
    expect(rulesOf(mergeVerdict)).toContain(CHMOD_RULE);
    expect(mergeVerdict.verdict).toBe('block');
  });
});

describe('agent merge of side commits outside the range', () => {
  for (const mode of MERGE_MODES) {
    it(`judges the whole merge alone (${mode} parents)`, async () => {
      const { repo } = sideWithAllowedChmod();
      const mergeSha = merge(repo);
      const result = await checkCommits([mergeSha], { cwd: repo.dir, mergeParents: mode });

      const mergeVerdict = verdictOf(result.commits, mergeSha);
      expect(rulesOf(mergeVerdict)).toContain(CHMOD_RULE);
      expect(mergeVerdict.verdict).toBe('block');
    });
  }

  it('judges side content whose commit the range excludes', async () => {
    const { repo } = sideWithAllowedChmod();
    const sideTip = repo.git('rev-parse', 'side').trim();
    const mergeSha = merge(repo);
    // The range contains the merge and main's commit but not the side commit, which was judged elsewhere or never.
    const range = repo.git('rev-list', '--reverse', '--topo-order', 'HEAD', '--not', sideTip, 'HEAD~1~1').trim().split('\n');
    const result = await checkCommits(range, { cwd: repo.dir, mergeParents: 'all' });

    expect(range).not.toContain(sideTip);
    expect(rulesOf(verdictOf(result.commits, mergeSha))).toContain(CHMOD_RULE);
    expect(result.verdict).toBe('block');
  });
});

describe('merge diff against the second parent', () => {
  it('is reported only with every parent', async () => {
    const repo = baseRepo();
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('src/b.ts', 'export const b = 1;\n').commit('add b');
    repo.git('checkout', '-q', 'main');
    repo.write('scripts/setup.sh', '#!/bin/sh\necho setup\nchmod 777 /srv/data\n').commit('open the data folder');
    const mergeSha = merge(repo);

    const first = await checkCommits([mergeSha], { cwd: repo.dir, mergeParents: 'first' });
    const all = await checkCommits([mergeSha], { cwd: repo.dir, mergeParents: 'all' });
    expect(rulesOf(verdictOf(first.commits, mergeSha))).toEqual([]);
    expect(rulesOf(verdictOf(all.commits, mergeSha))).toContain(CHMOD_RULE);
  });
});
