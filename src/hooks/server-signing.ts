import { mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describeError } from '../errors.js';
import { loadSigningKey, resolveSigningKey } from '../notes/index.js';
import { readConfig } from './git-paths.js';

/** Folder of the state directory where post-receive keeps verdicts whose notes it could not write. */
export const UNWRITTEN_DIR = 'unwritten';

/** Returns the path of the key that signs the server's notes, or null when notes are unsigned. */
export function serverSigningKey(cwd: string): string | null {
  return resolveSigningKey(cwd, readConfig(cwd, 'diff-guardian.signingKey') ?? undefined);
}

/**
 * Returns why the server's signing key cannot sign notes (missing, unreadable
 * or not an OpenSSH Ed25519 key), or null when it can or when none is set.
 * pre-receive checks this before it accepts a push, because post-receive runs
 * after the refs moved and can no longer reject anything.
 */
export function signingKeyProblem(cwd: string): string | null {
  const path = serverSigningKey(cwd);
  if (path === null) return null;
  try {
    loadSigningKey(path);
    return null;
  } catch (error) {
    return describeError(error);
  }
}

/**
 * Moves a pending verdict file into `<stateDir>/unwritten/`, where the removal
 * of stale pending files does not reach it, and returns its new path. The
 * file keeps the verdicts of a push whose notes could not be written.
 */
export function keepUnwritten(stateDir: string, pendingFile: string): string {
  const directory = join(stateDir, UNWRITTEN_DIR);
  mkdirSync(directory, { recursive: true });
  const target = join(directory, basename(pendingFile));
  renameSync(pendingFile, target);
  return target;
}
