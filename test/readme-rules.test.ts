import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/repo.js';

/** Returns the detector rows (`| \`category/rule\` | ...`) of a Markdown text, by rule id. */
function ruleRows(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const match = /^\| `([a-z-]+\/[a-z-]+)` \|/.exec(line);
    if (match) rows.set(match[1]!, line);
  }
  return rows;
}

describe('README detector table', () => {
  it('matches rules --format markdown', () => {
    const generated = runCli(tempDir(), ['rules', '--format', 'markdown']);
    expect(generated.code).toBe(0);
    const expected = ruleRows(generated.stdout);
    const documented = ruleRows(readFileSync('README.md', 'utf8'));
    expect(expected.size).toBeGreaterThan(50);
    expect([...documented.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, row] of expected) expect(documented.get(id), id).toBe(row);
  });
});
