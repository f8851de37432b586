import { describe, expect, it } from 'vitest';
import { declareLineWords, linesWithWords } from '../../../src/detectors/permissions/line-words.js';
import { lineWindows } from '../../../src/detectors/line-windows.js';
import { MAX_LINE_LENGTH } from '../../../src/detectors/permissions/support.js';
import type { DiffLine } from '../../../src/model/types.js';

const lines: DiffLine[] = [
  { line: 1, text: 'const a = Zebra();' },
  { line: 2, text: 'nothing to see' },
  { line: 3, text: 'zebra and QUOKKA' },
  { line: 4, text: `${'x'.repeat(5000)} zebra` },
  { line: 5, text: 'quokka' },
];

describe('linesWithWords', () => {
  const zebra = declareLineWords(/zebra/i);
  const quokka = declareLineWords(/QUOKKA/);

  it('keeps lines with the words in order', () => {
    expect(linesWithWords(lines, zebra).map((line) => line.line)).toEqual([1, 3, 4]);
  });

  it('applies each rule its own case', () => {
    expect(linesWithWords(lines, quokka).map((line) => line.line)).toEqual([3]);
  });

  it('returns the same lines twice', () => {
    const first = linesWithWords(lines, zebra);
    const second = linesWithWords(lines, zebra);
    expect(second).toEqual(first);
  });

  it('sees words declared after a pass', () => {
    expect(linesWithWords(lines, zebra).map((line) => line.line)).toEqual([1, 3, 4]);
    const nothing = declareLineWords(/nothing/);
    expect(linesWithWords(lines, nothing).map((line) => line.line)).toEqual([2]);
  });

  it('rescans a list that grew', () => {
    const grown = [...lines];
    expect(linesWithWords(grown, zebra).map((line) => line.line)).toEqual([1, 3, 4]);
    grown.push({ line: 6, text: 'late zebra' });
    expect(linesWithWords(grown, zebra).map((line) => line.line)).toEqual([1, 3, 4, 6]);
  });

  it('rejects undeclared words', () => {
    expect(() => linesWithWords(lines, /zebra/i)).toThrow(/not declared/);
  });

  it('rejects flags and backreferences', () => {
    expect(() => declareLineWords(/zebra/g)).toThrow(/no flag but i/);
    expect(() => declareLineWords(/(a)\1/)).toThrow(/no backreference/);
  });
});

describe('linesWithWords on random lines', () => {
  // One rule of each kind of alternative: letters alone, a literal that starts the alternative
  // (tried as a sticky pattern at each hit), and a literal inside it (tried on the line).
  const rules = [
    declareLineWords(/origin(?!al)|gnu/),
    declareLineWords(/[mM]kdir|strict[-_]ssl/),
    declareLineWords(/chmod\s*\(|OpenFile/i),
  ];
  const pieces = ['origin', 'ORIGINAL', 'al', 'gnu', 'mkdir', 'Mkdir', 'kdir', 'strict', '-ssl', '_ssl', 'chmod', ' (', '(', 'openfile', 'x', ' ', 'é'];

  /** Returns a maker of seeded random lists of 1 to `maxLines` lines of up to `maxPieces` pieces each. */
  function linesMaker(seed: number, maxLines: number, maxPieces: number): () => DiffLine[] {
    let state = seed;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    return () =>
      Array.from({ length: 1 + Math.floor(random() * maxLines) }, (_, index) => ({
        line: index + 1,
        text: Array.from({ length: Math.floor(random() * maxPieces) }, () => pieces[Math.floor(random() * pieces.length)]).join(''),
      }));
  }

  it('keeps every window of long lines each rule matches', () => {
    const makeLines = linesMaker(23, 3, 4000);
    for (let round = 0; round < 20; round += 1) {
      const lines = makeLines();
      const windows = lines.flatMap((line) => lineWindows(line, MAX_LINE_LENGTH));
      for (const words of rules) {
        const expected = windows.filter((window) => words.test(window.text)).map((window) => window.text);
        expect(linesWithWords(lines, words).map((window) => window.text)).toEqual(expected);
      }
    }
  });

  it('keeps every line each rule matches', () => {
    const makeLines = linesMaker(17, 12, 8);
    for (let round = 0; round < 200; round += 1) {
      const lines = makeLines();
      for (const words of rules) {
        expect(linesWithWords(lines, words)).toEqual(lines.filter((line) => words.test(line.text)));
      }
    }
  });
});
