import { describe, expect, it } from 'vitest';
import { defineDetector } from '../../src/detectors/define.js';
import { scanCommit } from '../../src/engine/scan-commit.js';
import { defaultPolicy } from '../../src/packs/load.js';
import type { CommitChange } from '../../src/model/types.js';
import { changeOfFiles } from '../helpers/change.js';

const marker = defineDetector({
  meta: {
    id: 'permission/test-marker',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: 'Report every added line that contains the word "marked".',
    messages: { marked: 'The line is marked.' },
  },
  run({ commit, report }) {
    for (const file of commit.files) {
      for (const line of file.added) {
        if (line.text.includes('marked')) report({ messageId: 'marked', file: file.path, line: line.line, match: line.text });
      }
    }
  },
});

const allow = '// diff-guardian: allow permission/test-marker -- fixture';

/** Returns the line numbers of the suppressed findings, in order. */
async function suppressedLines(change: CommitChange): Promise<number[]> {
  const verdict = await scanCommit(change, { policy: defaultPolicy(), detectors: [marker] });
  return verdict.findings.filter((f) => f.suppressed).map((f) => f.line);
}

describe('inline suppression lookup', () => {
  it('finds the comment line in a long file', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? `marked ${i}${i % 21 === 0 ? ` ${allow}` : ''}` : `plain ${i}`));
    const change = changeOfFiles({ 'a.js': { old: 'head\n', new: `head\n${lines.join('\n')}\n` } });
    const expected = lines.flatMap((text, i) => (text.includes(allow) ? [i + 2] : []));
    expect(expected.length).toBeGreaterThan(10);
    expect(await suppressedLines(change)).toEqual(expected);
  });

  it('reads lines out of order', async () => {
    const change = changeOfFiles({ 'a.js': { old: 'x\n', new: `marked ${allow}\nmarked\nx\n` } });
    const file = change.files[0]!;
    file.added.reverse();
    expect(await suppressedLines(change)).toEqual([1]);
  });
});
