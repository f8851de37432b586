// git passes the commit hooks no sign of `commit --amend`: the environment,
// the message file and the prepare-commit-msg arguments of `commit --amend -m`
// match those of a new commit (git 2.39). The commit-msg check needs to know,
// because an amended commit replaces HEAD, so its change is the index against
// HEAD's parent and not the staged difference from HEAD. The arguments of the
// git process that runs the hook are the one exact signal, read from /proc.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Ancestors searched for the git process: git, the hook script, and hook managers in between. */
const MAX_DEPTH = 8;

/** Global git options whose value is the next argument (`git -C dir commit`). */
const GLOBAL_WITH_VALUE = new Set(['-c', '-C', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env']);

/**
 * Returns true when the nearest git process among this process's ancestors
 * was started with `--amend`, or with a prefix git accepts for it (`--am`),
 * directly or through the alias `aliasOf` expands its subcommand to.
 * Returns false where /proc does not exist.
 *
 * NOTE: amends on systems without /proc, and through an alias of an alias,
 * are not detected. The post-commit hook then reports the amended commit's
 * verdict instead.
 */
export function isAmending(aliasOf: AliasLookup = () => null, startPid: number = process.ppid, procRoot = '/proc'): boolean {
  let pid = startPid;
  for (let depth = 0; depth < MAX_DEPTH && pid > 1; depth += 1) {
    const argv = readArgv(procRoot, pid);
    if (argv === null) return false;
    if (argv.length > 0 && isGitProgram(argv[0]!)) return hasAmendOption(argv, aliasOf);
    const parent = parentPid(procRoot, pid);
    if (parent === null) return false;
    pid = parent;
  }
  return false;
}

function readArgv(procRoot: string, pid: number): string[] | null {
  try {
    const raw = readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((arg, index, all) => index < all.length - 1 || arg !== '');
  } catch {
    return null;
  }
}

/** Reads the parent pid from /proc/PID/stat, whose second field (the command name) may contain spaces and parentheses. */
function parentPid(procRoot: string, pid: number): number | null {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parent = Number(fields[1]);
    return Number.isInteger(parent) ? parent : null;
  } catch {
    return null;
  }
}

function isGitProgram(program: string): boolean {
  return /^git(?:-commit)?(?:\.exe)?$/.test(basename(program));
}

/** Returns the value of `alias.<name>` in the repository's git config, or null when it is not set. */
export type AliasLookup = (name: string) => string | null;

/**
 * True when the last of `--amend` and `--no-amend` (or their accepted
 * prefixes) given before `--` is `--amend`. A subcommand other than commit is
 * expanded once with `aliasOf`. A shell alias (`!…`) is not expanded, because
 * the git process it starts is the one that runs the hook.
 */
export function hasAmendOption(argv: readonly string[], aliasOf: AliasLookup = () => null): boolean {
  let index = 1;
  let args: readonly string[] = argv;
  if (!basename(argv[0]!).startsWith('git-commit')) {
    // Skip the global options, then the subcommand.
    while (index < argv.length && argv[index]!.startsWith('-')) {
      index += GLOBAL_WITH_VALUE.has(argv[index]!) ? 2 : 1;
    }
    const subcommand = argv[index];
    const expansion = subcommand !== undefined && subcommand !== 'commit' ? aliasOf(subcommand) : null;
    if (expansion !== null && !expansion.startsWith('!')) {
      // NOTE: the expansion is split at whitespace, without git's quoting rules.
      args = [...expansion.trim().split(/\s+/).slice(1), ...argv.slice(index + 1)];
      index = 0;
    } else {
      index += 1;
    }
  }
  let amending = false;
  for (; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--') break;
    if (isPrefixOf(arg, '--amend', 4)) amending = true;
    else if (isPrefixOf(arg, '--no-amend', 7)) amending = false;
  }
  return amending;
}

/** True when `arg` is `option` or a prefix of it at least `shortest` characters long. */
function isPrefixOf(arg: string, option: string, shortest: number): boolean {
  return arg.length >= shortest && option.startsWith(arg);
}
