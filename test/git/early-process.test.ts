import { closeSync, fstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEarlyProcess } from '../../src/git/early-process.js';
import { tempDir } from '../helpers/repo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function outputFile(): { fd: number; read(): string } {
  const dir = tempDir('dg-early-');
  dirs.push(dir);
  const path = join(dir, 'out');
  const fd = openSync(path, 'w+');
  return { fd, read: () => readFileSync(path, 'utf8') };
}

describe.each([
  ['process_wrap binding', true],
  ['node:child_process', false],
])('an early process started through %s', (_name, binding) => {
  it('writes to its descriptors with its environment', async () => {
    const [first, second] = [outputFile(), outputFile()];
    const child = startEarlyProcess('/bin/sh', ['-c', 'echo "one $DG_TEST_VALUE" >&3; echo two >&4; echo "$1"', 'name', 'argument'], { PATH: process.env.PATH, DG_TEST_VALUE: 'set' }, [first.fd, second.fd], {
      binding,
    });
    expect(child).not.toBeNull();
    expect(child!.hasExited()).toBe(false);
    await child!.exited;
    expect(child!.hasExited()).toBe(true);
    expect(first.read()).toBe('one set\n');
    expect(second.read()).toBe('two\n');
    closeSync(first.fd);
    closeSync(second.fd);
  });

  it('stops when killed', async () => {
    const out = outputFile();
    const child = startEarlyProcess('/bin/sh', ['-c', 'sleep 30; echo late >&3'], { PATH: process.env.PATH }, [out.fd], { binding });
    const started = Date.now();
    child!.kill();
    await child!.exited;
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(out.read()).toBe('');
    // A second kill after the exit changes nothing.
    child!.kill();
    closeSync(out.fd);
  });

  it('settles when the program is missing', async () => {
    const out = outputFile();
    const child = startEarlyProcess('/no/such/program', [], {}, [out.fd], { binding });
    if (child) await child.exited;
    expect(fstatSync(out.fd).size).toBe(0);
    closeSync(out.fd);
  });
});
