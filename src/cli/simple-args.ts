// Parses the common command lines (`check --staged`, `hook pre-commit`, `gate
// --protocol claude-code`) without node's util.parseArgs, whose module node
// compiles on first use (0.5 to 0.8 ms of a staged check). It reads positionals
// and declared long options (`--flag`, `--name=value`, `--name value` where the
// value does not start with `-`), as util.parseArgs does. Any other argument,
// such as `--`, a short option or an unknown name, makes it return null, so
// that util.parseArgs parses the line and words the error.
import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface SimpleParse {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses `argv` when it uses only the subset described above, else returns null. */
export function parseSimpleArgs(argv: readonly string[], options: Options): SimpleParse | null {
  const values: Record<string, string | boolean | undefined> = { __proto__: null } as unknown as Record<string, string | boolean | undefined>;
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') return null;
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    if (!Object.hasOwn(options, name)) return null;
    const option = options[name]!;
    if (option.multiple) return null;
    if (option.type === 'boolean') {
      if (equals >= 0) return null;
      values[name] = true;
    } else if (equals >= 0) {
      values[name] = arg.slice(equals + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return null;
      values[name] = next;
      i += 1;
    }
  }
  for (const [name, option] of Object.entries(options)) {
    if (option.default !== undefined && values[name] === undefined) {
      if (Array.isArray(option.default)) return null;
      values[name] = option.default;
    }
  }
  return { values, positionals };
}
