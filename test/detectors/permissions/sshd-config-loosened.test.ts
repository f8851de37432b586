import sshdConfigLoosened from '../../../src/detectors/permissions/sshd-config-loosened.js';
import { detectorTable } from './table.js';

const PATH = 'etc/ssh/sshd_config';

detectorTable(sshdConfigLoosened, {
  flag: [
    {
      name: 'root login allowed',
      files: {
        [PATH]: {
          old: 'Port 22\nPermitRootLogin prohibit-password\n',
          new: 'Port 22\nPermitRootLogin yes\n',
        },
      },
      expect: [{ line: 2, message: 'root can log in' }],
    },
    {
      name: 'password authentication in a drop-in',
      files: { 'etc/ssh/sshd_config.d/50-cloud.conf': { new: 'PasswordAuthentication yes\n' } },
      expect: [{ line: 1, message: 'password guessing' }],
    },
    {
      name: 'sed in a Dockerfile',
      files: {
        Dockerfile: {
          new: "FROM debian\nRUN sed -i 's/#PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config\n",
        },
      },
      expect: [{ line: 2 }],
    },
  ],
  pass: [
    {
      name: 'root login turned off',
      files: { [PATH]: { old: 'PermitRootLogin yes\n', new: 'PermitRootLogin no\n' } },
    },
    { name: 'commented default', files: { [PATH]: { new: '#PermitRootLogin yes\n' } } },
    { name: 'docs', files: { 'docs/ssh.md': { new: 'PermitRootLogin yes\n' } } },
    {
      name: 'ssh client config',
      files: { 'etc/ssh/ssh_config': { new: 'PasswordAuthentication yes\n' } },
    },
  ],
});
