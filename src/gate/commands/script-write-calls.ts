// Finds which quoted paths an inline script writes when every writing call
// in it has a plain shape: a known function whose path arguments are string
// literals, such as open('out.txt', 'w'), writeFileSync('a', …),
// File.write('a', …), shutil.copy('src', 'dst') or unlink "a". A read of a
// protected file elsewhere in the script then does not count as a write.
// NOTE: a call whose path is a variable or an expression, or one that runs
// a command (system, exec, spawn), leaves the script undecided, and the
// caller then counts every quoted string in it.

import { argumentsAt, receiverOf } from './call-arguments.js';

// Calls by name, with the positions of the arguments they write: 0 for the
// first, 1 for the destination of a copy or link, both for a move.
const FIRST = (
  'writeFileSync writeFile appendFileSync appendFile createWriteStream unlinkSync unlink ' +
  'rmSync rm rmdir rmdirSync truncateSync truncate file_put_contents remove removedirs rmtree ' +
  'delete write write_text write_bytes touch chmod chmodSync mkdir makedirs'
).split(' ');
const SECOND = (
  'copyFileSync copyFile cpSync cp copy copy2 copyfile copytree symlink symlinkSync link ' +
  'linkSync ln_s install'
).split(' ');
const BOTH = ['renameSync', 'rename', 'move', 'mv', 'replace'];
const WRITTEN: Record<string, number[]> = Object.fromEntries([
  ...FIRST.map((name) => [name, [0]]),
  ...SECOND.map((name) => [name, [1]]),
  ...BOTH.map((name) => [name, [0, 1]]),
]);

// Methods of an open file or stream: the file they write was named where it was opened.
const STREAM_METHODS = new Set(['write', 'writelines', 'writeSync', 'end']);
// Receivers whose write methods take a path, unlike a stream's.
const PATH_MODULES = new Set([
  'File',
  'IO',
  'fs',
  'fsp',
  'promises',
  'os',
  'shutil',
  'FileUtils',
  'Files',
  'Deno',
]);
// Methods of a path object such as Path('a'), whose path is the receiver.
const PATH_METHODS = new Set([
  'write_text',
  'write_bytes',
  'unlink',
  'touch',
  'rename',
  'replace',
  'chmod',
  'rmdir',
  'mkdir',
]);
// Calls that write files or run commands, as script-targets.ts counts them.
const WRITING_NAME =
  /^(?:write\w*|append\w*|unlink\w*|remove\w*|rename\w*|replace|chmod\w*|copy\w*|cpSync|cp|move|mv|truncate\w*|symlink\w*|link\w*|ln_s|rm(?:Sync|dir\w*|_\w+|tree)?|delete|file_put_contents|fopen|open|createWriteStream|system|exec\w*|spawn\w*|popen|Popen|run|call|check_call|check_output|install|touch|mkdir|makedirs)$/;
const WORD = /[A-Za-z_$][\w$]*/g;
const LITERAL = /^(['"])([^'"\n]{1,4096})\1$/;

/**
 * Returns the literal paths a script's writing calls write, or null when
 * a writing call's shape or target is not plain.
 */
export function plainWriteTargets(script: string): string[] | null {
  const targets: string[] = [];
  for (const match of script.matchAll(WORD)) {
    const name = match[0];
    if (!WRITING_NAME.test(name)) continue;
    const start = match.index!;
    const after = /^[ \t]{0,20}(\(|[ \t](?=['"]))/.exec(
      script.slice(start + name.length, start + name.length + 24),
    );
    // A writing name that is not called with arguments, such as `unlink q(x)`, leaves the script undecided.
    if (!after) return null;
    const before = script.slice(Math.max(0, start - 200), start);
    const receiver = receiverOf(before);
    const args = argumentsAt(script, start + name.length + after[0].length, after[1] === '(');
    const written = writtenArguments(receiver, name, args, before);
    if (written === null) return null;
    for (const arg of written) {
      const literal = LITERAL.exec(arg.trim());
      if (!literal) return null;
      targets.push(literal[2]!.replace(/^\s*\+?(?:>>?|<)?\s*/, ''));
    }
  }
  return targets;
}

/** Returns the arguments a call writes, as written, or null when the call's shape is not known. */
function writtenArguments(
  receiver: string,
  name: string,
  args: string[],
  before: string,
): string[] | null {
  if (name === 'open' || name === 'fopen') return openTarget(args);
  const module = receiver.slice(0, -1).split('.').at(-1) ?? '';
  if (receiver.endsWith('.') && !PATH_MODULES.has(module) && STREAM_METHODS.has(name)) return [];
  if (receiver === ').' && PATH_METHODS.has(name)) {
    // Path('a').write_text(…): the path is the receiver's only argument.
    const path = /\bPath\(\s*((['"])[^'"\n]{1,4096}\2)\s*\)\.$/.exec(before);
    return path
      ? [path[1]!, ...(name === 'rename' || name === 'replace' ? args.slice(0, 1) : [])]
      : null;
  }
  const positions = WRITTEN[name];
  if (!positions || args.length === 0) return null;
  return positions.filter((i) => i < args.length).map((i) => args[i]!);
}

/** Returns the path an open() call writes: none for a read, null when unsure. */
function openTarget(args: string[]): string[] | null {
  const [first, second, third] = args.map((arg) => arg.trim());
  if (first === undefined) return null;
  const mode = args
    .slice(1)
    .map((arg) => arg.trim().replace(/^mode\s*=\s*/, ''))
    .find((arg) => LITERAL.test(arg));
  const modeText = mode === undefined ? '' : LITERAL.exec(mode)![2]!.trim();
  if (LITERAL.test(first)) {
    // open('a'), open('a', 'r') and open('a', 'rb') only read.
    return modeText === '' || /^[rbtU]+$/.test(modeText) ? [] : [first];
  }
  // perl's open(F, ">a"), open(my $f, '>', 'a') and the reads open(F, "a"), open(F, '<', 'a').
  if (second !== undefined && LITERAL.test(second) && !/^[rwaxbt+U]+$/.test(modeText)) {
    if (modeText.includes('|')) return null;
    if (!/^\+?[>]|^\+</.test(modeText)) return [];
    // A bare mode means the three-argument form, whose path is the third argument.
    if (!/^\+?(?:>>?|<)$/.test(modeText)) return [second];
    return third !== undefined ? [third] : null;
  }
  // A path in a variable: a read mode only reads, and anything else is undecided.
  return /^[rbtU]*$/.test(modeText) && mode !== undefined ? [] : null;
}
