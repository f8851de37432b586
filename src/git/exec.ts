import { childProcess } from '../util/lazy-builtins.js';
import { existsSync } from 'node:fs';
import { GitError } from '../errors.js';
import { gitArgs, gitEnv } from './git-env.js';
import { PREFETCH_TEXT_BYTES, takePrefetchedGit, type PrefetchedOutput } from './prefetch.js';

export { gitArgs } from './git-env.js';

let deadline: number | null = null;

/**
 * Sets a time after which synchronous git calls fail with a GitError instead
 * of blocking: a timer cannot interrupt a synchronous child process.
 */
export function setGitDeadline(epochMs: number | null): void {
  deadline = epochMs;
}

/** Returns the time set by `setGitDeadline`, so worker threads can apply the same one. */
export function gitDeadline(): number | null {
  return deadline;
}

function remainingMs(): number | undefined {
  if (deadline === null) return undefined;
  return Math.max(1, deadline - Date.now());
}

export interface GitRunOptions {
  cwd: string;
  input?: string | Buffer;
  /** Exit codes that count as success besides 0. */
  okCodes?: number[];
  env?: NodeJS.ProcessEnv;
}

/** Runs git to completion and returns stdout as bytes. */
export function gitSyncBuffer(args: readonly string[], options: GitRunOptions, maxBuffer = 1024 * 1024 * 1024): Buffer {
  const full = gitArgs(args);
  const result = childProcess().spawnSync('git', full, {
    cwd: options.cwd,
    input: options.input,
    env: gitEnv(options.env),
    maxBuffer,
    timeout: remainingMs(),
  });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  // git may exit before it reads its input (outside a repository, say): node then reports
  // EPIPE, but git's exit status and message are there and tell what went wrong.
  if (result.error && !(code === 'EPIPE' && result.status !== null)) {
    if (code === 'ENOBUFS') {
      const error = new GitError(`git ${args[0]} printed more than ${maxBuffer} bytes`, full);
      error.overflow = true;
      throw error;
    }
    if (code === 'ENOENT' && !existsSync(options.cwd)) {
      throw new GitError(`directory not found: ${options.cwd}; pass an existing repository with --repo`, full);
    }
    if (code === 'ENOENT') throw new GitError('git was not found on PATH; install git and try again', full);
    if (code === 'ETIMEDOUT') throw new GitError(`git ${args[0]} timed out; check a smaller range or raise --timeout`, full);
    throw new GitError(`git ${args[0]} failed to start: ${result.error.message}`, full);
  }
  const status = result.status ?? -1;
  if (status !== 0 && !(options.okCodes ?? []).includes(status)) {
    const stderr = result.stderr.toString('utf8').trim();
    const reason = result.signal ? `killed by ${result.signal}` : `exit ${status}`;
    throw new GitError(`git ${args[0]} failed (${reason}): ${firstLine(stderr)}`, full, stderr);
  }
  return result.stdout;
}

/**
 * Runs git to completion and returns stdout, or null when stdout grows past
 * `maxBytes` (git is then stopped). For output that is small almost every
 * time: one synchronous call costs less than a stream, and a caller that gets
 * null reads the rare large output as a stream instead.
 */
export function gitSyncBounded(args: readonly string[], options: GitRunOptions, maxBytes: number): Buffer | null {
  try {
    return gitSyncBuffer(args, options, maxBytes);
  } catch (error) {
    if (error instanceof GitError && error.overflow) return null;
    throw error;
  }
}

/** Awaits a prefetched call, giving up (null) at the deadline set by `setGitDeadline`. */
async function withinDeadline(output: Promise<PrefetchedOutput>): Promise<PrefetchedOutput> {
  const remaining = remainingMs();
  if (remaining === undefined) return output;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), remaining);
  });
  try {
    return await Promise.race([output, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Returns what `gitSyncBounded` would. When the launcher started the same
 * call early (see prefetch.ts) and it succeeded, its output is used and no
 * new git process starts.
 */
export async function gitBounded(args: readonly string[], options: GitRunOptions, maxBytes: number): Promise<Buffer | null> {
  const output = await prefetchedOutput(args, options, maxBytes);
  if (output === 'overflow') return null;
  return output ?? gitSyncBounded(args, options, maxBytes);
}

/**
 * Returns what `gitSyncBuffer` would. When the same call was started early with
 * the output bound `prefetchBytes` and succeeded within it, its output is used
 * and no new git process starts.
 */
export async function gitPrefetchedBuffer(args: readonly string[], options: GitRunOptions, prefetchBytes: number): Promise<Buffer> {
  const output = await prefetchedOutput(args, options, prefetchBytes);
  return output instanceof Buffer ? output : gitSyncBuffer(args, options);
}

/** Returns what `gitSync` would, using a prefetched call's output as `gitBounded` does. */
export async function gitText(args: readonly string[], options: GitRunOptions): Promise<string> {
  const output = await prefetchedOutput(args, options, PREFETCH_TEXT_BYTES);
  return output instanceof Buffer ? output.toString('utf8') : gitSync(args, options);
}

/** Returns the output of the same call prefetched with `maxBytes`, or null when none was started or it failed. */
async function prefetchedOutput(args: readonly string[], options: GitRunOptions, maxBytes: number): Promise<PrefetchedOutput> {
  if (!prefetchable(options)) return null;
  const early = takePrefetchedGit({ args, cwd: options.cwd, input: options.input as string | undefined, maxBytes });
  return early ? withinDeadline(early) : null;
}

/** Only calls without extra environment, exit codes or byte input are ever prefetched. */
function prefetchable(options: GitRunOptions): boolean {
  return !options.env && !options.okCodes && !Buffer.isBuffer(options.input);
}

/** Runs git to completion and returns stdout as UTF-8 text. */
export function gitSync(args: readonly string[], options: GitRunOptions): string {
  return gitSyncBuffer(args, options).toString('utf8');
}

/** Runs git and returns its exit code, without throwing on a non-zero one. */
export function gitStatus(args: readonly string[], options: GitRunOptions): number {
  const result = childProcess().spawnSync('git', gitArgs(args), {
    cwd: options.cwd,
    input: options.input,
    env: gitEnv(options.env),
    stdio: ['pipe', 'ignore', 'ignore'],
    timeout: remainingMs(),
  });
  return result.status ?? -1;
}

/** Starts git with piped stdio for streaming readers. */
export function gitSpawn(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const full = gitArgs(args);
  const child = childProcess().spawn('git', full, {
    cwd: options.cwd,
    env: gitEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { child, args: full };
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
