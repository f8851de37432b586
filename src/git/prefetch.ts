// Git calls started before the code that needs them has loaded. From the
// command line, the launcher (src/cli/launcher.ts) starts the first git calls
// of a staged check or a gate decision at once, so git runs on the second core
// while V8 loads the CLI bundle on the first.
//
// Starting a process costs node 1 to 2.5 ms of its own time, so the calls go
// to one `sh` (started as early-process.ts describes) that runs them one after
// another. Each call writes to an unlinked temporary file of its own (file
// descriptor 4, 5, …), and sh appends its exit status to another (descriptor 3).
// With files instead of pipes, node makes no stream for each output, and a call
// whose status is written can be read at once, without waiting for the event
// loop to deliver pipe data.
//
// A prefetched call is only used by a later call with the same arguments,
// directory, input and output bound, and only when git exited 0. Any other
// outcome makes the caller run the call again in the usual way, so errors
// read the same with or without a prefetch.
import { closeSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEarlyProcess } from './early-process.js';
import { gitArgs, gitEnv } from './git-env.js';

/** The result of a prefetched call: its output, `overflow` past its bound, or null when it failed. */
export type PrefetchedOutput = Buffer | 'overflow' | null;

export interface PrefetchCall {
  args: readonly string[];
  cwd: string;
  /** Text for git's stdin; it must end with a newline. */
  input?: string;
  /** Output beyond this many bytes is dropped and the result is 'overflow'. */
  maxBytes: number;
}

/** The output bound of prefetched calls that `gitText` in exec.ts reads. */
export const PREFETCH_TEXT_BYTES = 1024 * 1024;

interface Entry {
  output: () => Promise<PrefetchedOutput>;
  stop(): void;
}

// The launcher and the CLI are separate bundles, each with its own copy of
// this module, so the table lives on globalThis where both find it.
const TABLE = Symbol.for('diff-guardian.prefetched-git');
const INPUT_END = 'DIFF_GUARDIAN_INPUT_END';
const STATUS_FD = 3;
const FIRST_OUTPUT_FD = 4;

function table(): Map<string, Entry> {
  const holder = globalThis as { [TABLE]?: Map<string, Entry> };
  holder[TABLE] ??= new Map();
  return holder[TABLE];
}

function keyOf(call: PrefetchCall): string {
  return JSON.stringify([call.cwd, call.maxBytes, call.input ?? '', call.args]);
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** True when `input` can be given as a here-document ending at INPUT_END. */
function fitsHereDocument(input: string | undefined): boolean {
  return input === undefined || (input.endsWith('\n') && !input.split('\n').includes(INPUT_END));
}

/**
 * Builds the sh script. Call i changes to directory $i+1, which is passed as
 * an argument so it needs no quoting, and runs git with its output on file
 * descriptor 4+i, then appends git's exit status to descriptor 3 on a line of
 * its own. `ulimit -f` stops git (with SIGXFSZ) once its output file is a
 * block past the call's bound, so an oversized output never fills the disk.
 * git runs in the background while sh waits for it. sh runs a trap only after
 * a foreground command ends, so this way SIGTERM to sh stops the running git
 * at once, instead of leaving it to finish on its own.
 */
function scriptOf(calls: readonly PrefetchCall[]): string {
  // git gets none of the call files but its own output, as its standard output.
  const closed = [STATUS_FD, ...calls.map((_, index) => index + FIRST_OUTPUT_FD)].map((fd) => `${fd}>&-`).join(' ');
  // A background command of a non-interactive sh ignores SIGINT, so sh stops git on Ctrl-C too.
  let script = `git=\ntrap 'if [ -n "$git" ]; then kill "$git" 2>/dev/null; fi; exit 143' TERM INT HUP\n`;
  calls.forEach((call, index) => {
    const command = ['git', ...gitArgs(call.args)].map(quote).join(' ');
    // The directory is absolute (see prefetchGit), so CDPATH and `-` play no part, and `cd`
    // prints nothing into the call's output.
    const cd = `cd -- "$${index + 1}" >/dev/null`;
    // POSIX counts `ulimit -f` in 512-byte blocks. `ulimit -c 0` keeps the SIGXFSZ that stops git from writing a core file.
    const limit = `ulimit -c 0 && ulimit -f ${Math.ceil((call.maxBytes + 1) / 512) + 1}`;
    const fd = index + FIRST_OUTPUT_FD;
    script +=
      call.input === undefined
        ? `(${limit} && ${cd} && exec ${command} </dev/null ${closed}) >&${fd} &\n`
        : `(${limit} && ${cd} && exec ${command} ${closed} <<'${INPUT_END}'\n${call.input}${INPUT_END}\n) >&${fd} &\n`;
    script += `git=$!\nwait "$git"\necho $? >&${STATUS_FD}\ngit=\n`;
  });
  return script;
}

/**
 * Opens a new, already unlinked file for reading and writing, readable by this
 * user alone. Returns null when the temporary folder does not allow it.
 */
function unlinkedFile(): number | null {
  const path = join(process.env.TMPDIR || '/tmp', `diff-guardian-prefetch-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let fd: number;
  try {
    fd = openSync(path, 'wx+', 0o600);
  } catch {
    return null;
  }
  try {
    unlinkSync(path);
    return fd;
  } catch {
    closeSync(fd);
    return null;
  }
}

/** Reads a whole file from its start, or `limit` + 1 bytes when it is longer. */
function readWhole(fd: number, limit: number): Buffer {
  const size = Math.min(fstatSync(fd).size, limit + 1);
  const buffer = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const read = readSync(fd, buffer, done, size - done, done);
    if (read === 0) break;
    done += read;
  }
  return done === size ? buffer : buffer.subarray(0, done);
}

/** Starts git calls now, in one background sh, and keeps their outputs for `takePrefetchedGit`. */
export function prefetchGit(calls: readonly PrefetchCall[]): void {
  const usable = calls.filter((call) => fitsHereDocument(call.input));
  if (usable.length === 0 || process.platform === 'win32') return;
  const fds: number[] = [];
  for (let i = 0; i <= usable.length; i++) {
    const fd = unlinkedFile();
    if (fd === null) {
      fds.forEach((open) => closeSync(open));
      return;
    }
    fds.push(fd);
  }
  const [statusFd, ...outputFds] = fds as [number, ...number[]];
  // Relative directories are resolved here as a later call would resolve them: against this
  // process's directory, never through CDPATH.
  const child = startEarlyProcess('/bin/sh', ['-c', scriptOf(usable), 'diff-guardian', ...usable.map((call) => resolve(call.cwd))], gitEnv(), fds);
  if (!child) {
    fds.forEach((open) => closeSync(open));
    return;
  }
  // A process that exits while sh still runs (a timeout, an error) stops it, and so its git.
  const stopAtExit = (): void => child.kill();
  process.once('exit', stopAtExit);
  void child.exited.then(() => process.off('exit', stopAtExit));
  /** The exit statuses sh has written so far, in the order of the calls. */
  const statuses = (): number[] => readWhole(statusFd, 64 * usable.length).toString('latin1').split('\n').slice(0, -1).map(Number);
  const released = new Set<number>();
  const release = (index: number): void => {
    if (released.has(index)) return;
    released.add(index);
    closeSync(outputFds[index]!);
    if (released.size === usable.length) closeSync(statusFd);
  };
  const takenCalls = new Set<number>();
  // Dropping the calls stops sh and closes the files of the calls not taken yet. A taken call keeps its files until it is read.
  const stop = (): void => {
    child.kill();
    usable.forEach((_, index) => {
      if (!takenCalls.has(index)) release(index);
    });
  };
  const resultOf = (call: PrefetchCall, index: number): PrefetchedOutput => {
    // A call without a status line never finished: sh failed to start or was stopped.
    const status = statuses()[index] ?? -1;
    const output = readWhole(outputFds[index]!, call.maxBytes);
    release(index);
    if (output.length > call.maxBytes) return 'overflow';
    return status === 0 ? output : null;
  };
  /**
   * Settles once call `index` has its status line or sh has ended. Node gets no event when sh
   * writes a line, so the file is read again after 1, 2, 4 … up to 16 ms.
   */
  const finished = (index: number): Promise<void> =>
    new Promise((settle) => {
      let delay = 1;
      const look = (): void => {
        if (child.hasExited() || statuses().length > index) {
          settle();
          return;
        }
        setTimeout(look, delay);
        delay = Math.min(delay * 2, 16);
      };
      look();
    });
  usable.forEach((call, index) => {
    let result: Promise<PrefetchedOutput> | null = null;
    const output = (): Promise<PrefetchedOutput> => {
      takenCalls.add(index);
      // sh writes a call's status after git has exited, so its output file is complete then.
      result ??= finished(index).then(() => resultOf(call, index));
      return result;
    };
    table().set(keyOf(call), { output, stop });
  });
}

/** Returns the output of a matching prefetched call, once; undefined when none was started. */
export function takePrefetchedGit(call: PrefetchCall): Promise<PrefetchedOutput> | undefined {
  const key = keyOf(call);
  const entry = table().get(key);
  if (!entry) return undefined;
  table().delete(key);
  return entry.output();
}

/**
 * Stops every prefetched call and removes it from the table. Callers use it
 * after a change to what git would read, such as a chained hook that staged files.
 */
export function dropPrefetchedGit(): void {
  for (const entry of table().values()) entry.stop();
  table().clear();
}
