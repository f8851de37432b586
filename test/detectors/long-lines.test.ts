import { describe, expect, it } from 'vitest';
import { lineWindows, WINDOW_OVERLAP, windowMatches, windowSource, windowStart } from '../../src/detectors/line-windows.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';

describe('lineWindows', () => {
  it('keeps a short line whole', () => {
    const line = { line: 3, text: 'chmod 777 /srv' };
    expect(lineWindows(line, 100)).toEqual([line]);
    expect(windowSource(line)).toBe(line);
  });

  it('cuts a long line into overlapping windows', () => {
    const text = 'x'.repeat(2500) + 'END';
    const line = { line: 7, text };
    const windows = lineWindows(line, 1000);
    // Windows start every 1000 - WINDOW_OVERLAP characters, and the last one reaches the end.
    const step = 1000 - WINDOW_OVERLAP;
    expect(windows.map((w) => w.text)).toEqual([0, 1, 2, 3, 4].map((i) => text.slice(i * step, i * step + 1000)));
    expect(windows.every((w) => w.line === 7)).toBe(true);
    expect(windows.at(-1)!.text.endsWith('END')).toBe(true);
    expect(windows.every((w) => windowSource(w) === line)).toBe(true);
  });
});

describe('windowMatches', () => {
  // Markers placed around the first window's end and all through the overlaps.
  const offsets = [0, 10, 1480, 1488, 1700, 1738, 1744, 1750, 1990, 1996, 2002, 2975, 2990, 3100, 4470, 4994];
  const marker = 'key=42';
  let text = '';
  for (const offset of offsets) text = text.padEnd(offset, '.') + marker;
  const line = { line: 4, text };

  it('finds each match once, at its offset in the whole line', () => {
    const found = windowMatches(line, 2000, /key=(\d+)/g);
    expect(found.map((match) => match.index)).toEqual(offsets);
    expect(found.every((match) => match[1] === '42')).toBe(true);
  });

  it('keeps the windows\' offsets', () => {
    const windows = lineWindows(line, 2000);
    expect(windows.map(windowStart)).toEqual([0, 1488, 2976, 4464]);
    expect(windowStart(line)).toBe(0);
  });

  it('reads matches from the text a reader returns', () => {
    const found = windowMatches(line, 2000, /KEY/g, (part) => part.toUpperCase());
    expect(found.map((match) => match.index)).toEqual(offsets);
  });

  it('reads every window of a huge line', () => {
    const pad = '.'.repeat(70_000);
    const huge = { line: 1, text: `key=1 ${pad} key=2 ${pad} key=3` };
    const found = windowMatches(huge, 2000, /key=(\d)/g);
    expect(found.map((match) => match[1])).toEqual(['1', '2', '3']);
    expect(found.map((match) => match.index)).toEqual([0, 70_007, 140_014]);
  });
});

describe('lineWindows on a huge line', () => {
  it('covers the line with overlapping windows', () => {
    const text = `chmod 777 /a ${'x'.repeat(70_000)} chmod 777 /b`;
    const windows = lineWindows({ line: 1, text }, 4000);
    const step = 4000 - WINDOW_OVERLAP;
    expect(windows).toHaveLength(Math.ceil((text.length - 4000) / step) + 1);
    expect(windows[0]!.text.startsWith('chmod 777 /a')).toBe(true);
    expect(windows.at(-1)!.text.endsWith('chmod 777 /b')).toBe(true);
    expect(windows.every((window) => window.line === 1)).toBe(true);
  });
});

// Rules that read one line at a time must still see a pattern at the end of a
// minified or generated line.
describe('rules on long lines', () => {
  const cases: Array<[string, string, string]> = [
    ['src/agent.js', `const https = require("https");${'var x=1;'.repeat(1300)}const agent = new https.Agent({ rejectUnauthorized: false });\n`, 'permission/tls-verification-disabled'],
    ['deploy.sh', `#!/bin/sh\n${'true;'.repeat(2100)} chmod 777 /srv/data\n`, 'permission/chmod-permissive'],
    ['test/app.test.js', `${' '.repeat(4800)}it.skip('adds', () => {});\n`, 'disabled-check/test-skipped'],
    ['src/app.ts', `export const table = [${'1, '.repeat(1600)}]; // eslint-disable-line\n`, 'disabled-check/suppression-added'],
    ['src/text.ts', `const x = '${'a'.repeat(3000)}'; // eslint-disable-line\n`, 'disabled-check/suppression-added'],
  ];
  const pad = 'a'.repeat(70_000);
  const middles: Array<[string, string, string]> = [
    ['setup.sh', `#!/bin/sh\n: ${pad}; chmod 777 /srv/data; : ${pad}\n`, 'permission/chmod-permissive'],
    ['a.test.js', `describe('x', () => { /* ${pad} */ it.skip('w', () => {}); /* ${pad} */ });\n`, 'disabled-check/test-skipped'],
  ];

  it.each(cases)('finds the rule at the end of %s', (path, content, rule) => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write(path, content).commit('add', { agent: true });
    const report = jsonOf(runCli(repo.dir, ['check', 'HEAD', '--format', 'json']));
    expect(report.findings.map((f) => f.ruleId)).toContain(rule);
  });

  it.each(middles)('finds the rule in the middle of %s', (path, content, rule) => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write(path, content).commit('add', { agent: true });
    const report = jsonOf(runCli(repo.dir, ['check', 'HEAD', '--format', 'json']));
    expect(report.findings.map((f) => f.ruleId)).toContain(rule);
    expect(report.verdict).toBe('block');
  });
});
