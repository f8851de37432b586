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
});
