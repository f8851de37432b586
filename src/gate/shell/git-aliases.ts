import { posix } from 'node:path';
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

// git follows an alias of an alias until it meets one it has seen; this bounds the expansions of one command.
const MAX_EXPANSIONS = 64;

// Variables that make git read other config files, or config given in the environment.
const CONFIG_VARIABLES = ['HOME', 'XDG_CONFIG_HOME', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT'];

/** The place git reads aliases for one command: its folder (absolute, or relative to the project folder) and the environment it sets. */
export interface AliasScope {
  dir?: string;
  env?: Readonly<Record<string, string>>;
}

/** Reads the aliases git would see in a scope, as a map from lower-case name to definition. */
export type AliasLookup = (scope: AliasScope) => ReadonlyMap<string, string>;

/**
 * Reads `alias.*` with one git process per distinct scope, the first time a
 * scope needs it. `cwd` is the gate's project folder; git reads every config
 * scope there (system, global, repository, and config in the environment).
 */
export function repositoryAliases(cwd: string): AliasLookup {
  const cache = new Map<string, Map<string, string>>();
  return (scope) => {
    const dir = scope.dir === undefined ? cwd : posix.resolve(cwd, scope.dir.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
    const key = JSON.stringify([dir, scope.env ?? {}]);
    let aliases = cache.get(key);
    if (aliases) return aliases;
    aliases = new Map();
    cache.set(key, aliases);
    let out = '';
    try {
      // -z: each entry is `alias.<name>\n<definition>\0`, so definitions may hold newlines.
      out = gitSync(['config', '-z', '--get-regexp', '^alias\\.'], { cwd: dir, okCodes: [1], env: scope.env });
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
 * a `!…` alias as that shell command with the arguments. Definitions come from
 * `-c`/`--config-env` on the command line, from `git config alias.<name> …`
 * earlier in the same command line, then from the config git would read for
 * that command: in its `-C` or `cd` folder, with its config variables.
 */
export function expandGitAliases(commands: readonly SimpleCommand[], lookup: AliasLookup): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  const definedHere = new Map<string, string>();
  for (const command of commands) {
    let expansions = 0;
    const visit = (current: SimpleCommand, seen: ReadonlySet<string>): void => {
      out.push(current);
      const unwrapped = unwrapCommand(current);
      const git = gitInvocation(unwrapped.argv);
      if (!git) return;
      if (git.subcommand === 'config') recordDefinition(git.args, definedHere);
      const name = git.subcommand.toLowerCase();
      if (BUILTINS.has(name) || seen.has(name) || expansions >= MAX_EXPANSIONS) return;
      const env = Object.fromEntries(unwrapped.env.map(({ name: variable, value }) => [variable, value]));
      const definition = inlineDefinition(git.config, name, env) ?? definedHere.get(name) ?? lookup(scopeOf(current, git.directories, env)).get(name);
      if (definition === undefined || definition.trim() === '') return;
      expansions += 1;
      const next = new Set(seen).add(name);
      for (const expanded of expansionOf(current, git.args, definition)) visit(expanded, next);
    };
    visit(command, new Set());
  }
  return out;
}

/** Returns the definition given on the command line with `-c alias.<name>=…` or `--config-env=alias.<name>=VARIABLE`. */
function inlineDefinition(config: ReadonlyArray<{ key: string; value: string }>, name: string, env: Record<string, string>): string | undefined {
  const setting = [...config].reverse().find((entry) => entry.key === `alias.${name}`);
  if (!setting) return undefined;
  // gitInvocation gives a --config-env value as `$VARIABLE`.
  if (setting.value.startsWith('$')) return env[setting.value.slice(1)];
  return setting.value;
}

/** Records `git config [options] [set] alias.<name> <definition>` as a definition for later commands. */
function recordDefinition(args: readonly string[], defined: Map<string, string>): void {
  const words: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '-f' || arg === '--file' || arg === '--blob' || arg === '--type') i += 1;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  if (words[0] === 'set') words.shift();
  const [key, value] = words;
  if (key?.toLowerCase().startsWith('alias.') && value !== undefined) defined.set(key.slice('alias.'.length).toLowerCase(), value);
}

function scopeOf(command: SimpleCommand, directories: readonly string[], env: Record<string, string>): AliasScope {
  let dir = command.dir;
  for (const next of directories) dir = dir === undefined || posix.isAbsolute(next) || next.startsWith('~') ? next : posix.join(dir, next);
  const configEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (CONFIG_VARIABLES.includes(name) || /^GIT_CONFIG_(?:KEY|VALUE)_\d+$/.test(name)) configEnv[name] = value;
  }
  return { ...(dir === undefined ? {} : { dir }), ...(Object.keys(configEnv).length > 0 ? { env: configEnv } : {}) };
}

function expansionOf(command: SimpleCommand, args: readonly string[], definition: string): SimpleCommand[] {
  if (definition.startsWith('!')) {
    // git runs a shell alias as `sh -c '<definition> "$@"' <definition> <args>`, so the arguments
    // both follow the last command and fill $@, $* and $1… wherever the definition uses them.
    const body = withPositionalArguments(definition.slice(1), args);
    const commands = parseShell(body).map((c) => ({ ...c, origin: 'git alias' as const, ...(command.dir === undefined ? {} : { dir: command.dir }) }));
    const last = commands[commands.length - 1];
    if (last) last.argv = [...last.argv, ...args];
    return commands;
  }
  const words = parseShell(definition)[0]?.argv ?? [];
  if (words.length === 0) return [];
  // The alias words replace the subcommand, and wrappers and git's global options stay.
  const at = command.argv.length - args.length - 1;
  return [{ ...command, argv: [...command.argv.slice(0, at), ...words, ...args], origin: 'git alias' }];
}

function quoteWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Replaces `"$@"`, `$@`, `"$*"`, `$*` and `$1`…`$9` (also in braces) with the arguments, quoted. */
function withPositionalArguments(body: string, args: readonly string[]): string {
  const all = args.map(quoteWord).join(' ');
  return body
    .replace(/"\$[@*]"|\$[@*]|\$\{[@*]\}/g, all)
    .replace(/"?\$\{?([1-9])\}?"?/g, (_match, digit: string) => {
      const value = args[Number(digit) - 1];
      return value === undefined ? "''" : quoteWord(value);
    });
}
