import chmodPermissive, {
  looseningOfMode,
} from '../../../src/detectors/permissions/chmod-permissive.js';
import { describe, expect, it } from 'vitest';
import { detectorTable } from './table.js';

describe('looseningOfMode', () => {
  it('classifies octal and symbolic modes', () => {
    expect(looseningOfMode('777')).toBe('world-writable');
    expect(looseningOfMode('666')).toBe('world-writable');
    expect(looseningOfMode('0777')).toBe('world-writable');
    expect(looseningOfMode('4755')).toBe('setuid');
    expect(looseningOfMode('2775')).toBe('setgid');
    expect(looseningOfMode('o+w')).toBe('world-writable');
    expect(looseningOfMode('a+rwx')).toBe('world-writable');
    expect(looseningOfMode('u+s')).toBe('setuid');
    expect(looseningOfMode('g+s')).toBe('setgid');
    expect(looseningOfMode('go-w,u+x')).toBeNull();
    expect(looseningOfMode('755')).toBeNull();
    expect(looseningOfMode('+x')).toBeNull();
    expect(looseningOfMode('+w')).toBeNull();
  });
});

const script = (body: string): string => `#!/bin/sh\nset -eu\n${body}\n`;

detectorTable(chmodPermissive, {
  flag: [
    {
      name: 'chmod 777 in a shell script',
      files: {
        'scripts/setup.sh': {
          old: script('mkdir -p /srv/app'),
          new: script('mkdir -p /srv/app\nchmod -R 777 /srv/app'),
        },
      },
      expect: [{ line: 4, message: 'writable by every user' }],
    },
    {
      name: 'symbolic others-write',
      files: { 'bin/fix-perms': { new: script('chmod o+w /var/log/app.log') } },
      expect: [{ line: 3, message: 'writable by every user' }],
    },
    {
      name: 'setuid octal after sudo',
      files: { 'install.sh': { new: 'sudo chmod 4755 /usr/local/bin/helper\n' } },
      expect: [{ line: 1, message: 'setuid bit' }],
    },
    {
      name: 'u+s chained after another command',
      files: {
        'install.sh': { new: 'cp helper /usr/local/bin && chmod u+s /usr/local/bin/helper\n' },
      },
      expect: [{ line: 1, message: 'setuid' }],
    },
    {
      name: 'RUN continuation line in a Dockerfile',
      files: {
        Dockerfile: { new: 'FROM alpine:3.20\nRUN mkdir /data \\\n    && chmod 666 /data/db\n' },
      },
      expect: [{ line: 3, message: 'writable by every user' }],
    },
    {
      name: 'COPY --chmod in a Dockerfile',
      files: {
        'build/app.dockerfile': { new: 'FROM alpine:3.20\nCOPY --chmod=777 run.sh /run.sh\n' },
      },
      expect: [{ line: 2 }],
    },
    {
      name: 'CI step',
      files: {
        '.github/workflows/ci.yml': {
          new: 'jobs:\n  b:\n    steps:\n      - run: chmod a+w build/\n',
        },
      },
      expect: [{ line: 4 }],
    },
    {
      name: 'quoted mode argument',
      files: { 'deploy.sh': { new: 'chmod "777" "$TARGET"\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: '/bin/chmod by path',
      files: { 'deploy.sh': { new: '/bin/chmod 777 /srv\n' } },
      expect: [{ line: 1, message: '`chmod 777` makes files writable by every user' }],
    },
    {
      name: '/usr/bin/chmod by path',
      files: { 'deploy.sh': { new: '/usr/bin/chmod o+w /srv\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'backslash before chmod',
      files: { 'deploy.sh': { new: '\\chmod 777 /srv\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'empty quotes inside chmod',
      files: { 'deploy.sh': { new: "ch''mod 777 /srv\n" } },
      expect: [{ line: 1 }],
    },
    {
      name: 'quoted command name',
      files: { 'deploy.sh': { new: '"chmod" 777 /srv\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'find -exec chmod',
      files: { 'deploy.sh': { new: 'find /srv -type d -exec chmod 777 {} +\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'xargs chmod',
      files: { 'deploy.sh': { new: 'ls /srv | xargs chmod 777\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'mkdir -m 777',
      files: { 'deploy.sh': { new: 'mkdir -p -m 777 /srv/shared\n' } },
      expect: [{ line: 1, message: '`mkdir -m 777`' }],
    },
    {
      name: 'install -m 0777',
      files: { 'deploy.sh': { new: 'install -m 0777 tool /srv/tool\n' } },
      expect: [{ line: 1, message: '`install -m 0777`' }],
    },
    {
      name: 'install --mode=4755',
      files: { 'deploy.sh': { new: 'install --mode=4755 helper /usr/local/bin/\n' } },
      expect: [{ line: 1, message: 'setuid' }],
    },
    {
      name: 'sudo -u root chmod',
      files: { 'deploy.sh': { new: 'sudo -u root chmod 777 /srv\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'env chmod',
      files: { 'deploy.sh': { new: 'env LC_ALL=C chmod 777 /srv\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'command chmod',
      files: { 'deploy.sh': { new: 'command chmod 777 /srv\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'sh -c with chmod',
      files: { 'deploy.sh': { new: "sh -c 'chmod 777 /srv'\n" } },
      expect: [{ line: 1 }],
    },
    {
      name: 'Dockerfile RUN /bin/chmod',
      files: { Dockerfile: { new: 'FROM alpine:3.20\nRUN /bin/chmod 777 /srv\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'Dockerfile exec form',
      files: { Dockerfile: { new: 'FROM alpine:3.20\nRUN ["chmod", "777", "/srv"]\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'Makefile recipe',
      files: { Makefile: { new: 'setup:\n\t@chmod 777 /srv\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'CI quoted run value',
      files: { '.github/workflows/ci.yml': { new: 'jobs:\n  b:\n    steps:\n      - run: "mkdir -m 777 out"\n' } },
      expect: [{ line: 4 }],
    },
  ],
  pass: [
    {
      name: 'tightened mode',
      files: { 'deploy.sh': { old: 'chmod 777 /srv\n', new: 'chmod 755 /srv\n' } },
    },
    {
      name: 'executable bit only',
      files: { 'deploy.sh': { new: 'chmod +x ./run.sh\nchmod 0644 a.txt\n' } },
    },
    {
      name: 'same text in markdown',
      files: { 'docs/setup.md': { new: 'Never run `chmod 777 /srv`.\n' } },
    },
    {
      name: 'commented out in a script',
      files: { 'deploy.sh': { new: '# chmod 777 /srv was the old hack\n' } },
    },
    {
      name: 'inside an echo string',
      files: { 'deploy.sh': { new: 'echo "do not chmod 777 /srv"\n' } },
    },
    {
      name: 'string in unrelated python code',
      files: { 'tool.py': { new: 'HELP = "chmod 777 fixes nothing"\n' } },
    },
    {
      name: 'chmod 755 by path',
      files: { 'deploy.sh': { new: '/bin/chmod 755 /srv\n' } },
    },
    {
      name: 'mkdir -m 700',
      files: { 'deploy.sh': { new: 'mkdir -m 700 /srv/private\n' } },
    },
    {
      name: 'install -m 0755',
      files: { 'deploy.sh': { new: 'install -m 0755 tool /usr/local/bin/tool\n' } },
    },
    {
      name: 'find -exec chmod 755',
      files: { 'deploy.sh': { new: 'find . -exec chmod 755 {} +\n' } },
    },
    {
      name: 'find -name with chmod text',
      files: { 'deploy.sh': { new: 'find . -name "chmod 777" -print\n' } },
    },
    {
      name: 'mkdir without -m',
      files: { 'deploy.sh': { new: 'mkdir -p /srv/777\n' } },
    },
    {
      name: 'Makefile comment',
      files: { Makefile: { new: 'setup:\n\t# chmod 777 /srv\n' } },
    },
    {
      name: 'chmod text in a printf',
      files: { 'deploy.sh': { new: "printf '%s\\n' 'chmod 777 /srv'\n" } },
    },
    {
      name: 'line moved without change',
      files: {
        'deploy.sh': { old: 'chmod 777 /tmp/x\necho a\n', new: 'echo a\nchmod 777 /tmp/x\n' },
      },
    },
  ],
});
