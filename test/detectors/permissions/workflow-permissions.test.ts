import workflowPermissions from '../../../src/detectors/permissions/workflow-permissions.js';
import { detectorTable } from './table.js';

const workflow = (topPermissions: string, jobPermissions = ''): string =>
  [
    'name: ci',
    'on: [push]',
    topPermissions,
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    jobPermissions,
    '    steps:',
    '      - uses: actions/checkout@v4',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n') + '\n';

const PATH = '.github/workflows/ci.yml';

detectorTable(workflowPermissions, {
  flag: [
    {
      name: 'write-all at the top',
      files: {
        [PATH]: {
          old: workflow('permissions:\n  contents: read'),
          new: workflow('permissions: write-all'),
        },
      },
      expect: [{ line: 3, message: '`permissions: write-all`' }],
    },
    {
      name: 'scope widened to write',
      files: {
        [PATH]: {
          old: workflow('permissions:\n  contents: read'),
          new: workflow('permissions:\n  contents: write'),
        },
      },
      expect: [{ line: 4, message: '`contents: write`' }],
    },
    {
      name: 'job scope added',
      files: {
        [PATH]: {
          old: workflow('permissions:\n  contents: read', '    permissions:\n      contents: read'),
          new: workflow(
            'permissions:\n  contents: read',
            '    permissions:\n      contents: read\n      id-token: write',
          ),
        },
      },
      expect: [{ line: 10, message: 'job build' }],
    },
    {
      name: 'restrictive block removed',
      files: { [PATH]: { old: workflow('permissions:\n  contents: read'), new: workflow('') } },
      expect: [{ line: 3, message: 'was removed' }],
    },
  ],
  pass: [
    {
      name: 'narrowed to read',
      files: {
        [PATH]: {
          old: workflow('permissions: write-all'),
          new: workflow('permissions:\n  contents: read'),
        },
      },
    },
    { name: 'empty permissions', files: { [PATH]: { new: workflow('permissions: {}') } } },
    {
      name: 'unchanged write scope',
      files: {
        [PATH]: {
          old: workflow('permissions:\n  contents: write'),
          new: workflow('permissions:\n  contents: write').replace('ubuntu-latest', 'ubuntu-24.04'),
        },
      },
    },
    {
      name: 'workflow outside .github',
      files: { 'ci/workflow.yml': { new: workflow('permissions: write-all') } },
    },
    { name: 'docs', files: { 'docs/ci.md': { new: 'permissions: write-all\n' } } },
    {
      name: 'comment',
      files: {
        [PATH]: {
          old: workflow('permissions:\n  contents: read'),
          new: workflow('permissions:\n  contents: read\n  # packages: write'),
        },
      },
    },
  ],
});
