// Standard output and standard error, written with fs.writeSync on file
// descriptors 1 and 2 instead of process.stdout and process.stderr. On a pipe,
// node builds a socket stream for process.stdout the first time it is read,
// about 1 ms of every run for a command that writes one report.
// The writes are synchronous, as node's own writes to files, terminals and
// (on Linux) pipes are. A descriptor left non-blocking by another process
// gets EAGAIN when its pipe is full; the write then waits 1 ms and goes on.
import { fstatSync, writeSync } from 'node:fs';
import { tty } from './lazy-builtins.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

export class FdOutput {
  private tty: boolean | undefined;
  private closed = false;

  constructor(readonly fd: number) {}

  /** Only a character device can be a terminal; node:tty (which loads node:net) is asked about those alone. */
  get isTTY(): boolean {
    this.tty ??= isCharacterDevice(this.fd) && tty().isatty(this.fd);
    return this.tty;
  }

  write(text: string): boolean {
    if (this.closed) return false;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 1);
          continue;
        }
        if (code !== 'EPIPE') throw error;
        this.closed = true;
        return false;
      }
    }
    return true;
  }
}

// A reader that stops early (`check … | head`) closes the pipe; that is not an
// error. The rest of the output is dropped, and the command still ends with
// the status of its verdict.
export const stdout = new FdOutput(1);
export const stderr = new FdOutput(2);
