import codePermissiveMode, {
  looseningOfModeArguments,
} from '../../../src/detectors/permissions/code-permissive-mode.js';
import { describe, expect, it } from 'vitest';
import { detectorTable } from './table.js';

describe('looseningOfModeArguments', () => {
  it('reads octal, string, decimal and constant modes', () => {
    expect(looseningOfModeArguments('path, 0o777)', false)).toBe('world-writable');
    expect(looseningOfModeArguments("p, '666')", false)).toBe('world-writable');
    expect(looseningOfModeArguments('name, 0777)', false)).toBe('world-writable');
    expect(looseningOfModeArguments('p, 511)', true)).toBe('world-writable');
    expect(looseningOfModeArguments('p, 511)', false)).toBeNull();
    expect(looseningOfModeArguments('p, 0o4755)', false)).toBe('setuid/setgid');
    expect(looseningOfModeArguments('p, stat.S_IRWXU | stat.S_IWOTH)', false)).toBe(
      'world-writable',
    );
    expect(looseningOfModeArguments('dir, os.ModePerm)', false)).toBe('world-writable');
    expect(looseningOfModeArguments('p, 0o755)', true)).toBeNull();
    expect(looseningOfModeArguments('p, 0o600)', true)).toBeNull();
  });
});

detectorTable(codePermissiveMode, {
  flag: [
    {
      name: 'python os.chmod 0o777',
      files: {
        'tools/publish.py': { old: 'import os\n', new: 'import os\nos.chmod(out, 0o777)\n' },
      },
      expect: [{ line: 2, message: 'world-writable', severity: 'warn' }],
    },
    {
      name: 'node chmodSync with string mode',
      files: {
        'scripts/fix.mjs': { new: "import fs from 'node:fs';\nfs.chmodSync(target, '666');\n" },
      },
      expect: [{ line: 2, message: '`fs.chmodSync`' }],
    },
    {
      name: 'node chmod with decimal mode',
      files: { 'src/perm.ts': { new: 'await fs.promises.chmod(file, 511);\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'go os.Chmod',
      files: {
        'cmd/main.go': { new: 'package main\n\nfunc f() { _ = os.Chmod("/data", 0777) }\n' },
      },
      expect: [{ line: 3 }],
    },
    {
      name: 'pathlib chmod setuid',
      files: { 'install.py': { new: 'Path(binary).chmod(0o4755)\n' } },
      expect: [{ line: 1, message: 'setuid/setgid' }],
    },
    {
      name: 'go WriteFile loosened from 0600',
      files: {
        'internal/store.go': {
          old: 'package store\n\nfunc save() error { return os.WriteFile(p, b, 0600) }\n',
          new: 'package store\n\nfunc save() error { return os.WriteFile(p, b, 0666) }\n',
        },
      },
      expect: [{ line: 3, message: 'where it used a narrower one', severity: 'warn' }],
    },
    {
      name: 'new mkdir with a wide mode is informational',
      files: { 'pkg/dirs.go': { new: 'package dirs\n\nfunc mk() { os.MkdirAll(dir, 0777) }\n' } },
      expect: [{ line: 3, message: 'umask', severity: 'info' }],
    },
    {
      name: 'makedirs with mode keyword',
      files: {
        'app.py': { old: 'os.makedirs(d, mode=0o750)\n', new: 'os.makedirs(d, mode=0o777)\n' },
      },
      expect: [{ line: 1, severity: 'warn' }],
    },
    {
      name: 'python os.open loosened from 0o600',
      files: {
        'app/store.py': {
          old: 'fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o600)\n',
          new: 'fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o666)\n',
        },
      },
      expect: [{ line: 1, message: '`os.open`', severity: 'warn' }],
    },
    {
      name: 'go OpenFile loosened from 0600',
      files: {
        'internal/log.go': {
          old: 'package log\n\nfunc f() { os.OpenFile(name, flag, 0600) }\n',
          new: 'package log\n\nfunc f() { os.OpenFile(name, flag, 0666) }\n',
        },
      },
      expect: [{ line: 3, message: '`os.OpenFile`', severity: 'warn' }],
    },
  ],
  pass: [
    {
      name: 'tightened chmod',
      files: { 'a.py': { old: 'os.chmod(p, 0o777)\n', new: 'os.chmod(p, 0o700)\n' } },
    },
    {
      name: 'owner-only modes',
      files: {
        'a.go': { new: 'package a\n\nfunc f() { os.WriteFile(p, b, 0600); os.Chmod(p, 0755) }\n' },
      },
    },
    { name: 'markdown example', files: { 'docs/perms.md': { new: 'os.chmod(path, 0o777)\n' } } },
    { name: 'commented out', files: { 'a.py': { new: '# os.chmod(path, 0o777)\n' } } },
    {
      name: 'string in unrelated code',
      files: { 'a.ts': { new: "const tip = 'fs.chmodSync(p, 0o777) is unsafe';\n" } },
    },
    { name: 'shell scripts left to the chmod rule', files: { 'a.sh': { new: 'chmod(){ :; }\n' } } },
  ],
});
