import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { gitStatus, gitSync } from '../git/exec.js';

/** Locations of a repository's hooks and of this tool's own files. */
export interface RepoPaths {
  /** The directory the commands run in. */
  cwd: string;
  bare: boolean;
  /** The shared git directory (the main one for a linked worktree). */
  commonDir: string;
  /** The top of the work tree, or null for a bare repository. */
  workTree: string | null;
  /** The folder git runs hooks from, after core.hooksPath. */
  hooksDir: string;
  /** Config scope of core.hooksPath (local, global, system, …), or null when unset. */
  hooksPathScope: string | null;
  /** This tool's folder inside the git directory: install record, shims, pending verdicts. */
  stateDir: string;
}

function gitLine(cwd: string, args: string[]): string {
  return gitSync(args, { cwd }).replace(/\n$/, '');
}

/** Reads the repository layout, or raises a UsageError when `cwd` is not a repository. */
export function repoPaths(cwd: string): RepoPaths {
  if (gitStatus(['rev-parse', '--git-dir'], { cwd }) !== 0) {
    throw new UsageError(`${cwd} is not a git repository; pass --repo PATH`);
  }
  const bare = gitLine(cwd, ['rev-parse', '--is-bare-repository']) === 'true';
  const commonDir = resolve(cwd, gitLine(cwd, ['rev-parse', '--git-common-dir']));
  const workTree = bare ? null : gitLine(cwd, ['rev-parse', '--show-toplevel']);
  // Hooks run from the top of the work tree, and a relative core.hooksPath is relative to it.
  const base = workTree ?? cwd;
  const hooksRaw = gitLine(base, ['rev-parse', '--git-path', 'hooks']);
  const hooksDir = isAbsolute(hooksRaw) ? hooksRaw : resolve(base, hooksRaw);
  let hooksPathScope: string | null = null;
  const scoped = gitSync(['config', '--show-scope', '--get', 'core.hooksPath'], { cwd, okCodes: [1] }).trim();
  if (scoped) hooksPathScope = scoped.split('\t')[0] ?? null;
  return { cwd, bare, commonDir, workTree, hooksDir, hooksPathScope, stateDir: resolve(commonDir, 'diff-guardian') };
}

/** Reads one local git config value, or null when it is unset. */
export function readConfig(cwd: string, key: string): string | null {
  const out = gitSync(['config', '--local', '--get', key], { cwd, okCodes: [1] });
  return out === '' ? null : out.replace(/\n$/, '');
}

/** Sets (or with null, unsets) one local git config value. */
export function writeConfig(cwd: string, key: string, value: string | null): void {
  if (value === null) gitSync(['config', '--local', '--unset-all', key], { cwd, okCodes: [5] });
  else gitSync(['config', '--local', key, value], { cwd });
}
