import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments, turning parse failures into UsageErrors that name the command. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${command}: ${message}; run \`diff-guardian ${command} --help\``);
  }
}

export function parseFormat(value: string | undefined): 'text' | 'json' | 'sarif' {
  const format = value ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`invalid --format ${JSON.stringify(format)}: use text, json or sarif`);
  }
  return format;
}
