// Names a command line gives xargs from the file system: the text of a list
// file, and the names a plain `ls` prints.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { resolveTarget, type Project } from '../project.js';
import type { SimpleCommand } from '../shell/parse.js';
import { globFiles } from './glob-files.js';

// List files are read this far, and a folder lists this many names, so a huge one cannot stall the gate.
const MAX_LIST_BYTES = 256 * 1024;
const MAX_NAMES = 1000;

/**
 * Returns the names a plain `ls ARGS` prints: each file operand as written,
 * and the entries of each folder operand (of the current folder with none).
 * A long or decorated listing, which prints more than names, returns none.
 */
export function lsOutput(
  args: readonly string[],
  dir: string | undefined,
  project: Project,
): string[] {
  const options = args.filter((arg) => arg.startsWith('-') && arg !== '-');
  const letters = options.join('');
  if (
    /[lgonsiFpQmxC]/.test(letters.replace(/^-+/, '')) ||
    options.some((option) => option.startsWith('--'))
  )
    return [];
  const hidden = /[aA]/.test(letters);
  const operands = args.filter((arg) => !options.includes(arg));
  const names: string[] = [];
  for (const operand of operands.length > 0 ? operands : ['.']) {
    const written =
      dir !== undefined && !posix.isAbsolute(operand) ? posix.join(dir, operand) : operand;
    const path = resolveTarget(written, project);
    // The shell expands a pattern before ls runs, so ls prints each match as written.
    if (/[*?[]/.test(operand)) {
      names.push(
        ...globFiles(path).map((match) =>
          posix.join(posix.dirname(operand), posix.basename(match)),
        ),
      );
      continue;
    }
    try {
      if (!statSync(path).isDirectory() || letters.includes('d')) names.push(operand);
      else
        names.push(
          ...readdirSync(path)
            .filter((name) => hidden || !name.startsWith('.'))
            .sort()
            .slice(0, MAX_NAMES),
        );
    } catch {
      // ls prints nothing on stdout for a path that does not exist.
    }
  }
  return names;
}

/** Returns the first part of a list file's text, or an empty text when it cannot be read. */
export function readList(file: string, command: SimpleCommand, project: Project): string {
  const written =
    command.dir !== undefined && !posix.isAbsolute(file) ? posix.join(command.dir, file) : file;
  try {
    return readFileSync(resolveTarget(written, project))
      .subarray(0, MAX_LIST_BYTES)
      .toString('utf8');
  } catch {
    return '';
  }
}
