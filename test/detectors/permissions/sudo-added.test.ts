import sudoAdded from '../../../src/detectors/permissions/sudo-added.js';
import { detectorTable } from './table.js';

detectorTable(sudoAdded, {
  flag: [
    {
      name: 'sudo added to an existing command',
      files: { 'scripts/build.sh': { old: 'make install\n', new: 'sudo make install\n' } },
      expect: [{ line: 1, message: 'through sudo' }],
    },
    {
      name: 'sudo with options after a separator',
      files: {
        'bin/setup': { new: '#!/usr/bin/env bash\ncd /srv && sudo -E systemctl restart app\n' },
      },
      expect: [{ line: 2, message: '`systemctl`' }],
    },
    {
      name: 'sudo in a Dockerfile',
      files: { Dockerfile: { new: 'FROM ubuntu:24.04\nRUN sudo apt-get update\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'sudo with the command on a continued line',
      files: { 'setup.sh': { new: 'sudo \\\n  systemctl restart app\n' } },
      expect: [{ line: 1 }],
    },
  ],
  pass: [
    {
      name: 'sudo removed',
      files: { 'build.sh': { old: 'sudo make install\n', new: 'make install\n' } },
    },
    {
      name: 'unchanged sudo on an edited line',
      files: { 'build.sh': { old: 'sudo make install\n', new: 'sudo make install PREFIX=/usr\n' } },
    },
    {
      name: 'CI runner step',
      files: {
        '.github/workflows/ci.yml': {
          new: 'jobs:\n  a:\n    steps:\n      - run: sudo apt-get install -y jq\n',
        },
      },
    },
    { name: 'docs', files: { 'docs/install.md': { new: 'sudo make install\n' } } },
    {
      name: 'echo mentioning sudo',
      files: { 'build.sh': { new: 'echo "run sudo make install yourself"\n' } },
    },
    { name: 'commented', files: { 'build.sh': { new: '# sudo make install\n' } } },
  ],
});
