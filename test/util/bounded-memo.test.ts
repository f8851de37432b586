import { describe, expect, it } from 'vitest';
import { memoizeBounded } from '../../src/util/bounded-memo.js';

describe('memoizeBounded', () => {
  it('computes each key once', () => {
    const calls: string[] = [];
    const lengthOf = memoizeBounded((key) => {
      calls.push(key);
      return key === 'none' ? null : key.length;
    }, 10);
    expect(lengthOf('abc')).toBe(3);
    expect(lengthOf('abc')).toBe(3);
    expect(lengthOf('none')).toBeNull();
    expect(lengthOf('none')).toBeNull();
    expect(calls).toEqual(['abc', 'none']);
  });

  it('empties the cache at its limit', () => {
    const calls: string[] = [];
    const same = memoizeBounded((key) => {
      calls.push(key);
      return key;
    }, 2);
    for (const key of ['a', 'b', 'c', 'a']) same(key);
    // 'c' found the cache full and emptied it, so 'a' is computed again.
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('stores the key that keyOf gives', () => {
    const stored: string[] = [];
    const upper = memoizeBounded(
      (key) => key.toUpperCase(),
      10,
      (key) => {
        stored.push(key);
        return key;
      },
    );
    upper('x');
    upper('x');
    expect(stored).toEqual(['x']);
  });
});
