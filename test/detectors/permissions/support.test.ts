import { describe, expect, it } from 'vitest';
import {
  linesMatching,
  maskStrings,
  stripTrailingComment,
} from '../../../src/detectors/permissions/support.js';

// Character-by-character definitions of masking and comment cutting. The shipped helpers
// work on slices for speed and must return exactly what these return.
function referenceMask(text: string, quotes = `'"\``): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\' && i + 1 < text.length) {
        out += '  ';
        i += 1;
      } else if (char === quote) {
        out += char;
        quote = '';
      } else {
        out += ' ';
      }
    } else {
      if (quotes.includes(char)) quote = char;
      out += char;
    }
  }
  return out;
}

function referenceStrip(text: string, prefixes: readonly string[]): string {
  const masked = referenceMask(text);
  for (let i = 0; i < masked.length; i += 1) {
    for (const prefix of prefixes) {
      if (!masked.startsWith(prefix, i)) continue;
      if (prefix === '#' && i > 0 && !/\s/.test(masked[i - 1]!)) continue;
      return text.slice(0, i);
    }
  }
  return text;
}

// A small alphabet dense in quotes, escapes and comment markers, with a non-BMP character.
const ALPHABET = ['a', ' ', '\t', "'", '"', '`', '\\', '/', '#', ';', '*', '=', '😀'];

/** Deterministic pseudo-random lines (a linear congruential generator), so failures reproduce. */
function randomLines(count: number, seed: number): string[] {
  let state = seed;
  const next = (limit: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % limit;
  };
  const lines: string[] = [];
  for (let n = 0; n < count; n += 1) {
    let line = '';
    const length = next(24);
    for (let i = 0; i < length; i += 1) line += ALPHABET[next(ALPHABET.length)];
    lines.push(line);
  }
  return lines;
}

describe('maskStrings', () => {
  const cases: Array<[string, string]> = [
    ['no quotes at all', 'no quotes at all'],
    [`a = 'b' + "c"`, `a = ' ' + " "`],
    [`x('it\\'s', y)`, `x('     ', y)`],
    [`open "unterminated`, `open "            `],
    ['`tpl ${x}` + 1', '`        ` + 1'],
    [`"a 'b' c" 'd "e"'`, `"       " '     '`],
    [`ends with escape "\\`, `ends with escape " `],
  ];
  for (const [input, expected] of cases) {
    it(`masks ${JSON.stringify(input)}`, () => {
      expect(maskStrings(input)).toBe(expected);
    });
  }

  it('matches the reference on random lines', () => {
    for (const line of randomLines(5000, 7)) {
      expect(maskStrings(line), JSON.stringify(line)).toBe(referenceMask(line));
    }
  });

  it('matches the reference with a custom quote set', () => {
    for (const line of randomLines(2000, 11)) {
      expect(maskStrings(line, '"'), JSON.stringify(line)).toBe(referenceMask(line, '"'));
    }
  });
});

describe('stripTrailingComment', () => {
  const prefixSets: Array<readonly string[]> = [[], ['#'], ['//'], ['//', '#'], ['#', ';'], ['#', '//']];

  it('cuts the comment outside strings', () => {
    expect(stripTrailingComment(`x = "a # b" # note`, ['#'])).toBe(`x = "a # b" `);
    expect(stripTrailingComment('url = http://x // note', ['//'])).toBe('url = http:');
    expect(stripTrailingComment('a#b', ['#'])).toBe('a#b');
    expect(stripTrailingComment('a; b # c', ['#', ';'])).toBe('a');
  });

  it('matches the reference on random lines', () => {
    const lines = randomLines(4000, 3);
    for (const prefixes of prefixSets) {
      for (const line of lines) {
        const label = `${JSON.stringify(line)} with ${prefixes.join(' ')}`;
        expect(stripTrailingComment(line, prefixes), label).toBe(referenceStrip(line, prefixes));
      }
    }
  });
});

describe('linesMatching', () => {
  it('keeps matching lines in order, reading long ones in windows', () => {
    const lines = [
      { line: 1, text: 'origin: true' },
      { line: 2, text: 'nothing here' },
      { line: 3, text: `${'x'.repeat(5000)} origin` },
      { line: 4, text: 'ORIGIN' },
    ];
    const found = linesMatching(lines, /origin/i);
    expect(found.map((line) => line.line)).toEqual([1, 3, 4]);
    // Only the window that contains the word is kept, so a rule reads at most MAX_LINE_LENGTH characters.
    expect(found[1]!.text.length).toBeLessThanOrEqual(4000);
    expect(found[1]!.text.endsWith(' origin')).toBe(true);
  });
});
