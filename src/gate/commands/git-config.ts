import type { SimpleCommand } from '../shell/parse.js';
import type { GitInvocation } from './options.js';
import { parseOptions } from './options.js';

/** A change that one `git config` call makes to a setting or a whole section. */
export interface ConfigWrite {
  action: 'set' | 'unset' | 'rename-section' | 'remove-section' | 'edit';
  /** The lower-cased key (`diff-guardian.node`), or the section name for section actions. */
  key: string;
  /** The new value of `set`, or null for the other actions. */
  value: string | null;
}

// Long options of `git config` (git 2.39 and the 2.46 subcommands), used to expand
// the abbreviations git accepts, such as `--unset-a` for `--unset-all`.
const LONG_OPTIONS = [
  'global', 'system', 'local', 'worktree', 'file', 'blob', 'get', 'get-all', 'get-regexp',
  'get-urlmatch', 'replace-all', 'add', 'unset', 'unset-all', 'rename-section',
  'remove-section', 'list', 'fixed-value', 'edit', 'get-color', 'get-colorbool', 'type',
  'bool', 'int', 'bool-or-int', 'bool-or-str', 'path', 'expiry-date', 'null', 'name-only',
  'includes', 'show-origin', 'show-scope', 'default', 'comment', 'all', 'append', 'value',
  'regexp', 'url',
];
const VALUE_OPTIONS = ['file', 'blob', 'type', 'default', 'comment', 'value', 'url'];
const READ_OPTIONS = ['get', 'get-all', 'get-regexp', 'get-urlmatch', 'list', 'get-color', 'get-colorbool'];
const SUBCOMMANDS = new Set(['set', 'unset', 'rename-section', 'remove-section', 'edit', 'get', 'list']);

/** Expands a long option name to the one it abbreviates, or returns it unchanged when ambiguous. */
function expandLong(name: string): string {
  if (LONG_OPTIONS.includes(name)) return name;
  const matches = LONG_OPTIONS.filter((option) => option.startsWith(name));
  return matches.length === 1 ? matches[0]! : name;
}

/**
 * Reads the arguments of `git config` (after the subcommand word) and returns
 * what the call writes, or null for a call that only reads. Handles the
 * option forms (`--add`, `--replace-all`, `--unset-all`, `--rename-section`,
 * `-e`) and the subcommand forms of git 2.46 (`git config set NAME VALUE`).
 */
export function configWrite(args: readonly string[]): ConfigWrite | null {
  const options = parseOptions(args, { shortWithValue: 'ft', longWithValue: VALUE_OPTIONS });
  const long = new Set([...options.long.keys()].map(expandLong));
  let operands = options.operands;
  let mode: string | null = null;
  if (operands[0] !== undefined && SUBCOMMANDS.has(operands[0])) {
    mode = operands[0];
    operands = operands.slice(1);
  }
  if (mode === 'get' || mode === 'list') return null;
  if (READ_OPTIONS.some((option) => long.has(option)) || options.short.has('l')) return null;

  const name = operands[0]?.toLowerCase();
  if (mode === 'edit' || long.has('edit') || options.short.has('e')) return { action: 'edit', key: '', value: null };
  if (name === undefined) return null;
  if (mode === 'rename-section' || long.has('rename-section')) return { action: 'rename-section', key: name, value: null };
  if (mode === 'remove-section' || long.has('remove-section')) return { action: 'remove-section', key: name, value: null };
  if (mode === 'unset' || long.has('unset') || long.has('unset-all')) return { action: 'unset', key: name, value: null };
  // `git config NAME` with no value reads the setting.
  if (operands.length < 2) return null;
  return { action: 'set', key: name, value: operands[1]! };
}

/**
 * Returns the lower-cased keys a command sets without writing a file:
 * `git -c KEY=VALUE`, `--config-env`, and the `GIT_CONFIG_KEY_<n>` and
 * `GIT_CONFIG_PARAMETERS` environment variables, which git passes on to hooks.
 * The variables count when set before the command or by `export`, which
 * keeps them for every later git call of the shell.
 */
export function configOverrides(git: GitInvocation | null, argv: readonly string[], env: SimpleCommand['env']): string[] {
  const keys = git ? git.config.map((c) => c.key) : [];
  const variables = [...env];
  if (argv[0] === 'export') {
    for (const arg of argv.slice(1)) {
      const eq = arg.indexOf('=');
      if (eq > 0) variables.push({ name: arg.slice(0, eq), value: arg.slice(eq + 1) });
    }
  }
  for (const { name, value } of variables) {
    if (/^GIT_CONFIG_KEY_\d+$/.test(name)) keys.push(value.toLowerCase());
    if (name === 'GIT_CONFIG_PARAMETERS') {
      for (const match of value.matchAll(/'([^'=]+)(?:'=|=)/g)) keys.push(match[1]!.toLowerCase());
    }
  }
  return keys;
}

/** Returns the section of a lower-cased config key: `diff-guardian` for `diff-guardian.node`. */
export function sectionOf(key: string): string {
  const dot = key.indexOf('.');
  return dot === -1 ? key : key.slice(0, dot);
}
