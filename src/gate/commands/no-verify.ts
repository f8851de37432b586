import { gitInvocation, hasLong, parseOptions } from './options.js';

// Git subcommands whose hooks `--no-verify` skips, with the short options that take a value
// and those whose value can only be attached. For `commit` alone `-n` also means `--no-verify`
// (git-commit(1)), so `-uno` and `-Skey` must not be read as holding `-n`.
const VERIFYING = new Map<string, { value: string; attached: string }>([
  ['commit', { value: 'mFCct', attached: 'uS' }],
  ['push', { value: 'o', attached: '' }],
  ['merge', { value: 'mFsX', attached: 'S' }],
  ['am', { value: 'C', attached: 'pS' }],
  ['rebase', { value: 'sXx', attached: 'S' }],
  ['cherry-pick', { value: 'mX', attached: 'S' }],
]);

// git accepts any unique prefix of a long option, and `--no-veri` is the shortest that git 2.39
// takes for `--no-verify`. It rejects `--no-v` to `--no-ver` as ambiguous with `--no-verbose`.
// Those are matched too, so the check still holds for a git without that ambiguity.
const MIN_PREFIX = 'no-v'.length;

/** A git call that skips hooks: its subcommand and the option as git reads it. */
export interface HookBypass {
  subcommand: string;
  flag: '--no-verify' | '-n';
}

/**
 * Returns how a git command line skips hooks: `--no-verify` or an abbreviation
 * of it, or for `git commit` also `-n`, alone or in a cluster such as `-anm`.
 * Returns null for any other command. `argv` starts with the program, after
 * wrappers such as `sudo` are removed.
 */
export function hookBypassOf(argv: readonly string[]): HookBypass | null {
  const git = gitInvocation(argv);
  const spec = git && VERIFYING.get(git.subcommand);
  if (!git || !spec) return null;
  const options = parseOptions(git.args, { shortWithValue: spec.value, shortWithAttachedValue: spec.attached });
  if (hasLong(options, 'no-verify', MIN_PREFIX)) return { subcommand: git.subcommand, flag: '--no-verify' };
  if (git.subcommand === 'commit' && options.short.has('n')) return { subcommand: git.subcommand, flag: '-n' };
  return null;
}
