// Reads shell commands out of added lines of shell scripts, Dockerfiles and CI
// pipelines. Quoted text is masked before commands are found, so `echo "chmod 777"`
// holds no chmod command, while the arguments are read from the unmasked text.
import { isCiConfig, isDockerfile, isShellScript } from '../file-kind.js';
import type { DiffLine, FileChange } from '../../model/types.js';
import { codeLines, firstLineOf, type CodeLine } from './support.js';

export type CommandFileKind = 'shell' | 'dockerfile' | 'ci';

/** One simple command: its name, its arguments with quotes removed, and the line it is on. */
export interface ShellCommand {
  name: string;
  args: string[];
  /** Words that came before the command name, such as `sudo` or `RUN`. */
  prefix: string[];
  line: CodeLine;
}

/** Returns the kind of command-bearing file, or null when the file holds no shell commands. */
export async function commandFileKind(file: FileChange): Promise<CommandFileKind | null> {
  if (file.newPath === null) return null;
  if (isDockerfile(file.path)) return 'dockerfile';
  if (isCiConfig(file.path)) return 'ci';
  return isShellScript(file.path, await firstLineOf(file)) ? 'shell' : null;
}

/** Added (or given) lines of a command-bearing file, read as code. */
export async function commandLines(file: FileChange, lines: readonly DiffLine[] = file.added): Promise<CodeLine[]> {
  const kind = await commandFileKind(file);
  if (kind === null) return [];
  // Every kind uses `#` comments; the first line decides only for extensionless scripts.
  return codeLines(file, lines, kind === 'shell' ? '#!/bin/sh' : undefined);
}

const SEPARATOR = /&&|\|\||[;|&()`]|\$\(/g;
// Words that may come before the command itself.
const LEAD_WORDS = new Set(['RUN', 'run:', '-', 'then', 'do', 'else', 'exec', 'time', '!', 'command', 'nohup', 'env', '{']);

function unquote(word: string): string {
  return word.replace(/^['"]|['"]$/g, '');
}

/** Splits one code line into simple commands. */
export function commandsOf(line: CodeLine): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const bounds: number[] = [0];
  for (const match of line.masked.matchAll(SEPARATOR)) bounds.push(match.index, match.index + match[0].length);
  bounds.push(line.masked.length);
  for (let i = 0; i < bounds.length; i += 2) {
    const words = line.code
      .slice(bounds[i], bounds[i + 1])
      .split(/\s+/)
      .filter((word) => word !== '' && word !== '\\');
    const prefix: string[] = [];
    while (words.length > 0) {
      const word = words[0]!;
      const isAssignment = /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
      if (!LEAD_WORDS.has(word) && !isAssignment && word !== 'sudo' && !(prefix.at(-1) === 'sudo' && word.startsWith('-'))) break;
      prefix.push(words.shift()!);
    }
    if (words.length === 0) continue;
    commands.push({ name: unquote(words[0]!), args: words.slice(1).map(unquote), prefix, line });
  }
  return commands;
}
