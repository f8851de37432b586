import fileMadeExecutable from '../../../src/detectors/permissions/file-made-executable.js';
import fileMadeSymlink from '../../../src/detectors/permissions/file-made-symlink.js';
import symlinkOutsideRepository from '../../../src/detectors/permissions/symlink-outside-repository.js';
import { detectorTable } from './table.js';

function modeChange(path: string, oldMode: string, newMode: string): string {
  return `diff --git a/${path} b/${path}\nold mode ${oldMode}\nnew mode ${newMode}\n`;
}

function newSymlink(path: string, target: string): string {
  return [
    `diff --git a/${path} b/${path}`,
    'new file mode 120000',
    'index 0000000..1111111',
    '--- /dev/null',
    `+++ b/${path}`,
    '@@ -0,0 +1 @@',
    `+${target}`,
    '\\ No newline at end of file',
    '',
  ].join('\n');
}

function fileToSymlink(path: string, oldText: string, target: string): string {
  return [
    `diff --git a/${path} b/${path}`,
    'deleted file mode 100644',
    'index 1111111..0000000',
    `--- a/${path}`,
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    `-${oldText}`,
    `diff --git a/${path} b/${path}`,
    'new file mode 120000',
    'index 0000000..2222222',
    '--- /dev/null',
    `+++ b/${path}`,
    '@@ -0,0 +1 @@',
    `+${target}`,
    '\\ No newline at end of file',
    '',
  ].join('\n');
}

detectorTable(fileMadeExecutable, {
  flag: [
    {
      name: 'regular file made executable',
      diff: modeChange('scripts/run.py', '100644', '100755'),
      expect: [{ file: 'scripts/run.py', line: 0, message: 'was made executable', severity: 'warn' }],
    },
    {
      name: 'mode change next to a content edit',
      files: { 'bin/tool': { old: 'echo a\n', new: 'echo b\n', oldMode: '100644', newMode: '100755' } },
      expect: [{ line: 0, message: 'git update-index --chmod=-x bin/tool' }],
    },
  ],
  pass: [
    { name: 'executable bit removed', diff: modeChange('scripts/run.py', '100755', '100644') },
    { name: 'content edit only', files: { 'bin/tool': { old: 'echo a\n', new: 'echo b\n' } } },
    {
      name: 'new script added as executable',
      diff: 'diff --git a/run.sh b/run.sh\nnew file mode 100755\n--- /dev/null\n+++ b/run.sh\n@@ -0,0 +1 @@\n+echo hi\n',
    },
  ],
});

detectorTable(fileMadeSymlink, {
  flag: [
    {
      name: 'config file replaced by a link',
      // git reports a type change as a deletion and an addition of the same path in patch form.
      diff: fileToSymlink('config/app.yml', 'port: 80', 'shared/app.yml'),
      expect: [{ file: 'config/app.yml', line: 0, message: 'turned from a file into a symbolic link' }],
    },
  ],
  pass: [
    { name: 'new symlink inside the repository', diff: newSymlink('docs/latest', 'v2') },
    { name: 'plain file edit', files: { 'config/app.yml': { old: 'port: 80\n', new: 'port: 81\n' } } },
  ],
  todo: [],
});

detectorTable(symlinkOutsideRepository, {
  flag: [
    {
      name: 'link into the home ssh folder',
      diff: newSymlink('keys', '~/.ssh/id_ed25519'),
      expect: [{ file: 'keys', line: 0, message: 'credential or system location', severity: 'block' }],
    },
    {
      name: 'dot-dot escape into ssh keys',
      diff: newSymlink('app/data/key', '../../../.ssh/id_rsa'),
      expect: [{ file: 'app/data/key', line: 0, message: 'above the repository root', severity: 'block' }],
    },
    {
      name: 'absolute path to system config',
      diff: newSymlink('conf/passwd', '/etc/passwd'),
      expect: [{ file: 'conf/passwd', line: 0, message: 'to an absolute path', severity: 'block' }],
    },
    {
      name: 'absolute path elsewhere',
      diff: newSymlink('cache', '/var/cache/build'),
      expect: [{ file: 'cache', line: 0, message: 'read or write files outside', severity: 'warn' }],
    },
    {
      name: 'escape above the root by one level',
      diff: newSymlink('lib/shared', '../../shared-lib'),
      expect: [{ file: 'lib/shared', line: 0, severity: 'warn' }],
    },
    {
      name: 'file replaced by an outside link',
      diff: fileToSymlink('secrets.env', 'A=1', '/home/ci/.aws/credentials'),
      expect: [{ file: 'secrets.env', line: 0, severity: 'block' }],
    },
  ],
  pass: [
    { name: 'relative link inside the repository', diff: newSymlink('app/current', '../releases/v3') },
    { name: 'link to a sibling file', diff: newSymlink('README', 'docs/README.md') },
    { name: 'dot-dot that stays inside', diff: newSymlink('src/b/c', '../../x/./y') },
    { name: 'markdown mentioning the ssh folder', files: { 'docs/keys.md': { new: 'ln -s ~/.ssh/id_rsa key\n' } } },
  ],
});
