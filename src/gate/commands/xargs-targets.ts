// Files that `xargs` makes a writing command change. The gate reads the
// names xargs gets when the command line decides them. Those are literal
// `echo` and `printf` output, a here-document, a list file (`-a FILE`,
// `< FILE` or `cat FILE |`) and the names a plain `ls` prints. After a
// `find`, they are the protected files it selects.
// NOTE: names printed by any other program (`git ls-files`, `grep -l`,
// `ls -l`) are unknown, so `git ls-files | xargs rm` is not judged here.
import type { Project } from '../project.js';
import { baseName, stdinText, unwrapCommand, type SimpleCommand } from '../shell/parse.js';
import { findMatches } from './find-targets.js';
import { readFindExpression } from './find-expression.js';
import { lsOutput, readList } from './listed-names.js';
import { runTargets } from './run-targets.js';
import type { WriteTarget } from './write-targets.js';

// This many names are used, so a huge list cannot stall the gate.
const MAX_NAMES = 1000;

interface XargsOptions {
  /** The string `-I` replaces with each name, or null when names are appended. */
  replace: string | null;
  delimiter: 'whitespace' | string;
  listFile?: string;
  /** The command xargs runs. */
  argv: string[];
}

// xargs options that take a value in the next word.
const WITH_VALUE = new Set(['-I', '-n', '-L', '-P', '-d', '-s', '-E', '-a']);

/** Reads the xargs options and command of argv, or returns null when argv does not run xargs. */
export function readXargs(argv: readonly string[]): XargsOptions | null {
  if (!unwrapCommand({ argv: [...argv], env: [] }).wrappers.includes('xargs')) return null;
  const start = argv.findIndex((word) => baseName(word) === 'xargs');
  const options: XargsOptions = { replace: null, delimiter: 'whitespace', argv: [] };
  let i = start + 1;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i += 1) {
    const word = argv[i]!;
    if (word === '--') {
      i += 1;
      break;
    }
    const eq = word.indexOf('=');
    const long = word.startsWith('--');
    // A value follows in the next word, after `=`, or attached to a short option (`-I{}`).
    let value: string | undefined;
    if (WITH_VALUE.has(word)) value = argv[++i];
    else if (eq > 0) value = word.slice(eq + 1);
    else if (!long && word.length > 2) value = word.slice(2);
    const letter = long ? word.slice(2, eq > 0 ? eq : undefined) : word[1];
    if (letter === 'I' || letter === 'replace') options.replace = value ?? '{}';
    else if (letter === 'i') options.replace = value ?? '{}';
    else if (letter === '0' || letter === 'null') options.delimiter = '\0';
    else if ((letter === 'd' || letter === 'delimiter') && value !== undefined)
      options.delimiter = value.replace(/^\\n$/, '\n');
    else if ((letter === 'a' || letter === 'arg-file') && value !== undefined)
      options.listFile = value;
  }
  options.argv = argv.slice(i);
  // xargs runs echo when no command is given.
  return options.argv.length > 0 ? options : null;
}

/** Lists the files `command` writes through xargs, given the stage that pipes into it. */
export function xargsTargets(
  command: SimpleCommand,
  previous: SimpleCommand | undefined,
  project: Project,
  configFiles: readonly string[],
): WriteTarget[] {
  const xargs = readXargs(command.argv);
  if (!xargs) return [];
  const names = inputNames(command, xargs, previous, project, configFiles).slice(0, MAX_NAMES);
  if (names.length === 0) return [];
  const runs =
    xargs.replace === null
      ? [[...xargs.argv, ...names]]
      : names.map((name) => xargs.argv.map((word) => word.replaceAll(xargs.replace!, name)));
  return runs.flatMap((argv) => runTargets(argv, command));
}

function inputNames(
  command: SimpleCommand,
  xargs: XargsOptions,
  previous: SimpleCommand | undefined,
  project: Project,
  configFiles: readonly string[],
): string[] {
  const split = (text: string): string[] =>
    (xargs.delimiter === 'whitespace' ? text.split(/\s+/) : text.split(xargs.delimiter)).filter(
      (name) => name !== '',
    );
  if (xargs.listFile !== undefined) return split(readList(xargs.listFile, command, project));
  const input = [...command.redirects]
    .reverse()
    .find((r) => (r.op === '<' || r.op === '<>') && (r.fd === null || r.fd === 0));
  if (input) return split(readList(input.target, command, project));
  const text = stdinText(command);
  if (text !== undefined) return split(text);
  if (!previous) return [];
  const producer = unwrapCommand(previous).argv;
  if (
    baseName(producer[0] ?? '') === 'cat' &&
    producer.length > 1 &&
    !producer.slice(1).some((arg) => arg.startsWith('-'))
  ) {
    return producer.slice(1).flatMap((file) => split(readList(file, previous, project)));
  }
  if (baseName(producer[0] ?? '') === 'ls')
    return split(lsOutput(producer.slice(1), previous.dir, project).join('\n'));
  const expression = readFindExpression(producer);
  // find prints every match, so the protected files it selects are among the names.
  return expression
    ? findMatches(expression, previous.dir, project, configFiles).map((place) => place.path)
    : [];
}
