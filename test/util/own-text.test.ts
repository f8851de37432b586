import { describe, expect, it } from 'vitest';
import { ownText } from '../../src/util/own-text.js';

describe('ownText', () => {
  it('copies every code unit', () => {
    const chunk = `prefix ${'x'.repeat(100)} caf\u00e9 \ud83d\ude00 lone \ud800 end`;
    for (const text of ['', 'a', chunk, chunk.slice(7, 60), chunk.slice(100)]) {
      expect(ownText(text)).toBe(text);
    }
  });
});
