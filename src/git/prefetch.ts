// Git calls started before the code that needs them has loaded. From the
// command line, the launcher (src/cli/launcher.ts) starts the first git calls
// of a staged check or a gate decision at once, so git runs on the second core
// while V8 loads the CLI bundle on the first.
//
// Starting a process costs node 1.5 to 2.5 ms of its own time, so the calls
// go to one `sh` that runs them one after another, each writing to a pipe of
// its own (file descriptor 3, 4, …) and its exit status to sh's stdout.
//
// A prefetched call is only used by a later call with the same arguments,
// directory, input and output bound, and only when git exited 0. Any other
// outcome makes the caller run the call again in the usual way, so errors
// read the same with or without a prefetch.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
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
  output: Promise<PrefetchedOutput>;
  stop(): void;
}

// The launcher and the CLI are separate bundles, each with its own copy of
// this module, so the table lives on globalThis where both find it.
const TABLE = Symbol.for('diff-guardian.prefetched-git');
const INPUT_END = 'DIFF_GUARDIAN_INPUT_END';

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
 * descriptor 3+i. It then prints git's exit status on a line of its own and
 * closes that descriptor, so the call's pipe ends as soon as the call does.
 */
function scriptOf(calls: readonly PrefetchCall[]): string {
  let script = '';
  calls.forEach((call, index) => {
    const command = ['git', ...gitArgs(call.args)].map(quote).join(' ');
    // The directory is absolute (see prefetchGit), so CDPATH and `-` play no part, and `cd`
    // prints nothing into the call's output.
    const cd = `cd -- "$${index + 1}" >/dev/null`;
    const fd = index + 3;
    script +=
      call.input === undefined
        ? `(${cd} && exec ${command} </dev/null) >&${fd}\n`
        : `(${cd} && exec ${command} <<'${INPUT_END}'\n${call.input}${INPUT_END}\n) >&${fd}\n`;
    script += `echo $?\nexec ${fd}>&-\n`;
  });
  return script;
}

/** Starts git calls now, in one background sh, and keeps their outputs for `takePrefetchedGit`. */
export function prefetchGit(calls: readonly PrefetchCall[]): void {
  const usable = calls.filter((call) => fitsHereDocument(call.input));
  if (usable.length === 0 || process.platform === 'win32') return;
  const stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'ignore', ...usable.map(() => 'pipe' as const)];
  // Relative directories are resolved here as a later call would resolve them: against this
  // process's directory, never through CDPATH.
  const child = spawn('/bin/sh', ['-c', scriptOf(usable), 'diff-guardian', ...usable.map((call) => resolve(call.cwd))], {
    env: gitEnv(),
    stdio,
  });
  const results = usable.map((call, index) => collect(child.stdio[index + 3] as NodeJS.ReadableStream & { destroy(): void }, call.maxBytes));
  // sh prints one exit status per line, in the order of the calls.
  let statusText = '';
  let next = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    statusText += chunk.toString('latin1');
    for (let newline = statusText.indexOf('\n'); newline >= 0 && next < results.length; newline = statusText.indexOf('\n')) {
      results[next]!.exited(Number(statusText.slice(0, newline)));
      next += 1;
      statusText = statusText.slice(newline + 1);
    }
  });
  // A call without a status line never finished: sh failed to start or was stopped.
  const unfinished = (): void => results.forEach((result) => result.exited(-1));
  child.on('error', unfinished);
  child.on('close', unfinished);
  usable.forEach((call, index) => table().set(keyOf(call), { output: results[index]!.output, stop: () => child.kill() }));
}

/**
 * Reads one call's pipe up to `maxBytes`, past which it closes the pipe and so
 * stops git. The output settles once both the pipe has closed and the exit
 * status is known; the first status given counts.
 */
function collect(
  stream: NodeJS.ReadableStream & { destroy(): void },
  maxBytes: number,
): { output: Promise<PrefetchedOutput>; exited(status: number): void } {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let status: number | null = null;
  let closed = false;
  let settle: (output: PrefetchedOutput) => void = () => undefined;
  const output = new Promise<PrefetchedOutput>((resolve) => {
    settle = resolve;
  });
  const finish = (): void => {
    if (status === null || !closed) return;
    if (overflow) settle('overflow');
    else if (status === 0) settle(Buffer.concat(chunks, size));
    else settle(null);
  };
  stream.on('data', (chunk: Buffer) => {
    if (overflow) return;
    size += chunk.length;
    if (size > maxBytes) {
      overflow = true;
      chunks.length = 0;
      stream.destroy();
    } else {
      chunks.push(chunk);
    }
  });
  stream.on('error', () => undefined);
  stream.on('close', () => {
    closed = true;
    finish();
  });
  return {
    output,
    exited(code: number): void {
      status ??= code;
      finish();
    },
  };
}

/** Returns the output of a matching prefetched call, once; undefined when none was started. */
export function takePrefetchedGit(call: PrefetchCall): Promise<PrefetchedOutput> | undefined {
  const key = keyOf(call);
  const entry = table().get(key);
  if (!entry) return undefined;
  table().delete(key);
  return entry.output;
}

/**
 * Stops every prefetched call and removes it from the table. Callers use it
 * after a change to what git would read, such as a chained hook that staged files.
 */
export function dropPrefetchedGit(): void {
  for (const entry of table().values()) entry.stop();
  table().clear();
}
