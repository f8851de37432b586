import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GitError } from '../errors.js';

// Settings that a repository's own config could use to change what git prints
// or to run a program while this tool reads the repository. They are pinned
// on every call, because that config is written by the party under review.
const PINNED_CONFIG = [
  'core.fsmonitor=false',
  'core.quotePath=true',
  'diff.external=',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.suppressBlankEmpty=false',
  'diff.relative=false',
  'i18n.logOutputEncoding=UTF-8',
  'log.showSignature=false',
  'color.ui=false',
];

export function gitArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const setting of PINNED_CONFIG) out.push('-c', setting);
  out.push(...args);
  return out;
}

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

function gitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    // Replace refs would let the repository show this tool other content than it stores.
    GIT_NO_REPLACE_OBJECTS: '1',
    LC_ALL: 'C',
    ...extra,
  };
}

/** Runs git to completion and returns stdout as bytes. */
export function gitSyncBuffer(args: readonly string[], options: GitRunOptions, maxBuffer = 1024 * 1024 * 1024): Buffer {
  const full = gitArgs(args);
  const result = spawnSync('git', full, {
    cwd: options.cwd,
    input: options.input,
    env: gitEnv(options.env),
    maxBuffer,
    timeout: remainingMs(),
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
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

/** Runs git to completion and returns stdout as UTF-8 text. */
export function gitSync(args: readonly string[], options: GitRunOptions): string {
  return gitSyncBuffer(args, options).toString('utf8');
}

/** Runs git and returns its exit code, without throwing on a non-zero one. */
export function gitStatus(args: readonly string[], options: GitRunOptions): number {
  const result = spawnSync('git', gitArgs(args), {
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
  const child = spawn('git', full, {
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
