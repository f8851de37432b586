import { describe, expect, it } from 'vitest';
import checkExitNeutralised from '../../../src/detectors/checks/check-exit-neutralised.js';
import ciStepNonBlocking from '../../../src/detectors/checks/ci-step-non-blocking.js';
import { changeFromUnifiedDiff, changeOfFiles, runDetectors } from '../../helpers/change.js';
import { edit, GITLAB, WORKFLOW } from './ci-fixtures.js';
import { runTable } from './table.js';

const CI = '.github/workflows/ci.yml';
const gh = (from: string, to: string) => ({ [CI]: { old: WORKFLOW, new: edit(WORKFLOW, from, to) } });
const gl = (from: string, to: string) => ({ '.gitlab-ci.yml': { old: GITLAB, new: edit(GITLAB, from, to) } });

describe('disabled-check/ci-step-non-blocking', () => {
  runTable(ciStepNonBlocking, {
    flag: [
      { name: 'continue-on-error on a test step', files: gh('run: npm test\n', 'run: npm test\n        continue-on-error: true\n'), expected: [{ file: CI, line: 12, messageId: 'continueOnError' }] },
      { name: 'continue-on-error as an expression', files: gh('run: npm test\n', 'run: npm test\n        continue-on-error: ${{ true }}\n'), expected: [{ file: CI, line: 12 }] },
      { name: 'continue-on-error on a check job', files: gh('  lint:\n    runs-on', '  lint:\n    continue-on-error: true\n    runs-on'), expected: [{ file: CI, line: 17 }] },
      { name: 'if: false on a lint step', files: gh('      - run: npx eslint .', '      - if: false\n        run: npx eslint .'), expected: [{ file: CI, line: 19, messageId: 'ifFalse' }] },
      { name: 'if: false on a job', files: gh('  lint:\n', '  lint:\n    if: ${{ false }}\n'), expected: [{ file: CI, line: 17, messageId: 'ifFalse' }] },
      { name: 'allow_failure on a GitLab test job', files: gl('  stage: test\n', '  stage: test\n  allow_failure: true\n'), expected: [{ file: '.gitlab-ci.yml', line: 4, messageId: 'allowFailure' }] },
      { name: 'when: manual on a GitLab test job', files: gl('  stage: test\n', '  stage: test\n  when: manual\n'), expected: [{ file: '.gitlab-ci.yml', line: 4, messageId: 'neverRuns' }] },
      {
        name: 'continue-on-error in a bare patch',
        diff: ['--- a/.github/workflows/ci.yml', '+++ b/.github/workflows/ci.yml', '@@ -10,2 +10,3 @@ jobs:', '       - name: Unit tests', '         run: npm test', '+        continue-on-error: true', ''].join('\n'),
        expected: [{ file: CI, line: 12 }],
      },
      {
        name: 'continue-on-error with a long comment in a bare patch',
        diff: ['--- a/.github/workflows/ci.yml', '+++ b/.github/workflows/ci.yml', '@@ -10,2 +10,3 @@ jobs:', '       - name: Unit tests', '         run: npm test', `+        continue-on-error: true # ${'flaky '.repeat(100)}`, ''].join('\n'),
        expected: [{ file: CI, line: 12, messageId: 'continueOnError' }],
      },
    ],
    pass: [
      { name: 'continue-on-error on an upload step', files: gh('          path: report.xml\n', '          path: report.xml\n        continue-on-error: true\n') },
      { name: 'continue-on-error: false', files: gh('run: npm test\n', 'run: npm test\n        continue-on-error: false\n') },
      { name: 'a step that keeps continue-on-error', files: { [CI]: { old: edit(WORKFLOW, 'run: npm test\n', 'run: npm test\n        continue-on-error: true\n'), new: edit(WORKFLOW, 'run: npm test\n', 'run: npm test --silent\n        continue-on-error: true\n') } } },
      { name: 'a removed continue-on-error', files: { [CI]: { old: edit(WORKFLOW, 'run: npm test\n', 'run: npm test\n        continue-on-error: true\n'), new: WORKFLOW } } },
      { name: 'a real if condition', files: gh('      - run: npx eslint .', "      - if: github.event_name == 'push'\n        run: npx eslint .") },
      { name: 'allow_failure on a GitLab deploy job', files: gl('  stage: deploy\n', '  stage: deploy\n  allow_failure: true\n') },
      { name: 'continue-on-error in Markdown', files: { 'docs/ci.md': { new: 'Never set `continue-on-error: true` on tests.\n' } } },
      { name: 'continue-on-error in a YAML comment', files: gh('run: npm test\n', 'run: npm test\n        # continue-on-error: true was removed\n') },
    ],
    todo: [
      { name: 'continue-on-error from a matrix value', files: gh('run: npm test\n', 'run: npm test\n        continue-on-error: ${{ matrix.experimental }}\n'), currentCount: 0 },
      { name: 'a GitLab job whose rules all say when: never', files: gl('  stage: test\n', '  stage: test\n  rules:\n    - when: never\n'), currentCount: 0 },
    ],
  });
});

describe('CI step weakening in one commit', () => {
  const weakened = edit(
    edit(WORKFLOW, 'run: npm audit --audit-level=high', 'run: npm audit --audit-level=high || echo "audit findings ignored for now"'),
    'run: npm test\n',
    'run: npm test\n        continue-on-error: true\n',
  );
  const detectors = [checkExitNeutralised, ciStepNonBlocking];

  it('reports the ignored audit and the non-blocking test step and blocks an agent', async () => {
    const verdict = await runDetectors(detectors, changeOfFiles({ [CI]: { old: WORKFLOW, new: weakened } }), { agent: true });
    expect(verdict.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual([
      'disabled-check/check-exit-neutralised:9',
      'disabled-check/ci-step-non-blocking:12',
    ]);
    expect(verdict.findings.every((f) => f.category === 'disabled-check')).toBe(true);
    expect(verdict.verdict).toBe('block');
  });

  it('clears each finding when its line is reverted', async () => {
    const auditOnly = edit(weakened, 'run: npm test\n        continue-on-error: true\n', 'run: npm test\n');
    const first = await runDetectors(detectors, changeOfFiles({ [CI]: { old: WORKFLOW, new: auditOnly } }));
    expect(first.findings.map((f) => f.ruleId)).toEqual(['disabled-check/check-exit-neutralised']);

    const stepOnly = edit(weakened, ' || echo "audit findings ignored for now"', '');
    const second = await runDetectors(detectors, changeOfFiles({ [CI]: { old: WORKFLOW, new: stepOnly } }));
    expect(second.findings.map((f) => f.ruleId)).toEqual(['disabled-check/ci-step-non-blocking']);
  });

  it('reports both in a bare patch', async () => {
    const diff = [
      '--- a/.github/workflows/ci.yml',
      '+++ b/.github/workflows/ci.yml',
      '@@ -40,4 +40,5 @@ jobs:',
      '       - name: Dependency audit',
      '-        run: npm audit --audit-level=high',
      '+        run: npm audit --audit-level=high || echo "audit findings ignored for now"',
      '       - name: Unit tests',
      '         run: npm test',
      '+        continue-on-error: true',
      '',
    ].join('\n');
    const verdict = await runDetectors(detectors, changeFromUnifiedDiff(diff), { agent: true });
    expect(verdict.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual([
      'disabled-check/check-exit-neutralised:41',
      'disabled-check/ci-step-non-blocking:44',
    ]);
    expect(verdict.verdict).toBe('block');
  });
});
