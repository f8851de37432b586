import pipeToShell from '../../../src/detectors/permissions/pipe-to-shell.js';
import { detectorTable } from './table.js';

detectorTable(pipeToShell, {
  flag: [
    {
      name: 'curl piped to sh',
      files: { 'install.sh': { new: '#!/bin/sh\ncurl -fsSL https://get.example.test | sh\n' } },
      expect: [{ line: 2, message: 'runs whatever the download returns' }],
    },
    {
      name: 'wget piped to sudo bash',
      files: {
        'install.sh': { new: 'wget -qO- https://x.example.test/i.sh | sudo -E bash -s -- --yes\n' },
      },
      expect: [{ line: 1 }],
    },
    {
      name: 'process substitution',
      files: { 'install.sh': { new: 'bash <(curl -s https://x.example.test/i.sh)\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'command substitution in quotes',
      files: { 'install.sh': { new: 'sh -c "$(curl -fsSL https://x.example.test/i.sh)"\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'Dockerfile RUN',
      files: {
        Dockerfile: { new: 'FROM debian\nRUN curl -sL https://deb.example.test/setup | bash -\n' },
      },
      expect: [{ line: 2 }],
    },
    {
      name: 'GitLab script entry',
      files: {
        '.gitlab-ci.yml': {
          new: 'build:\n  script:\n    - curl -s https://x.example.test/i.sh | python3\n',
        },
      },
      expect: [{ line: 3 }],
    },
    {
      name: 'pipe on a continued line',
      files: { 'setup.sh': { new: 'curl -fsSL https://example.com/install.sh \\\n  | sh\n' } },
      expect: [{ line: 1 }],
    },
  ],
  pass: [
    {
      name: 'added line joined to an unchanged pipe',
      files: {
        Dockerfile: {
          old: 'FROM alpine\nRUN curl -fsSL https://x.test/i | sh && \\\n    curl -o a https://x.test/a\n',
          new: 'FROM alpine\nRUN curl -fsSL https://x.test/i | sh && \\\n    curl -o b https://x.test/b\n',
        },
      },
    },
    {
      name: 'download then verify',
      files: {
        'install.sh': {
          new: 'curl -fsSLo i.sh https://x.example.test/i.sh\nsha256sum -c i.sh.sha256\nsh i.sh\n',
        },
      },
    },
    {
      name: 'curl piped to jq',
      files: { 'install.sh': { new: 'curl -s https://api.example.test | jq .name\n' } },
    },
    {
      name: 'install docs',
      files: { 'README.md': { new: 'curl -fsSL https://get.example.test | sh\n' } },
    },
    {
      name: 'echo of the command',
      files: { 'install.sh': { new: 'echo "curl https://get.example.test | sh"\n' } },
    },
    { name: 'comment', files: { 'install.sh': { new: '# curl https://get.example.test | sh\n' } } },
    {
      name: 'string in code',
      files: { 'src/help.ts': { new: "const cmd = 'curl https://get.example.test | sh';\n" } },
    },
  ],
});
