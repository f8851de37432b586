// Reads shell commands out of added lines of shell scripts, Dockerfiles and CI
// pipelines. Quoted text is masked before commands are found, so `echo "chmod 777"`
// contains no chmod command, while the arguments are read from the unmasked text.
import { baseName, parseShell, unwrapCommand } from '../../gate/shell/parse.js';
import { isCiConfig, isDockerfile, isShellScript } from '../file-kind.js';
import type { DiffLine, FileChange } from '../../model/types.js';
import { isMakefile } from '../checks/ci-files.js';
import { CommitCache } from '../commit-cache.js';
import { continuedLines } from '../continued-lines.js';
import { codeLines, firstLineOf, type CodeLine } from './support.js';

export type CommandFileKind = 'shell' | 'dockerfile' | 'ci' | 'makefile';

/** One simple command: its name, its arguments with quotes removed, and the line it is on. */
export interface ShellCommand {
  name: string;
  args: string[];
  /** Words that came before the command name, such as `sudo` or `RUN`. */
  prefix: string[];
  line: CodeLine;
}

/** Returns the kind of command-bearing file, or null when the file contains no shell commands. */
export async function commandFileKind(file: FileChange): Promise<CommandFileKind | null> {
  if (file.newPath === null) return null;
  if (isDockerfile(file.path)) return 'dockerfile';
  if (isCiConfig(file.path)) return 'ci';
  if (isMakefile(file.path)) return 'makefile';
  return isShellScript(file.path, await firstLineOf(file)) ? 'shell' : null;
}

/**
 * Added (or given) lines of a command-bearing file, read as code. The file's
 * own `added` and `removed` lines are read with backslash-continued lines
 * joined into one (see continuedLines); other lines are read as they are.
 */
export function commandLines(file: FileChange, given: readonly DiffLine[] = file.added): Promise<readonly CodeLine[]> {
  // Several rules read the same file's added and removed lines, so those are read once per commit.
  if (given !== file.added && given !== file.removed) return readCommandLines(file, given);
  const cache = given === file.added ? addedCommandLines : removedCommandLines;
  let lines = cache.get(file);
  if (!lines) {
    lines = readCommandLines(file, given);
    cache.set(file, lines);
  }
  return lines;
}

const addedCommandLines = new CommitCache<FileChange, Promise<readonly CodeLine[]>>();
const removedCommandLines = new CommitCache<FileChange, Promise<readonly CodeLine[]>>();

async function readCommandLines(file: FileChange, given: readonly DiffLine[]): Promise<readonly CodeLine[]> {
  const kind = await commandFileKind(file);
  if (kind === null) return [];
  let lines = given;
  if (given === file.added) lines = (await continuedLines(file)).added;
  else if (given === file.removed) lines = (await continuedLines(file)).removed;
  // Every kind uses `#` comments; the first line decides only for extensionless scripts.
  return codeLines(file, lines, kind === 'shell' || kind === 'makefile' ? '#!/bin/sh' : undefined);
}

const SEPARATOR = /&&|\|\||[;|&()`]|\$\(/g;
// Words that may come before the command itself.
const LEAD_WORDS = new Set([
  'RUN',
  'run:',
  '-',
  'then',
  'do',
  'else',
  'exec',
  'time',
  '!',
  'command',
  'nohup',
  'env',
  '{',
]);

function unquote(word: string): string {
  return word.replace(/^['"]|['"]$/g, '');
}

/** Splits one code line into simple commands. */
export function commandsOf(line: CodeLine): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const bounds: number[] = [0];
  for (const match of line.masked.matchAll(SEPARATOR))
    bounds.push(match.index, match.index + match[0].length);
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
      if (
        !LEAD_WORDS.has(word) &&
        !isAssignment &&
        word !== 'sudo' &&
        !(prefix.at(-1) === 'sudo' && word.startsWith('-'))
      )
        break;
      prefix.push(words.shift()!);
    }
    if (words.length === 0) continue;
    commands.push({ name: unquote(words[0]!), args: words.slice(1).map(unquote), prefix, line });
  }
  return commands;
}

/** Names a command by its words, for comparing the commands of a change's old and new lines. */
export function commandKey(command: ShellCommand): string {
  return [command.name, ...command.args].join(' ');
}

/** A program that a line runs, as its argv after quote removal and wrappers such as `sudo`. */
export interface Program {
  /** The program's base name: `chmod` for `/bin/chmod`, `\\chmod` and `ch''mod`. */
  name: string;
  argv: string[];
}

// Words before a command that belong to the file format: a YAML list dash or key (`run:`),
// a Dockerfile `RUN`.
const FORMAT_WORD = /^(?:-|RUN|[A-Za-z_][\w.-]*:)$/;
// A Dockerfile exec form: `RUN ["chmod", "777", "/srv"]`.
const EXEC_FORM = /^\s*RUN\s+(\[.*\])\s*$/;

/**
 * Lists the programs a code line runs, read with a shell parser: quotes and
 * escapes are removed, wrappers (`sudo -u root`, `env`, `command`, `xargs`,
 * `nohup`) are stripped, and the commands of `sh -c '…'`, `$(…)` and
 * `find -exec … {} +` are included.
 */
export function programsOf(line: CodeLine): Program[] {
  const execForm = EXEC_FORM.exec(line.code)?.[1];
  if (execForm !== undefined) {
    const argv = parseExecForm(execForm);
    if (argv) return [{ name: baseName(argv[0] ?? ''), argv }];
  }
  return programsOfText(line.code, 0);
}

function programsOfText(text: string, depth: number): Program[] {
  const programs: Program[] = [];
  for (const command of parseShell(text)) {
    let start = 0;
    while (start < command.argv.length && FORMAT_WORD.test(command.argv[start]!)) start += 1;
    // A quoted YAML value, as in `run: "chmod 777 out"`, is one word holding the command.
    if (start > 0 && start === command.argv.length - 1 && /\s/.test(command.argv[start]!) && depth === 0) {
      programs.push(...programsOfText(command.argv[start]!, depth + 1));
      continue;
    }
    // A Makefile recipe may start with `@` (silent), `-` (ignore errors) or `+`.
    const words = command.argv.slice(start).map((word, i) => (i === 0 ? word.replace(/^[@+-]+(?=\w)/, '') : word));
    const { argv } = unwrapCommand({ argv: words, env: command.env });
    if (argv.length > 0) programs.push({ name: baseName(argv[0]!), argv });
  }
  return programs;
}

function parseExecForm(text: string): string[] | null {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((word) => typeof word === 'string') ? value : null;
  } catch {
    return null;
  }
}

/** A shell variable that a line sets, as `NAME=VALUE` with quotes removed. */
export interface Assignment {
  name: string;
  value: string;
}

const DECLARATION_WORDS = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);
const NAME_VALUE = /^([A-Za-z_]\w*)=(.*)$/s;
// A Dockerfile `ENV NAME=VALUE`, `ENV NAME VALUE` or `ARG NAME=VALUE` instruction.
const DOCKER_VARIABLE = /^\s*(?:ENV|ARG)\s+([A-Za-z_]\w*)(?:=|\s+)(\S+)\s*$/i;

/**
 * Lists the variables a code line assigns: plain assignments (`M=777`),
 * declarations (`export MODE=0777`) and Dockerfile `ENV`/`ARG` instructions.
 */
export function assignmentsOf(line: CodeLine): Assignment[] {
  const docker = DOCKER_VARIABLE.exec(line.code);
  if (docker) return [{ name: docker[1]!, value: docker[2]!.replace(/^(['"])(.*)\1$/, '$2') }];
  if (!line.code.includes('=')) return [];
  const found: Assignment[] = [];
  for (const command of parseShell(line.code)) {
    let start = 0;
    while (start < command.argv.length && FORMAT_WORD.test(command.argv[start]!)) start += 1;
    const words = command.argv.slice(start);
    // After `- run:` or `RUN` the parser reads `M=777` as a word, not as an assignment.
    let first = 0;
    for (; start > 0 && first < words.length && NAME_VALUE.test(words[first]!); first += 1) {
      const [, name, value] = NAME_VALUE.exec(words[first]!)!;
      found.push({ name: name!, value: value! });
    }
    if (words.length === 0) found.push(...command.env);
    if (!DECLARATION_WORDS.has(words[first] ?? '')) continue;
    for (const word of words.slice(first + 1)) {
      const parsed = NAME_VALUE.exec(word);
      if (parsed) found.push({ name: parsed[1]!, value: parsed[2]! });
    }
  }
  return found;
}
