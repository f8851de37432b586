import pullRequestTargetCheckout from '../../../src/detectors/permissions/pull-request-target-checkout.js';
import { detectorTable } from './table.js';

const workflow = (trigger: string, checkoutWith: string): string =>
  [
    'name: pr',
    trigger,
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    checkoutWith,
    '      - run: npm ci && npm test',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n') + '\n';

const HEAD_REF = '        with:\n          ref: ${{ github.event.pull_request.head.sha }}';
const PATH = '.github/workflows/pr.yml';

detectorTable(pullRequestTargetCheckout, {
  flag: [
    {
      name: 'head checkout added',
      files: {
        [PATH]: {
          old: workflow('on: pull_request_target', ''),
          new: workflow('on: pull_request_target', HEAD_REF),
        },
      },
      expect: [{ line: 9, message: 'fork can run its own code', severity: 'block' }],
    },
    {
      name: 'trigger switched to pull_request_target',
      files: {
        [PATH]: {
          old: workflow('on: pull_request', HEAD_REF),
          new: workflow('on:\n  pull_request_target:\n    types: [opened]', HEAD_REF),
        },
      },
      expect: [{ line: 3 }],
    },
    {
      name: 'gh pr checkout in a run step',
      files: {
        [PATH]: {
          new: workflow('on: [pull_request_target]', '').replace(
            'npm ci && npm test',
            'gh pr checkout ${{ github.event.number }} && npm test',
          ),
        },
      },
      expect: [{ line: 8 }],
    },
  ],
  pass: [
    {
      name: 'pull_request with head checkout',
      files: { [PATH]: { new: workflow('on: pull_request', HEAD_REF) } },
    },
    {
      name: 'pull_request_target on the base branch',
      files: { [PATH]: { new: workflow('on: pull_request_target', '') } },
    },
    {
      name: 'head checkout removed',
      files: {
        [PATH]: {
          old: workflow('on: pull_request_target', HEAD_REF),
          new: workflow('on: pull_request_target', ''),
        },
      },
    },
    {
      name: 'docs',
      files: { 'docs/ci.md': { new: workflow('on: pull_request_target', HEAD_REF) } },
    },
  ],
});
