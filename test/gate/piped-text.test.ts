import { describe, expect, it } from 'vitest';
import { fnmatch } from '../../src/gate/shell/fnmatch.js';
import { parseShell, stdinText } from '../../src/gate/shell/parse.js';
import { literalOutput } from '../../src/gate/shell/piped-text.js';
import { readFindExpression } from '../../src/gate/commands/find-expression.js';
import { withParameters } from '../../src/gate/commands/run-targets.js';

function outputOf(command: string): string | undefined {
  return literalOutput(parseShell(command)[0]!);
}

describe('literal piped output', () => {
  it.each([
    ['echo a b', 'a b\n'],
    ['echo -n a', 'a'],
    ["echo -e 'a\\nb'", 'a\nb\n'],
    ["echo 'a\\nb'", 'a\\nb\n'],
    ["printf '%s\\n' a b", 'a\nb\n'],
    ["printf 'x=%d;%%\\n' 5", 'x=5;%\n'],
    ["printf '%b' 'a\\tb'", 'a\tb'],
    ["printf 'no args\\n'", 'no args\n'],
    ["cat <<'EOF'\nrm x\nEOF", 'rm x'],
    ['cat <<< hi', 'hi'],
  ])('reads %s', (command, text) => {
    expect(outputOf(command)).toBe(text);
  });

  it.each(['echo "$CMD"', 'echo `date`', 'cat script.sh', 'ls', 'printf'])(
    'leaves %s unknown',
    (command) => {
      expect(outputOf(command)).toBeUndefined();
    },
  );

  it('gives the next pipeline stage its stdin', () => {
    const [, shell] = parseShell("echo 'rm x' | sh");
    expect(stdinText(shell!)).toBe('rm x\n');
  });

  it('lets a redirection replace the piped text', () => {
    const [, shell] = parseShell("echo 'rm x' | sh < other.sh");
    expect(stdinText(shell!)).toBeUndefined();
    const [, here] = parseShell("echo 'rm x' | sh <<< 'ls'");
    expect(stdinText(here!)).toBe('ls');
  });

  it('parses a literal script piped into a shell', () => {
    const commands = parseShell("printf 'rm a\\ntouch b\\n' | bash");
    expect(commands.map((c) => c.argv)).toEqual([
      ['printf', 'rm a\\ntouch b\\n'],
      ['bash'],
      ['rm', 'a'],
      ['touch', 'b'],
    ]);
  });
});

describe('find patterns', () => {
  it.each([
    ['*.sample', 'pre-commit.sample', true],
    ['pre-*', 'pre-commit', true],
    ['*ignore', '.gitleaksignore', true],
    ['*hooks*', './.git/hooks/pre-commit', true],
    ['./.git/*', './.git/hooks/pre-commit', true],
    ['pre-commit?', 'pre-commit', false],
    ['[!.]*', '.gitleaksignore', false],
    ['[a-c]x', 'bx', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
  ])('matches %s against %s: %s', (pattern, text, expected) => {
    expect(fnmatch(pattern, text, false)).toBe(expected);
  });

  it('ignores case for -iname', () => {
    expect(fnmatch('.GITLEAKS*', '.gitleaksignore', true)).toBe(true);
  });

  it('finishes on a pattern of many stars', () => {
    expect(fnmatch(`${'*a'.repeat(50)}b`, 'a'.repeat(5000), false)).toBe(false);
  });
});

describe('find expressions', () => {
  it('reads start folders, tests and actions', () => {
    const expression = readFindExpression([
      'find',
      '-L',
      '.git/hooks',
      'src',
      '!',
      '-name',
      '*.sample',
      '-type',
      'f',
      '-maxdepth',
      '1',
      '-exec',
      'rm',
      '{}',
      '+',
    ])!;
    expect(expression.starts).toEqual(['.git/hooks', 'src']);
    expect(expression.tests.map((t) => [t.kind, t.value, t.negated])).toEqual([
      ['name', '*.sample', true],
      ['type', 'f', false],
    ]);
    expect(expression.maxDepth).toBe(1);
    expect(expression.execs).toEqual([['rm', '{}']]);
    expect(expression.delete).toBe(false);
  });

  it('marks a pruned test and alternatives', () => {
    const expression = readFindExpression([
      'find',
      '-path',
      './.git',
      '-prune',
      '-o',
      '-name',
      '*.log',
      '-delete',
    ])!;
    expect(expression.starts).toEqual(['.']);
    expect(expression.tests.map((t) => t.pruned)).toEqual([true, false]);
    expect(expression.either).toBe(true);
    expect(expression.delete).toBe(true);
  });

  it('reads -empty and a depth-first walk', () => {
    const expression = readFindExpression(['find', '.', '-empty', '-delete'])!;
    expect(expression.tests.map((t) => t.kind)).toEqual(['empty']);
    expect(expression.depthFirst).toBe(true);
    expect(readFindExpression(['find', '.', '-depth', '-print'])!.depthFirst).toBe(true);
    expect(readFindExpression(['find', '.', '-print'])!.depthFirst).toBe(false);
  });

  it('reads the files -fprint writes', () => {
    expect(
      readFindExpression(['find', '.', '-fprintf', 'out.txt', '%p', '-fprint', 'b.txt'])!.outputs,
    ).toEqual(['out.txt', 'b.txt']);
  });
});

describe('shell positional parameters', () => {
  it('puts each parameter in as one word', () => {
    expect(withParameters('rm "$1" $2 ${1}', ['_', 'a b', "it's"])).toBe(
      `rm 'a b' 'it'\\''s' 'a b'`,
    );
  });

  it('expands $@ and $* to every parameter after $0', () => {
    expect(withParameters('cp /dev/null "$@"; wc $*', ['_', 'x', 'y'])).toBe(
      "cp /dev/null 'x' 'y'; wc 'x' 'y'",
    );
  });

  it('leaves a parameter with no value', () => {
    expect(withParameters('rm "$3"', ['_', 'x'])).toBe('rm "$3"');
  });
});
