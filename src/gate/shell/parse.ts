import { tokenize, type RedirectOperator, type WordToken } from './lexer.js';
import { literalOutput } from './piped-text.js';

export interface Redirect {
  op: RedirectOperator;
  fd: number | null;
  /** The file or descriptor after the operator; for a here-document, its delimiter. */
  target: string;
  /** The body of a here-document. */
  body?: string;
}

/** The place a command was found: typed at the top level or nested inside another one. */
export type CommandOrigin = 'top' | 'substitution' | 'shell -c' | 'eval' | 'find -exec' | 'git alias';

export interface SimpleCommand {
  /** Variable assignments written before the command name, as in `HUSKY=0 git commit`. */
  env: Array<{ name: string; value: string }>;
  /** The command name and its arguments after quote removal. */
  argv: string[];
  redirects: Redirect[];
  /** Commands joined by `|` share a pipeline id; `stage` is the position in it. */
  pipeline: number;
  stage: number;
  origin: CommandOrigin;
  /** Substitutions in any word of the command, such as the `curl …` of `sh -c "$(curl …)"`. */
  substitutions: string[];
  /** The folder an earlier `cd` or `pushd` of the same command line moved to, as written; unset when none did. */
  dir?: string;
  /** The text the previous stage of the pipeline writes to this command's stdin, when its words decide it. */
  pipedText?: string;
}

// Reserved words that may start a simple command without being its name.
const PREFIX_WORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'time']);
// Words that introduce syntax whose remaining words are not a command line.
const SKIP_WORDS = new Set(['for', 'case', 'select', 'function', 'fi', 'done', 'esac', 'in']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'busybox']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Nested shells deeper than this are not parsed further. */
const MAX_DEPTH = 8;

interface ParseState {
  commands: SimpleCommand[];
  nextPipeline: number;
}

/**
 * Parses a command line into the simple commands it runs, in source order,
 * including the commands inside `$(…)`, backquotes, `<(…)`, `bash -c '…'`
 * and `eval '…'`. Control flow is flattened: every command that may run is
 * listed once.
 */
export function parseShell(source: string): SimpleCommand[] {
  const state: ParseState = { commands: [], nextPipeline: 0 };
  parseInto(source, 'top', 0, state);
  return state.commands;
}

function parseInto(source: string, origin: CommandOrigin, depth: number, state: ParseState): void {
  if (depth > MAX_DEPTH) return;
  const tokens = tokenize(source);
  let current = newCommand(origin, state.nextPipeline++, 0);
  const finish = (): void => {
    normalize(current);
    if (current.argv.length > 0 || current.redirects.length > 0 || current.env.length > 0) {
      state.commands.push(current);
      parseNested(current, depth, state);
    }
  };

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.type === 'word') {
      addWord(current, token);
    } else if (token.type === 'redirect') {
      const target = tokens[i + 1];
      if (target?.type === 'word') {
        const redirect: Redirect = { op: token.op, fd: token.fd, target: target.value };
        if (target.heredocBody !== undefined) redirect.body = target.heredocBody;
        current.redirects.push(redirect);
        current.substitutions.push(...target.substitutions);
        i += 1;
      }
    } else if (token.op === '|' || token.op === '|&') {
      finish();
      const piped = literalOutput(current);
      current = newCommand(origin, current.pipeline, current.stage + 1);
      if (piped !== undefined) current.pipedText = piped;
    } else {
      finish();
      current = newCommand(origin, state.nextPipeline++, 0);
    }
  }
  finish();
}

function newCommand(origin: CommandOrigin, pipeline: number, stage: number): SimpleCommand {
  return { env: [], argv: [], redirects: [], pipeline, stage, origin, substitutions: [] };
}

function addWord(command: SimpleCommand, token: WordToken): void {
  command.substitutions.push(...token.substitutions);
  // The shell reads `NAME="a b"` as an assignment too, because only the name and `=` must be unquoted.
  if (command.argv.length === 0 && ASSIGNMENT.test(token.raw)) {
    const eq = token.value.indexOf('=');
    command.env.push({ name: token.value.slice(0, eq).replace(/\+$/, ''), value: token.value.slice(eq + 1) });
    return;
  }
  if (command.argv.length === 0 && command.env.length === 0 && PREFIX_WORDS.has(token.value) && !token.quoted) return;
  command.argv.push(token.value);
}

/** Drops words of loop and case syntax, which are not a command to run. */
function normalize(command: SimpleCommand): void {
  if (command.argv.length > 0 && SKIP_WORDS.has(command.argv[0]!)) command.argv = [];
}

function parseNested(command: SimpleCommand, depth: number, state: ParseState): void {
  for (const inner of command.substitutions) parseInto(inner, 'substitution', depth + 1, state);
  const { argv } = unwrapCommand(command);
  const name = baseName(argv[0] ?? '');
  if (SHELLS.has(name)) {
    const script = shellScriptArgument(argv);
    if (script !== null) parseInto(script, 'shell -c', depth + 1, state);
    // With no script file (`bash`, `sh -s`), the shell runs the here-document or here-string it reads.
    else if (!argv.slice(baseName(argv[0] ?? '') === 'busybox' ? 2 : 1).some((arg) => !arg.startsWith('-'))) {
      const stdin = stdinText(command);
      if (stdin !== undefined) parseInto(stdin, 'shell -c', depth + 1, state);
    }
  } else if (name === 'eval' && argv.length > 1) {
    parseInto(argv.slice(1).join(' '), 'eval', depth + 1, state);
  } else if (name === 'find') {
    for (const inner of findExecCommands(argv)) {
      const nested = newCommand('find -exec', state.nextPipeline++, 0);
      nested.argv = inner;
      state.commands.push(nested);
      parseNested(nested, depth + 1, state);
    }
  }
}

/**
 * Returns the text a command reads on stdin when the command line decides it:
 * a here-document or here-string, or else the literal text piped from the
 * previous stage, since a redirection replaces the pipe.
 */
export function stdinText(command: Pick<SimpleCommand, 'redirects' | 'pipedText'>): string | undefined {
  let text = command.pipedText;
  // The last redirection of stdin wins; a file's text is not known here.
  for (const redirect of command.redirects) {
    if (redirect.fd !== null && redirect.fd !== 0) continue;
    if (redirect.op === '<<' || redirect.op === '<<-') text = redirect.body;
    else if (redirect.op === '<<<') text = redirect.target;
    else if (redirect.op === '<' || redirect.op === '<>') text = undefined;
  }
  return text;
}

const FIND_EXEC_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/**
 * Returns the commands that `find` runs for its matches: the words after each
 * `-exec`, `-execdir`, `-ok` or `-okdir` up to the `;` or `+` that ends them.
 */
export function findExecCommands(argv: readonly string[]): string[][] {
  const commands: string[][] = [];
  for (let i = 1; i < argv.length; i += 1) {
    if (!FIND_EXEC_ACTIONS.has(argv[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < argv.length && argv[end] !== ';' && !(argv[end] === '+' && argv[end - 1] === '{}')) end += 1;
    if (end > start) commands.push(argv.slice(start, end));
    i = end;
  }
  return commands;
}

/** Returns the script of `sh -c SCRIPT` (also `-lc`, `-ec` and similar clusters), or null. */
export function shellScriptArgument(argv: readonly string[]): string | null {
  let i = 1;
  if (baseName(argv[0] ?? '') === 'busybox') i = 2;
  for (; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--' || !arg.startsWith('-')) return null;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(arg)) return argv[i + 1] ?? null;
    if (arg === '-o' || arg === '+o' || arg === '-O' || arg === '+O') i += 1;
  }
  return null;
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** A command with the wrappers that run another program stripped from its front. */
export interface UnwrappedCommand {
  argv: string[];
  /** Wrappers in the order written, such as `['sudo', 'env']`. */
  wrappers: string[];
  /** Assignments from the command's prefix and from an `env NAME=VALUE` wrapper. */
  env: Array<{ name: string; value: string }>;
}

// Options that take a separate value, per wrapper (from each tool's manual page).
const WRAPPER_VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-T', '-U', '--user', '--group', '--host', '--prompt', '--chdir']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '--unset', '--chdir']),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p', '--class', '--classdata']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e']),
  xargs: new Set(['-I', '-n', '-P', '-d', '-L', '-s', '-E', '-a']),
  exec: new Set(['-a']),
  nohup: new Set(),
  command: new Set(),
  builtin: new Set(),
  time: new Set(['-f', '-o']),
  chronic: new Set(),
};

/**
 * Strips wrappers such as `sudo -u root`, `env A=1`, `nohup`, `timeout 5`
 * and `xargs -n1` and returns the program they run with its arguments.
 */
export function unwrapCommand(command: Pick<SimpleCommand, 'argv' | 'env'>): UnwrappedCommand {
  const wrappers: string[] = [];
  const env = [...command.env];
  let argv = command.argv;
  for (let guard = 0; guard < 8 && argv.length > 0; guard += 1) {
    const name = baseName(argv[0]!);
    const valueOptions = WRAPPER_VALUE_OPTIONS[name];
    if (!valueOptions) break;
    if (name === 'command' && argv.some((a) => a === '-v' || a === '-V')) break;
    wrappers.push(name);
    let i = 1;
    while (i < argv.length) {
      const arg = argv[i]!;
      if (arg === '--') {
        i += 1;
        break;
      }
      if (name === 'env' && ASSIGNMENT.test(arg)) {
        const eq = arg.indexOf('=');
        env.push({ name: arg.slice(0, eq), value: arg.slice(eq + 1) });
        i += 1;
        continue;
      }
      if (!arg.startsWith('-') || arg === '-') break;
      i += valueOptions.has(arg) ? 2 : 1;
    }
    if (name === 'timeout' && i < argv.length) i += 1;
    argv = argv.slice(i);
  }
  return { argv: [...argv], wrappers, env };
}
