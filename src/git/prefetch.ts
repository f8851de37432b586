// Git calls started before the code that needs them has loaded. The command
// line tells the launcher (src/cli/launcher.ts) which git calls a staged check
// or a gate decision makes first, and it starts them at once: git then runs on
// the second core while V8 loads the CLI bundle on the first.
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
 * The sh script: call i changes to directory $i+1 (passed as an argument, so
 * it needs no quoting), runs git with its output on file descriptor 3+i, and
 * prints git's exit status on a line of its own.
 */
function scriptOf(calls: readonly PrefetchCall[]): string {
  let script = '';
  calls.forEach((call, index) => {
    const command = ['git', ...gitArgs(call.args)].map(quote).join(' ');
    const cd = `cd -- "$${index + 1}"`;
    const output = `>&${index + 3}`;
    script +=
      call.input === undefined
        ? `(${cd} && exec ${command} </dev/null) ${output}\n`
        : `(${cd} && exec ${command} <<'${INPUT_END}'\n${call.input}${INPUT_END}\n) ${output}\n`;
    script += 'echo $?\n';
  });
  return script;
}

/** Starts git calls now, in one background sh, and keeps their outputs for `takePrefetchedGit`. */
export function prefetchGit(calls: readonly PrefetchCall[]): void {
  const usable = calls.filter((call) => fitsHereDocument(call.input));
  if (usable.length === 0 || process.platform === 'win32') return;
  const stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'ignore', ...usable.map(() => 'pipe' as const)];
  const child = spawn('/bin/sh', ['-c', scriptOf(usable), 'diff-guardian', ...usable.map((call) => call.cwd)], {
    env: gitEnv(),
    stdio,
  });
  const outputs = usable.map((call, index) => collect(child.stdio[index + 3] as NodeJS.ReadableStream & { destroy(): void }, call.maxBytes));
  const statuses: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => statuses.push(chunk));
  const finished = new Promise<number[] | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(statuses).toString('latin1').split('\n').map(Number) : null));
  });
  usable.forEach((call, index) => {
    const output = finished.then((codes): PrefetchedOutput => {
      const result = outputs[index]!.result();
      if (result === 'overflow') return 'overflow';
      return codes?.[index] === 0 ? result : null;
    });
    table().set(keyOf(call), { output, stop: () => child.kill() });
  });
}

/** Reads one pipe up to `maxBytes`; past that it closes the pipe, which stops git. */
function collect(stream: NodeJS.ReadableStream & { destroy(): void }, maxBytes: number): { result(): Buffer | 'overflow' } {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
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
  return { result: () => (overflow ? 'overflow' : Buffer.concat(chunks, size)) };
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
 * Stops and forgets every prefetched call. For callers that changed what git
 * would read since the calls started, such as a chained hook that staged files.
 */
export function dropPrefetchedGit(): void {
  for (const entry of table().values()) entry.stop();
  table().clear();
}
