import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { parseSimpleArgs } from './simple-args.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments, turning parse failures into UsageErrors that name the command. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T) {
  const simple = parseSimpleArgs(argv, options);
  if (simple) return simple as ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;
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

/**
 * Maximum time bound in seconds, about 24.8 days. Node's timers store the delay as a signed 32-bit
 * count of milliseconds and fire after 1 ms when given more.
 */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** Returns why a time bound in seconds is out of range, or null when a timer can hold it. */
export function timeoutProblem(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'give a number of seconds greater than 0';
  if (seconds > MAX_TIMEOUT_SECONDS) {
    return `give at most ${MAX_TIMEOUT_SECONDS} seconds (about 24 days), the longest delay a Node timer holds`;
  }
  return null;
}
