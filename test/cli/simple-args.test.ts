import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSimpleArgs } from '../../src/cli/simple-args.js';
import { seededRandom } from '../helpers/fuzz.js';

type Options = NonNullable<ParseArgsConfig['options']>;

// Option tables of the shapes the commands declare.
const TABLES: Record<string, Options> = {
  check: {
    staged: { type: 'boolean' },
    format: { type: 'string' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  withDefault: { mode: { type: 'string', default: 'fast' }, dry: { type: 'boolean', default: false } },
  withMultiple: { file: { type: 'string', multiple: true }, all: { type: 'boolean' } },
};

const TOKENS = [
  'pre-commit', 'HEAD', 'json', '', '-', '--', '-h', '-x', '--staged', '--staged=1', '--format', '--format=json',
  '--format=', '--format=-x', '--no-color', '--help', '--unknown', '--__proto__', '--constructor', '--mode',
  '--mode=slow', '--dry', '--file', '--file=a', '--all', '-ab', 'a=b', '--toString',
];

function nodeParse(argv: string[], options: Options): { values: object; positionals: string[] } | 'error' {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: { ...values }, positionals };
  } catch {
    return 'error';
  }
}

describe('simple argument parsing', () => {
  it.each([
    [['--staged'], { staged: true }, []],
    [['pre-commit'], {}, ['pre-commit']],
    [['--format', 'json', 'HEAD'], { format: 'json' }, ['HEAD']],
    [['--format=', '--staged', '--staged'], { format: '', staged: true }, []],
  ])('reads %j', (argv, values, positionals) => {
    const parsed = parseSimpleArgs(argv as string[], TABLES.check!);
    expect({ ...parsed!.values }).toEqual(values);
    expect(parsed!.positionals).toEqual(positionals);
  });

  it.each([[['--']], [['-h']], [['--format']], [['--format', '-x']], [['--staged=1']], [['--unknown']], [['--__proto__']], [['--toString']]])(
    'leaves %j to util.parseArgs',
    (argv) => {
      expect(parseSimpleArgs(argv as string[], TABLES.check!)).toBeNull();
    },
  );

  it('agrees with util.parseArgs on random lines', () => {
    const random = seededRandom(20261205);
    let read = 0;
    for (let round = 0; round < 4000; round++) {
      const [name, options] = Object.entries(TABLES)[round % 3]!;
      const argv = Array.from({ length: Math.floor(random() * 5) }, () => TOKENS[Math.floor(random() * TOKENS.length)]!);
      const simple = parseSimpleArgs(argv, options);
      if (simple === null) continue;
      read += 1;
      const expected = nodeParse(argv, options);
      expect(expected, `${name} ${JSON.stringify(argv)}`).not.toBe('error');
      expect({ values: { ...simple.values }, positionals: simple.positionals }, `${name} ${JSON.stringify(argv)}`).toEqual(expected);
    }
    // Most random lines fall outside the subset, so this checks that enough fall inside for the comparison to count.
    expect(read).toBeGreaterThan(300);
  });
});
