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
      // A continued command reports its first added line.
      expect: [{ line: 2, message: 'writable by every user' }],
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
    {
      name: 'mode on the continued line',
      files: { 'setup.sh': { new: '#!/bin/sh\nchmod \\\n  777 /srv/data\n' } },
      expect: [{ line: 2, message: '`chmod 777`' }],
    },
    {
      name: 'continued RUN in a Dockerfile',
      files: {
        Dockerfile: {
          new: 'FROM alpine\nRUN echo hi && \\\n    chmod \\\n    777 /app\n',
        },
      },
      expect: [{ line: 2, message: '`chmod 777`' }],
    },
    {
      name: 'chmod -R continued',
      files: { 'setup.sh': { new: 'chmod -R \\\n777 /srv/data\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'command name split by a continuation',
      files: { 'setup.sh': { new: 'c\\\nhmod 777 /srv/data\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'added chmod joined to an unchanged line',
      files: {
        Dockerfile: {
          old: 'FROM alpine\nRUN apk add curl && \\\n    true\n',
          new: 'FROM alpine\nRUN apk add curl && \\\n    chmod 777 /app\n',
        },
      },
      expect: [{ line: 3 }],
    },
    {
      name: 'continuation added after an unchanged chmod',
      files: {
        'setup.sh': { old: 'chmod\necho 777 /srv\n', new: 'chmod \\\n777 /srv\n' },
      },
      expect: [{ line: 1 }],
    },
    {
      name: 'continued CI run block',
      files: {
        '.github/workflows/ci.yml': {
          new: 'jobs:\n  b:\n    steps:\n      - run: |\n          chmod \\\n            a+w build/\n',
        },
      },
      expect: [{ line: 5 }],
    },
    {
      name: 'continued Makefile recipe',
      files: { Makefile: { new: 'setup:\n\t@chmod \\\n\t\t777 /srv\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'comment ending in a backslash',
      files: { 'setup.sh': { new: '# see C:\\\nchmod 777 /srv\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'mode from a variable',
      files: { 'setup.sh': { new: 'M=777; chmod $M /srv/data\n' } },
      expect: [{ line: 1, message: '`chmod $M (M=777)`' }],
    },
    {
      name: 'quoted variable assigned earlier',
      files: { 'setup.sh': { new: 'MODE=0777\necho start\nchmod "$MODE" /srv/data\n' } },
      expect: [{ line: 3, message: '(MODE=0777)' }],
    },
    {
      name: 'exported setuid mode in braces',
      files: { 'setup.sh': { new: 'export MODE=4755\ninstall -m "${MODE}" tool /usr/bin/\n' } },
      expect: [{ line: 2, message: 'setuid' }],
    },
    {
      name: 'Dockerfile ENV mode',
      files: { Dockerfile: { new: 'FROM alpine\nENV MODE=777\nRUN chmod $MODE /app\n' } },
      expect: [{ line: 3 }],
    },
    {
      name: 'UTF-16 shell script',
      // dash, Debian's /bin/sh, drops NUL bytes, so `sh setup.sh` runs this script.
      files: { 'setup.sh': { new: utf16le('#!/bin/sh\nchmod 777 /srv/x\n') } },
      expect: [{ line: 2 }],
    },
  ],
  pass: [
    {
      name: 'one line split by a continuation',
      files: { 'setup.sh': { old: 'chmod 777 /srv/data\n', new: 'chmod \\\n  777 /srv/data\n' } },
    },
    {
      name: 'added line joined to an unchanged chmod',
      files: {
        Dockerfile: {
          old: 'FROM alpine\nRUN chmod 777 /app && \\\n    apk add curl\n',
          new: 'FROM alpine\nRUN chmod 777 /app && \\\n    apk add wget\n',
        },
      },
    },
    {
      name: 'line added inside an unchanged command',
      files: {
        Dockerfile: {
          old: 'FROM alpine\nRUN chmod 777 /app && \\\n    true\n',
          new: 'FROM alpine\nRUN chmod 777 /app && \\\n    apk add wget && \\\n    true\n',
        },
      },
    },
    {
      name: 'continued safe mode',
      files: { 'setup.sh': { new: 'chmod \\\n  755 /srv\n' } },
    },
    {
      name: 'escaped backslash ends the line',
      files: { 'setup.sh': { new: 'echo chmod \\\\\n777 /srv\n' } },
    },
    {
      name: 'comment ending in a backslash',
      files: { 'setup.sh': { new: '# chmod \\\n777 /srv\n' } },
    },
    {
      name: 'continuation in markdown',
      files: { 'docs/setup.md': { new: '    chmod \\\n      777 /srv\n' } },
    },
    {
      name: 'variable with a safe mode',
      files: { 'setup.sh': { new: 'M=755; chmod $M /srv/data\n' } },
    },
    {
      name: 'variable assigned after its use',
      files: { 'setup.sh': { new: 'chmod "$MODE" /srv/data\nMODE=0777\n' } },
    },
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
  todo: [
    {
      name: 'only the mode changed, below an unchanged chmod',
      // The engine runs the rule only when an added or removed line contains one of its
      // keywords (`mod`, `mkdir`, `install`), and here only an unchanged line does.
      files: {
        Dockerfile: {
          old: 'FROM alpine\nRUN chmod \\\n    755 /app\n',
          new: 'FROM alpine\nRUN chmod \\\n    777 /app\n',
        },
      },
      expect: [],
    },
    {
      name: 'variable assigned outside the added lines',
      // The value comes from an unchanged line, the environment or another file.
      files: { 'setup.sh': { old: 'MODE=0777\n', new: 'MODE=0777\nchmod "$MODE" /srv/data\n' } },
      expect: [],
    },
  ],
});

/** Encodes ASCII text as UTF-16LE without a byte order mark, which UTF-8 writes byte for byte. */
function utf16le(text: string): string {
  return Array.from(text, (char) => `${char}\0`).join('');
}
