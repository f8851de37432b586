import { describe, expect, it } from 'vitest';
import { declareLineWords, linesWithWords } from '../../../src/detectors/permissions/line-words.js';
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
