import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/fuzz.js';
import { readAhead } from '../../src/git/diff-source.js';

async function collect(chunks: Buffer[], limit = 1 << 20): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const buffer of readAhead(Readable.from(chunks, { objectMode: false }), limit)) out.push(buffer);
  return out;
}

describe('readAhead', () => {
  it('yields every byte in order, cut after newlines', async () => {
    const next = seededRandom(5);
    const random = (n: number): number => Math.floor(next() * n);
    for (let round = 0; round < 50; round += 1) {
      const chunks: Buffer[] = [];
      for (let i = random(20); i >= 0; i -= 1) {
        const bytes = Buffer.alloc(1 + random(random(2) === 0 ? 40 : 70_000), 0x61);
        for (let k = random(4); k > 0; k -= 1) bytes[random(bytes.length)] = 0x0a;
        chunks.push(bytes);
      }
      const out = await collect(chunks, 1 + random(200_000));
      expect(Buffer.concat(out).equals(Buffer.concat(chunks))).toBe(true);
      // Each buffer but the last ends at a newline, unless it has none (a part of a long line).
      for (const buffer of out.slice(0, -1)) expect(buffer.at(-1) === 0x0a || !buffer.includes(0x0a)).toBe(true);
    }
  });

  it('passes a long line on uncut', async () => {
    const chunks = [Buffer.from('a\nb'), ...Array.from({ length: 5 }, () => Buffer.alloc(300_000, 0x62)), Buffer.from('c\n')];
    const out = await collect(chunks);
    expect(Buffer.concat(out).equals(Buffer.concat(chunks))).toBe(true);
    expect(out[0]!.toString()).toBe('a\n');
  });

  it('yields the unterminated tail last', async () => {
    const out = await collect([Buffer.from('one\ntwo')]);
    expect(out.map((b) => b.toString())).toEqual(['one\n', 'two']);
  });
});
