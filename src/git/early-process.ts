// Starts the launcher's early `sh` (see prefetch.ts) with node's process_wrap
// binding, the process handle that node:child_process wraps. Loading
// node:child_process also loads net, dgram and stream: sh started in 3.9 ms
// that way and in 1.1 ms through the binding (node 20, 2 cores).
// process.binding() is deprecated in documentation only (DEP0111), and node
// warns about it only under --pending-deprecation. Where the binding is
// missing, throws or has another shape, node:child_process starts sh.
import { childProcess } from '../util/lazy-builtins.js';

/** A started process. `exited` settles when it exits or cannot start. */
export interface EarlyProcess {
  exited: Promise<void>;
  hasExited(): boolean;
  kill(): void;
}

interface ProcessHandle {
  onexit: ((exitCode: number, signalCode: string) => void) | null;
  spawn(options: object): number;
  kill(signal: number): number;
  close(): void;
}

type ProcessConstructor = new () => ProcessHandle;

const SIGTERM = 15;

/**
 * Returns the binding's process constructor, or null. Node checks
 * process.noDeprecation when process.binding() is called, so setting it for
 * that call keeps the one known warning away under --pending-deprecation (in
 * any of its spellings) and keeps --throw-deprecation from throwing.
 */
function processConstructor(): ProcessConstructor | null {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const binding = (process as unknown as { binding(name: string): { Process?: unknown } }).binding('process_wrap');
    return typeof binding.Process === 'function' ? (binding.Process as ProcessConstructor) : null;
  } catch {
    return null;
  } finally {
    process.noDeprecation = quiet;
  }
}

/**
 * Starts `file` with `args`, the environment `env`, stdin, stdout and stderr
 * closed to it (/dev/null), and `fds` as its descriptors 3, 4 and so on.
 * Returns null when the process could not be started.
 */
export function startEarlyProcess(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  fds: readonly number[],
  options: { binding?: boolean } = {},
): EarlyProcess | null {
  const Process = options.binding === false ? null : processConstructor();
  if (Process) {
    try {
      return startWithBinding(Process, file, args, env, fds);
    } catch {
      // The binding has another shape in this node, so node:child_process starts sh below.
    }
  }
  return startWithChildProcess(file, args, env, fds);
}

function startWithBinding(
  Process: ProcessConstructor,
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  fds: readonly number[],
): EarlyProcess | null {
  const handle = new Process();
  let exited = false;
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    settle = resolve;
  });
  handle.onexit = () => {
    exited = true;
    handle.close();
    settle();
  };
  const envPairs: string[] = [];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) envPairs.push(`${key}=${value}`);
  // The options node:child_process passes for the same spawn: argv[0] first, and
  // stdio entries of type 'ignore' or 'fd'.
  let error: number;
  try {
    error = handle.spawn({
      file,
      args: [file, ...args],
      envPairs,
      stdio: [{ type: 'ignore' }, { type: 'ignore' }, { type: 'ignore' }, ...fds.map((fd) => ({ type: 'fd', fd }))],
      detached: false,
      windowsHide: false,
      windowsVerbatimArguments: false,
    });
  } catch (thrown) {
    // A binding of another shape: the caller starts sh through node:child_process instead.
    handle.close();
    throw thrown;
  }
  if (error !== 0) {
    handle.close();
    return null;
  }
  return {
    exited: done,
    hasExited: () => exited,
    kill: () => {
      if (!exited) handle.kill(SIGTERM);
    },
  };
}

function startWithChildProcess(file: string, args: readonly string[], env: NodeJS.ProcessEnv, fds: readonly number[]): EarlyProcess | null {
  let child: ReturnType<ReturnType<typeof childProcess>['spawn']>;
  try {
    child = childProcess().spawn(file, args, { env, stdio: ['ignore', 'ignore', 'ignore', ...fds] });
  } catch {
    // Node's permission model (--experimental-permission) denies starting processes.
    return null;
  }
  let exited = false;
  const done = new Promise<void>((resolve) => {
    const finish = (): void => {
      exited = true;
      resolve();
    };
    child.once('exit', finish);
    child.once('error', finish);
  });
  return { exited: done, hasExited: () => exited, kill: () => child.kill() };
}
