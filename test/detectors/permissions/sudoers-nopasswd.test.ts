import sudoersNopasswd from '../../../src/detectors/permissions/sudoers-nopasswd.js';
import { detectorTable } from './table.js';

detectorTable(sudoersNopasswd, {
  flag: [
    {
      name: 'rule in sudoers.d',
      files: {
        'etc/sudoers.d/deploy': {
          old: 'deploy ALL=(ALL) ALL\n',
          new: 'deploy ALL=(ALL) NOPASSWD: ALL\n',
        },
      },
      expect: [{ line: 1, message: '`deploy`' }],
    },
    {
      name: 'group rule',
      files: { 'etc/sudoers': { new: 'root ALL=(ALL:ALL) ALL\n%wheel ALL=(ALL) NOPASSWD: ALL\n' } },
      expect: [{ line: 2, message: '`%wheel`' }],
    },
    {
      name: 'Dockerfile appends a rule',
      files: {
        Dockerfile: {
          new: 'FROM debian\nRUN echo "app ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers.d/app\n',
        },
      },
      expect: [{ line: 2 }],
    },
  ],
  pass: [
    {
      name: 'password required again',
      files: {
        'etc/sudoers.d/deploy': {
          old: 'deploy ALL=(ALL) NOPASSWD: ALL\n',
          new: 'deploy ALL=(ALL) ALL\n',
        },
      },
    },
    {
      name: 'commented rule',
      files: { 'etc/sudoers': { new: '# %wheel ALL=(ALL) NOPASSWD: ALL\n' } },
    },
    { name: 'docs', files: { 'docs/sudo.md': { new: 'deploy ALL=(ALL) NOPASSWD: ALL\n' } } },
    {
      name: 'unrelated echo in a script',
      files: { 'setup.sh': { new: 'echo "NOPASSWD: is not used here"\n' } },
    },
  ],
});
