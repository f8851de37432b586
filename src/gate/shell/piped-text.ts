// The text a command writes to a pipe when the command line alone decides
// it: `echo` and `printf` with literal words, and `cat` of a here-document
// or here-string. The gate runs nothing, so the output of any other program
// is unknown and returns undefined.
// NOTE: `cat FILE` is unknown here too, because the gate reads no script
// file, so `cat script.sh | sh` runs a script it has not judged.
import { baseName, stdinText, unwrapCommand, type SimpleCommand } from './parse.js';

// Piped text longer than this is cut, so a huge literal cannot stall the gate.
const MAX_TEXT = 64 * 1024;

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  e: '\x1b',
};

/** Returns the text `command` prints when its argv alone decides it, or undefined. */
export function literalOutput(
  command: Pick<SimpleCommand, 'argv' | 'env' | 'redirects' | 'pipedText'>,
): string | undefined {
  const { argv } = unwrapCommand(command);
  const name = baseName(argv[0] ?? '');
  // An expansion such as $VAR or $(…) stays as written in argv, so its value is unknown.
  if (argv.slice(1).some((arg) => arg.includes('$') || arg.includes('`'))) return undefined;
  let text: string | undefined;
  if (name === 'echo') text = echoOutput(argv.slice(1));
  else if (name === 'printf')
    text = argv.length > 1 ? printfOutput(argv[1]!, argv.slice(2)) : undefined;
  else if (name === 'cat' && argv.length === 1) text = stdinText(command);
  return text === undefined ? undefined : text.slice(0, MAX_TEXT);
}

function echoOutput(args: readonly string[]): string {
  let escapes = false;
  let newline = true;
  let i = 0;
  // echo reads options only while each word is a cluster of -n, -e and -E.
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i += 1) {
    for (const letter of args[i]!.slice(1)) {
      if (letter === 'n') newline = false;
      else escapes = letter === 'e';
    }
  }
  const body = args.slice(i).join(' ');
  return (escapes ? unescape(body) : body) + (newline ? '\n' : '');
}

/** Formats like the shell's printf for `%s`, `%b`, `%%` and backslash escapes. Other conversions print the argument as it is. */
function printfOutput(format: string, args: readonly string[]): string {
  let out = '';
  let next = 0;
  // printf reuses the format while arguments remain, and runs it once with none.
  do {
    const start = next;
    out += unescape(format).replace(/%(%|[-+ #0-9.]*[a-zA-Z])/g, (spec: string, kind: string) => {
      if (kind === '%') return '%';
      const value = args[next] ?? '';
      next += 1;
      return spec.endsWith('b') ? unescape(value) : value;
    });
    if (next === start) break;
  } while (next < args.length && out.length < MAX_TEXT);
  return out;
}

function unescape(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (whole: string, code: string) => {
    if (code.startsWith('x')) return String.fromCharCode(parseInt(code.slice(1), 16));
    if (code.startsWith('0')) return String.fromCharCode(parseInt(code, 8) || 0);
    return ESCAPES[code] ?? whole;
  });
}
