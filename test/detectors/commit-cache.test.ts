import { describe, expect, it } from 'vitest';
import { clearCommitCaches, CommitCache } from '../../src/detectors/commit-cache.js';
import { addedTextOf } from '../../src/detectors/secrets/added-text.js';
import { scanTexts } from '../../src/detectors/secrets/scan-text.js';
import { changeFromUnifiedDiff } from '../helpers/change.js';

const DIFF = [
  'diff --git a/config.py b/config.py',
  '--- a/config.py',
  '+++ b/config.py',
  '@@ -1,2 +1,5 @@',
  ' import os',
  '+HOST = "db.internal"',
  '+PORT = 5432',
  ' DEBUG = False',
  '+NAME = "orders"',
  '',
].join('\n');

describe('CommitCache', () => {
  it('returns the value set for a key', () => {
    const cache = new CommitCache<object, string>();
    const key = {};
    cache.set(key, 'value');
    expect(cache.get(key)).toBe('value');
    expect(cache.get({})).toBeUndefined();
  });

  it('forgets every entry on clearCommitCaches', () => {
    const first = new CommitCache<object, number>();
    const second = new CommitCache<object, number>();
    const key = {};
    first.set(key, 1);
    second.set(key, 2);
    clearCommitCaches();
    expect(first.get(key)).toBeUndefined();
    expect(second.get(key)).toBeUndefined();
  });
});

describe('detector caches across clearCommitCaches', () => {
  it('rebuild equal values for the same commit', () => {
    const change = changeFromUnifiedDiff(DIFF);
    const lines = change.files[0]!.added;
    const before = addedTextOf(lines);
    expect(addedTextOf(lines)).toBe(before);
    clearCommitCaches();
    const after = addedTextOf(lines);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
  });

  it('keep scan text runs once built', () => {
    const change = changeFromUnifiedDiff(DIFF);
    const [text] = scanTexts(change, { message: false });
    expect(text!.path).toBe('config.py');
    expect(text!.runs).toBe(text!.runs);
    expect(text!.runs.map((run) => run.map((line) => line.line))).toEqual([[2, 3], [5]]);
    clearCommitCaches();
    const [again] = scanTexts(change, { message: false });
    expect(again).not.toBe(text);
    expect(again!.runs).toEqual(text!.runs);
  });
});
