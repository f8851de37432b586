import { baseName } from '../shell/parse.js';

/** Options and operands of one command, read the way getopt-style tools read them. */
export interface ParsedOptions {
  /** Short option letters, from clusters such as `-fR` too. */
  short: Set<string>;
  /** Long options by name without dashes, with their attached or following value (true when none). */
  long: Map<string, string | true>;
  /** Values of short options that take one, by letter. */
  shortValues: Map<string, string[]>;
  operands: string[];
}

export interface OptionSpec {
  /** Short option letters that take a value, attached (`-mMSG`) or in the next word. */
  shortWithValue?: string;
  /** Long option names that take a value in the next word when none is attached with `=`. */
  longWithValue?: readonly string[];
  /** Short option letters whose value can only be attached, such as git's `-uno` and `-Skeyid`. */
  shortWithAttachedValue?: string;
}

/** Splits `args` (without the command name) into options and operands; `--` ends options. */
export function parseOptions(args: readonly string[], spec: OptionSpec = {}): ParsedOptions {
  const result: ParsedOptions = { short: new Set(), long: new Map(), shortValues: new Map(), operands: [] };
  const shortWithValue = spec.shortWithValue ?? '';
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') {
      result.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (eq !== -1) result.long.set(name, arg.slice(eq + 1));
      else if (spec.longWithValue?.includes(name) && i + 1 < args.length) result.long.set(name, args[++i]!);
      else result.long.set(name, true);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j += 1) {
        const letter = arg[j]!;
        result.short.add(letter);
        const attachedOnly = spec.shortWithAttachedValue?.includes(letter) ?? false;
        if (!shortWithValue.includes(letter) && !attachedOnly) continue;
        const value = j + 1 < arg.length ? arg.slice(j + 1) : attachedOnly ? '' : (args[++i] ?? '');
        result.shortValues.set(letter, [...(result.shortValues.get(letter) ?? []), value]);
        break;
      }
    } else {
      result.operands.push(arg);
    }
  }
  return result;
}

/**
 * True when `options` hold the long option `name`, also written as an
 * unambiguous prefix of at least `minLength` characters, as git accepts.
 */
export function hasLong(options: ParsedOptions, name: string, minLength = name.length): boolean {
  for (const key of options.long.keys()) {
    if (key === name || (key.length >= minLength && name.startsWith(key))) return true;
  }
  return false;
}

export interface GitInvocation {
  subcommand: string;
  args: string[];
  /** `-c key=value` settings given before the subcommand. */
  config: Array<{ key: string; value: string }>;
  /** Folders given with `-C`, in order. */
  directories: string[];
}

const GIT_GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix']);

/** Reads `git [global options] <subcommand> [args]`; returns null for any other program. */
export function gitInvocation(argv: readonly string[]): GitInvocation | null {
  if (baseName(argv[0] ?? '') !== 'git') return null;
  const config: GitInvocation['config'] = [];
  const directories: string[] = [];
  let i = 1;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const arg = argv[i]!;
    if (arg === '-C' && argv[i + 1] !== undefined) directories.push(argv[i + 1]!);
    const setting = arg === '-c' || arg === '--config-env' ? argv[i + 1] : arg.startsWith('--config-env=') ? arg.slice(13) : undefined;
    if (setting !== undefined) {
      const eq = setting.indexOf('=');
      const key = (eq === -1 ? setting : setting.slice(0, eq)).toLowerCase();
      // `--config-env` names an environment variable that contains the value, which the gate cannot read.
      const value = arg === '-c' ? (eq === -1 ? 'true' : setting.slice(eq + 1)) : `$${setting.slice(eq + 1)}`;
      config.push({ key, value });
    }
    i += GIT_GLOBAL_WITH_VALUE.has(arg) ? 2 : 1;
  }
  if (i >= argv.length) return null;
  return { subcommand: argv[i]!, args: argv.slice(i + 1), config, directories };
}
