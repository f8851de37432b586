// Files that an interpreter's inline script (`python -c`, `node -e`,
// `perl -e`, `ruby -e`, `php -r`, or a script given on stdin by a
// here-document, a here-string or a literal `echo`/`printf` pipe) may
// write. The gate does not run the script: when every writing call in it
// names a literal path (script-write-calls.ts), those paths are its
// targets. Otherwise, when its text calls something that writes, moves or
// removes files, every quoted string in it counts as a path it may write.
// The caller reports only such paths that are protected files, so a script
// that writes elsewhere passes.
// NOTE: a script read from a file or piped from another program, or one
// that builds a path from pieces, is not seen here. Pre-commit and the
// server still judge the commit that carries its result.
import { plainWriteTargets } from './script-write-calls.js';
import type { WriteTarget } from './write-targets.js';

/** Inline-script options by interpreter name (without a version suffix). */
const INLINE_OPTIONS: Record<string, readonly string[]> = {
  python: ['-c'],
  node: ['-e', '--eval', '-p', '--print'],
  nodejs: ['-e', '--eval', '-p', '--print'],
  bun: ['-e', '--eval', '-p', '--print'],
  perl: ['-e', '-E'],
  ruby: ['-e'],
  php: ['-r'],
};

// Calls and modes that write, move or remove files in these languages: open()
// with a write mode, write*/append*, unlink, rename, chmod, copy, shutil, file
// streams, FileUtils and perl's open with `>`. Calls that run a command
// (system, exec, spawn, popen, subprocess) count too, since the command can.
const WRITES =
  /\b(?:write\w*|append\w*|unlink\w*|remove\w*|rename\w*|replace|chmod\w*|copy\w*|cpSync|move|truncate\w*|symlink\w*|rm(?:Sync|dir\w*|_\w+)?|delete|shutil|FileUtils|file_put_contents|fopen|createWriteStream|system|exec\w*|spawn\w*|popen|Popen|subprocess|File\.(?:write|open|delete))\b|\bopen\s*\([^)]*?['"](?:[wax]|r\+)|\bopen\s*\(\s*(?:my\s+)?\$?\w+\s*,\s*['"]?\s*[>+]/;
// Quoted strings of up to 4,096 characters (longer ones are not paths), and
// perl's and ruby's quote operators: q(…), qq{…}, %q(…).
const QUOTED = /'([^'\n]{1,4096})'|"([^"\n]{1,4096})"|`([^`\n]{1,4096})`|(?:\bqq?|%[qQ]?)[({[<]([^)}\]>\n]{1,4096})[)}\]>]/g;

/** Returns the interpreter family of a program name such as `python3.12`, or null. */
function family(name: string): string | null {
  // A loop rather than /[\d.]+$/, which backtracks over a long run of digits.
  let end = name.length;
  while (end > 0 && '0123456789.'.includes(name[end - 1]!)) end -= 1;
  const base = name.slice(0, end);
  return base in INLINE_OPTIONS ? base : null;
}

/** Returns the scripts an interpreter runs: those given inline, and its stdin when it names no script file. */
function scriptsOf(options: readonly string[], args: readonly string[], stdin: string | undefined): string[] {
  const scripts: string[] = [];
  const namesScript = args.some((arg) => !arg.startsWith('-') || options.includes(arg));
  if (stdin !== undefined && (!namesScript || args.includes('-'))) scripts.push(stdin);

  // Letters of the inline-script options, which may end a cluster such as `-Ic` or `-we`.
  const letters = options.filter((option) => /^-[A-Za-z]$/.test(option)).map((option) => option[1]!);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const cluster = /^-[A-Za-z]+$/.test(arg) && letters.includes(arg.at(-1)!);
    if ((options.includes(arg) || cluster) && i + 1 < args.length) {
      i += 1;
      scripts.push(args[i]!);
    } else if (arg.startsWith('--') && options.some((option) => option.startsWith('--') && arg.startsWith(`${option}=`))) {
      scripts.push(arg.slice(arg.indexOf('=') + 1));
    }
  }
  return scripts;
}

/** Returns the quoted strings of a script that may be paths, with the words of those that may be command lines. */
function quotedPaths(script: string): string[] {
  const paths: string[] = [];
  for (const match of script.matchAll(QUOTED)) {
    // perl's two-argument open puts the mode before the name: ">file", "+<file".
    const text = (match[1] ?? match[2] ?? match[3] ?? match[4]!).replace(/^\s*\+?(?:>>?|<)?\s*/, '').trim();
    if (text === '') continue;
    if (!/\s/.test(text)) {
      paths.push(text);
      continue;
    }
    // A string with spaces may be a command line, as in os.system("rm .git/hooks/pre-commit").
    if (text.includes('/')) paths.push(text);
    for (const word of text.split(/\s+/)) {
      if (word.includes('/') || word.startsWith('.')) paths.push(word);
    }
  }
  return paths;
}

/**
 * Lists the quoted strings of an inline script that writes files, as targets it
 * may write. `stdin` is the text a here-document or here-string gives the
 * command, which is the script when no script file is named.
 */
export function scriptTargets(name: string, args: readonly string[], stdin?: string): WriteTarget[] {
  const kind = family(name);
  if (kind === null) return [];
  const writing = scriptsOf(INLINE_OPTIONS[kind]!, args, stdin).filter((script) => WRITES.test(script));
  // Where every writing call names its path as a literal, only those paths count.
  return writing.flatMap((script) => plainWriteTargets(script) ?? quotedPaths(script)).map((path): WriteTarget => ({ path, kind: 'script' }));
}
