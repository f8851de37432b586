import { describe } from 'vitest';
import ciJobRemoved from '../../../src/detectors/checks/ci-job-removed.js';
import { edit, GITLAB, WORKFLOW } from './ci-fixtures.js';
import { runTable } from './table.js';

const CI = '.github/workflows/ci.yml';
const gh = (from: string, to: string) => ({ [CI]: { old: WORKFLOW, new: edit(WORKFLOW, from, to) } });
const gl = (from: string, to: string) => ({ '.gitlab-ci.yml': { old: GITLAB, new: edit(GITLAB, from, to) } });
const LINT_JOB = '  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx eslint .\n';

describe('disabled-check/ci-job-removed', () => {
  runTable(ciJobRemoved, {
    flag: [
      { name: 'a deleted workflow with check jobs', files: { [CI]: { old: WORKFLOW } }, expected: [{ file: CI, line: 0, messageId: 'fileRemoved' }] },
      { name: 'a removed lint job', files: gh(LINT_JOB, ''), expected: [{ file: CI, line: 16, messageId: 'jobRemoved' }] },
      { name: 'a removed test step', files: gh('      - name: Unit tests\n        run: npm test\n', ''), expected: [{ file: CI, line: 10, messageId: 'stepRemoved' }] },
      {
        name: 'an unnamed check step replaced by another command',
        files: { [CI]: { old: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n', new: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo done\n' } },
        expected: [{ file: CI, line: 6, messageId: 'stepRemoved' }],
      },
      { name: 'a check command dropped from a step that stays', files: gh('run: npm test', 'run: echo "tests moved"'), expected: [{ file: CI, line: 10, messageId: 'commandRemoved' }] },
      { name: 'a pull_request trigger removed', files: gh('on: [push, pull_request]', 'on: [push]'), expected: [{ file: CI, line: 2, messageId: 'triggerRemoved' }] },
      { name: 'a push trigger removed from an event map', files: { [CI]: { old: edit(WORKFLOW, 'on: [push, pull_request]', 'on:\n  push:\n  pull_request:'), new: edit(WORKFLOW, 'on: [push, pull_request]', 'on:\n  pull_request:') } }, expected: [{ file: CI, line: 3 }] },
      { name: 'a removed GitLab test job', files: gl('unit:\n  stage: test\n  script:\n    - pytest -q\n', ''), expected: [{ file: '.gitlab-ci.yml', line: 2, messageId: 'jobRemoved' }] },
      { name: 'a check command dropped from a GitLab script', files: gl('    - pytest -q\n', '    - echo skipped\n'), expected: [{ file: '.gitlab-ci.yml', line: 2, messageId: 'commandRemoved' }] },
    ],
    pass: [
      { name: 'a renamed step with the same command', files: gh('- name: Unit tests', '- name: Unit test suite') },
      { name: 'a removed upload step', files: gh('      - name: Upload report\n        uses: actions/upload-artifact@v4\n        with:\n          path: report.xml\n', '') },
      { name: 'a renamed job with the same steps', files: gh('  lint:\n', '  eslint:\n') },
      { name: 'a removed GitLab deploy job', files: gl('deploy:\n  stage: deploy\n  script:\n    - ./deploy.sh\n', '') },
      { name: 'a test command changed to run more', files: gh('run: npm test', 'run: npm test -- --coverage') },
      {
        name: 'an unnamed step whose check command gains || true',
        files: { [CI]: { old: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n', new: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test || true\n' } },
      },
      { name: 'a deleted workflow that ran no checks', files: { '.github/workflows/release.yml': { old: 'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n' } } },
      { name: 'a trigger list turned into a map', files: gh('on: [push, pull_request]', 'on:\n  push:\n    branches: [main]\n  pull_request:') },
      { name: 'an added job', files: gh(LINT_JOB, `${LINT_JOB}  types:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx tsc --noEmit\n`) },
    ],
  });
});
