// Standard output and standard error, written with fs.writeSync on file
// descriptors 1 and 2. On a pipe, node builds a socket stream for
// process.stdout when it is first read, about 1 ms of a run that writes one report.
// Node's own writes to files, terminals and (on Linux) pipes are synchronous too.
import { fstatSync, writeSync } from 'node:fs';
import { DiffGuardianError } from '../errors.js';
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

  /** `report` is true for stdout: a failed write there ends the command, while one on stderr drops the output. */
  constructor(
    readonly fd: number,
    private readonly report: boolean,
  ) {}

  /** Tells whether the descriptor is a terminal. Only a character device can be one, so node:tty (which loads node:net) is asked about those alone. */
  get isTTY(): boolean {
    this.tty ??= isCharacterDevice(this.fd) && tty().isatty(this.fd);
    return this.tty;
  }

  /**
   * Writes all of `text`. A descriptor left non-blocking by another process
   * raises EAGAIN while its pipe is full, so the write waits 1 ms and goes on.
   */
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
        this.closed = true;
        // A reader that stops early (`check … | head`) closes the pipe. That is not an
        // error: the rest of the output is dropped, and the command ends with its verdict's status.
        if (code === 'EPIPE' || !this.report) return false;
        throw new DiffGuardianError(`cannot write the report to standard output (${code ?? (error as Error).message}); check where stdout goes`);
      }
    }
    return true;
  }
}

export const stdout = new FdOutput(1, true);
export const stderr = new FdOutput(2, false);
