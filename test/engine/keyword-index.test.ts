import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../../src/engine/keyword-index.js';

function randomText(alphabet: string, length: number, seed: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    text += alphabet[state % alphabet.length];
  }
  return text;
}

describe('KeywordIndex', () => {
  it('finds overlapping and nested keywords', () => {
    const index = new KeywordIndex(['ignore', 'biome-ignore', 'xa', 'ab', 'b', '||']);
    expect([...index.find('a biome-ignore; xab || z')].sort()).toEqual(['ab', 'b', 'biome-ignore', 'ignore', 'xa', '||'].sort());
  });

  it('finds nothing in unrelated text', () => {
    expect(new KeywordIndex(['secret', 'token']).find('plain words only').size).toBe(0);
  });

  it('matches includes() on random text', () => {
    const keywords = ['ab', 'abc', 'bca', 'cab', 'aa', 'abcab', 'c c', 'é', 'bé'];
    const index = new KeywordIndex(keywords);
    for (let seed = 1; seed <= 50; seed += 1) {
      const text = randomText('abc é', 40, seed);
      const expected = keywords.filter((k) => text.includes(k)).sort();
      expect([...index.find(text)].sort()).toEqual(expected);
    }
  });

  it('resets at characters outside ASCII', () => {
    const index = new KeywordIndex(['key']);
    expect(index.find('k\u00e9ey').size).toBe(0);
    expect(index.find('\u00e9key').has('key')).toBe(true);
  });
  it('ignores case as toLowerCase() does', () => {
    const index = new KeywordIndex(['key', 'ij', 'secret']);
    expect([...index.find('SECRET')]).toEqual(['secret']);
    // The Kelvin sign lower-cases to "k", and U+0130 to "i" with a combining dot.
    expect(index.find('\u212aEY').has('key')).toBe(true);
    expect(index.find('\u0130J').has('ij')).toBe(false);
    expect(index.find('\u0130').size).toBe(0);
  });

  it('scans several texts as one joined text', () => {
    const keywords = ['ab', 'b\nc', 'ca', 'k', 'i', 'bk', '\nab'];
    const index = new KeywordIndex(keywords);
    for (let seed = 1; seed <= 50; seed += 1) {
      const texts = [0, 1, 2].map((part) => randomText('abcAB\u212a\u0130 ', 12, seed * 3 + part));
      const joined = texts.join('\n').toLowerCase();
      const scan = index.scan();
      for (const text of texts) scan.add(text);
      expect([...scan.found()].sort()).toEqual(keywords.filter((k) => joined.includes(k)).sort());
    }
  });
});
