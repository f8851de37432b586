import { describe, expect, it } from 'vitest';
import { jsonOf, runCli, TestRepo } from '../../helpers/repo.js';
import { edit, WORKFLOW } from './ci-fixtures.js';

const SUITE = [
  "import { describe, expect, it } from 'vitest';",
  "import { total } from './invoice';",
  '',
  "describe('invoice totals', () => {",
  "  it('adds tax', () => {",
  '    expect(total(100, 0.2)).toBe(120);',
  '  });',
  '});',
  '',
].join('\n');

function repoWithSuite(config?: string): TestRepo {
  const repo = TestRepo.init();
  repo.write('src/billing/invoice.test.ts', SUITE);
  if (config !== undefined) repo.write('.diff-guardian.yml', config);
  repo.commit('add invoice tests');
  return repo;
}

describe('check command on disabled checks', () => {
  it('warns on a human describe.skip and exits 0', () => {
    const repo = repoWithSuite();
    repo.write('src/billing/invoice.test.ts', edit(SUITE, "describe('invoice", "describe.skip('invoice")).commit('skip flaky suite');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = jsonOf(result);
    expect(report.verdict).toBe('warn');
    expect(report.findings.map((f) => `${f.ruleId}:${f.file}:${f.line}`)).toEqual(['disabled-check/test-skipped:src/billing/invoice.test.ts:4']);
  });

  it('blocks the same describe.skip under the strict pack', () => {
    const repo = repoWithSuite('extends: [strict]\n');
    repo.write('src/billing/invoice.test.ts', edit(SUITE, "describe('invoice", "describe.skip('invoice")).commit('skip flaky suite');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(jsonOf(result).verdict).toBe('block');
  });

  it('blocks an agent commit that makes CI checks non-blocking', () => {
    const repo = TestRepo.init();
    repo.write('.github/workflows/ci.yml', WORKFLOW).commit('add CI');
    const weakened = edit(
      edit(WORKFLOW, '--audit-level=high', '--audit-level=high || echo "audit findings ignored for now"'),
      'run: npm test\n',
      'run: npm test\n        continue-on-error: true\n',
    );
    repo.write('.github/workflows/ci.yml', weakened).commit('unblock CI', { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = jsonOf(result);
    expect(report.findings.map((f) => `${f.ruleId}:${f.line}:${f.action}`)).toEqual([
      'disabled-check/check-exit-neutralised:9:block',
      'disabled-check/ci-step-non-blocking:12:block',
    ]);
  });
});
