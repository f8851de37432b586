import { gitSync } from '../../git/exec.js';
import { gitInvocation } from '../commands/options.js';
import { parseShell, unwrapCommand, type SimpleCommand } from './parse.js';

// git runs its own command of a name before any alias of the same name, so
// these never need a lookup. Any other subcommand may be an alias.
const BUILTINS = new Set(
  (
    'add am annotate apply archive bisect blame branch bundle cat-file check-ignore checkout cherry cherry-pick clean clone ' +
    'commit commit-tree config count-objects describe diff diff-files diff-index diff-tree difftool fetch for-each-ref ' +
    'format-patch fsck gc grep hash-object help init log ls-files ls-remote ls-tree merge merge-base mergetool mv notes ' +
    'pull push range-diff read-tree rebase reflog remote repack replace reset restore rev-list rev-parse revert rm ' +
    'shortlog show show-ref sparse-checkout stash status submodule switch symbolic-ref tag update-index update-ref ' +
    'var verify-commit verify-tag version whatchanged worktree write-tree'
  ).split(' '),
);

// Aliases may name other aliases; git stops at a loop, and so does this.
const MAX_DEPTH = 8;

/** Reads the repository's aliases (every config scope) as a map from name to definition. */
export type AliasLookup = () => ReadonlyMap<string, string>;

/** Reads `alias.*` with one git process, the first time an alias is needed. */
export function repositoryAliases(cwd: string | null): AliasLookup {
  let aliases: Map<string, string> | null = null;
  return () => {
    if (aliases) return aliases;
    aliases = new Map();
    if (cwd === null) return aliases;
    let out = '';
    try {
      // -z: each entry is `alias.<name>\n<definition>\0`, so definitions may hold newlines.
      out = gitSync(['config', '-z', '--get-regexp', '^alias\\.'], { cwd, okCodes: [1] });
    } catch {
      return aliases;
    }
    for (const entry of out.split('\0')) {
      const newline = entry.indexOf('\n');
      if (newline > 'alias.'.length) aliases.set(entry.slice('alias.'.length, newline).toLowerCase(), entry.slice(newline + 1));
    }
    return aliases;
  };
}

/**
 * Adds, after each git command that calls an alias, the command git would run
 * instead: `git ci -n` with `alias.ci = commit` reads as `git commit -n`, and
 * a `!…` alias as that shell command with the arguments appended. Definitions
 * come from `-c alias.<name>=…` on the command line first, then the lookup.
 */
export function expandGitAliases(commands: readonly SimpleCommand[], lookup: AliasLookup): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  const visit = (command: SimpleCommand, depth: number): void => {
    out.push(command);
    if (depth >= MAX_DEPTH) return;
    const unwrapped = unwrapCommand(command);
    const git = gitInvocation(unwrapped.argv);
    if (!git || BUILTINS.has(git.subcommand)) return;
    const name = git.subcommand.toLowerCase();
    const inline = [...git.config].reverse().find((setting) => setting.key === `alias.${name}`);
    const definition = inline?.value ?? lookup().get(name);
    if (definition === undefined || definition.trim() === '') return;
    for (const expanded of expansionOf(command, git.args, definition)) visit(expanded, depth + 1);
  };
  for (const command of commands) visit(command, 0);
  return out;
}

function expansionOf(command: SimpleCommand, args: readonly string[], definition: string): SimpleCommand[] {
  if (definition.startsWith('!')) {
    // git runs a shell alias as `sh -c '<definition> "$@"'` with the arguments.
    const commands = parseShell(definition.slice(1)).map((c) => ({ ...c, origin: 'git alias' as const }));
    const last = commands[commands.length - 1];
    if (last) last.argv = [...last.argv, ...args];
    return commands;
  }
  const words = parseShell(definition)[0]?.argv ?? [];
  if (words.length === 0) return [];
  // The alias name stands where the subcommand was; wrappers and git's global options stay.
  const at = command.argv.length - args.length - 1;
  return [{ ...command, argv: [...command.argv.slice(0, at), ...words, ...args], origin: 'git alias' }];
}
