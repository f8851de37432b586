import { writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { stderr, stdout } from '../util/fd-output.js';
import { readAllStdin } from './stdin.js';

/** Streams and environment a command runs with; tests pass their own. */
export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  readStdin(): Promise<Buffer>;
}

export function processIO(): CliIO {
  return {
    // Read when a command needs it, so `--version` and `--help` work in a removed folder.
    get cwd(): string {
      return currentDirectory();
    },
    env: process.env,
    stdout,
    stderr,
    readStdin: readAllStdin,
  };
}

function currentDirectory(): string {
  try {
    return process.cwd();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read the current folder (${code}); it may have been removed, so cd to a repository and run the command again`);
  }
}

/** Colour only on a terminal, never with NO_COLOR set or `--no-color`. */
export function useColor(io: CliIO, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY);
}

/** Writes a report to `--output FILE` or to stdout. */
export function emit(io: CliIO, text: string, outputPath: string | undefined): void {
  if (!outputPath) {
    io.stdout.write(text);
    return;
  }
  try {
    writeFileSync(outputPath, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot write the report to ${outputPath} (${code}); check that its folder exists and is writable`);
  }
}
