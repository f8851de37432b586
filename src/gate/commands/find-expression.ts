// Reads a `find` command line: its start folders, the tests that choose
// which files it acts on, and its actions. Only the tests that name a file
// (-name, -path and their kin), -type, -empty and the depth limits are kept. Any
// other test is read as true, so a file it would exclude still counts.
import { findExecCommands } from '../shell/parse.js';

export interface FindTest {
  kind: 'name' | 'path' | 'type' | 'empty';
  /** The pattern or type letters as written, empty for -empty. */
  value: string;
  nocase: boolean;
  /** Written after `!` or `-not`. */
  negated: boolean;
  /** Followed by `-prune`: matching folders are not entered. */
  pruned: boolean;
}

export interface FindExpression {
  /** Start folders as written, or `.` when none is given. */
  starts: string[];
  tests: FindTest[];
  /** True when the expression contains `-o`, so its tests count as alternatives. */
  either: boolean;
  maxDepth: number;
  minDepth: number;
  delete: boolean;
  /** True with -delete, -depth or -d, which visit a folder's entries first and make -prune do nothing. */
  depthFirst: boolean;
  /** Commands of `-exec`, `-execdir`, `-ok` and `-okdir`, with `{}` still in place. */
  execs: string[][];
  /** Files that `-fprint`, `-fprint0`, `-fprintf` and `-fls` write. */
  outputs: string[];
}

const NAME_TESTS: Record<string, { kind: 'name' | 'path'; nocase: boolean }> = {
  '-name': { kind: 'name', nocase: false },
  '-iname': { kind: 'name', nocase: true },
  '-path': { kind: 'path', nocase: false },
  '-ipath': { kind: 'path', nocase: true },
  '-wholename': { kind: 'path', nocase: false },
  '-iwholename': { kind: 'path', nocase: true },
};

// Tests and actions that take one value which is not a file name the gate reads.
const WITH_VALUE = new Set(
  (
    '-newer -anewer -cnewer -size -mtime -mmin -atime -amin -ctime -cmin -user -group -uid ' +
    '-gid -perm -regex -iregex -regextype -links -inum -samefile -printf -fstype -lname ' +
    '-ilname -used -context -xtype -files0-from'
  ).split(' '),
);
const EXEC_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** Reads the words after `find` (argv without wrappers), or returns null for another program. */
export function readFindExpression(argv: readonly string[]): FindExpression | null {
  if (argv.length === 0 || !/(?:^|\/)find$/.test(argv[0]!)) return null;
  const expression: FindExpression = {
    starts: [],
    tests: [],
    either: false,
    maxDepth: Infinity,
    minDepth: 0,
    delete: false,
    depthFirst: false,
    execs: findExecCommands(argv),
    outputs: [],
  };
  let i = 1;
  // Options before the start folders: -H, -L, -P, -D debugopts and -Olevel.
  for (; i < argv.length && /^-(?:[HLP]|D|O\d*)$/.test(argv[i]!); i += 1)
    if (argv[i] === '-D') i += 1;
  for (; i < argv.length && !/^[-(!),]/.test(argv[i]!); i += 1) expression.starts.push(argv[i]!);
  if (expression.starts.length === 0) expression.starts.push('.');
  let negated = false;
  for (; i < argv.length; i += 1) {
    const word = argv[i]!;
    const nameTest = NAME_TESTS[word];
    if (word === '!' || word === '-not') {
      negated = !negated;
      continue;
    }
    if (nameTest || word === '-type') {
      const test: FindTest = {
        ...(nameTest ?? { kind: 'type', nocase: false }),
        value: argv[i + 1] ?? '',
        negated,
        pruned: false,
      };
      i += 1;
      // `-path ./x -prune` (also with `-a` between) keeps find out of the folders that match.
      const after = argv[i + 1] === '-a' || argv[i + 1] === '-and' ? i + 2 : i + 1;
      if (argv[after] === '-prune') {
        test.pruned = true;
        i = after;
      }
      expression.tests.push(test);
    } else if (word === '-empty') {
      expression.tests.push({ kind: 'empty', value: '', nocase: false, negated, pruned: false });
    } else if (word === '-o' || word === '-or' || word === ',') {
      expression.either = true;
    } else if (word === '-maxdepth' || word === '-mindepth') {
      const depth = Number(argv[i + 1]);
      i += 1;
      if (Number.isSafeInteger(depth) && depth >= 0) {
        if (word === '-maxdepth') expression.maxDepth = depth;
        else expression.minDepth = depth;
      }
    } else if (word === '-delete') {
      expression.delete = true;
      expression.depthFirst = true;
    } else if (word === '-depth' || word === '-d') {
      expression.depthFirst = true;
    } else if (EXEC_ACTIONS.has(word)) {
      // Skip the command's words; findExecCommands has read them.
      let end = i + 1;
      while (
        end < argv.length &&
        argv[end] !== ';' &&
        !(argv[end] === '+' && argv[end - 1] === '{}')
      )
        end += 1;
      i = end;
    } else if (
      word === '-fprint' ||
      word === '-fprint0' ||
      word === '-fls' ||
      word === '-fprintf'
    ) {
      if (argv[i + 1] !== undefined) expression.outputs.push(argv[i + 1]!);
      i += word === '-fprintf' ? 2 : 1;
    } else if (WITH_VALUE.has(word)) {
      i += 1;
    }
    negated = false;
  }
  return expression;
}
