import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../helpers/fuzz.js';
import { splitLine, type Language } from '../../../src/detectors/checks/source-text.js';

// The rule splitLine follows, one character at a time, as the reference for the cases below.
const OPENERS: Record<Language, string[]> = { js: ['//', '/*'], go: ['//', '/*'], rust: ['//', '/*'], java: ['//', '/*'], python: ['#'], ruby: ['#'], shell: ['#'] };
const QUOTES: Record<Language, string> = { js: '"\'`', python: '"\'', go: '"`', rust: '"', java: '"', ruby: '"\'', shell: '"\'' };

function reference(line: string, language: Language): { code: string; comment: string | null } {
  let code = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && language !== 'shell') {
        code += '  ';
        i += 1;
      } else if (ch === quote) {
        code += ch;
        quote = null;
      } else {
        code += ' ';
      }
      continue;
    }
    const opener = OPENERS[language].find((o) => line.startsWith(o, i));
    if (opener && !(language === 'shell' && i > 0 && !/\s/.test(line[i - 1]!))) return { code, comment: line.slice(i + opener.length) };
    if (QUOTES[language].includes(ch)) quote = ch;
    code += ch;
  }
  return { code, comment: null };
}

describe('splitLine', () => {
  const cases: Array<[string, Language, { code: string; comment: string | null }]> = [
    ['const a = "x // y"; // note', 'js', { code: 'const a = "      "; ', comment: ' note' }],
    ["x = 'a\\'b' # eslint", 'python', { code: "x = '    ' ", comment: ' eslint' }],
    ['echo "$#" a#b # real', 'shell', { code: 'echo "  " a#b ', comment: ' real' }],
    ['echo \'a\\\' # x', 'shell', { code: "echo '  ' ", comment: ' x' }],
    ['s = "unclosed \\', 'js', { code: 's = "           ', comment: null }],
    ['#!/bin/sh', 'shell', { code: '', comment: '!/bin/sh' }],
    ['a / b /* c */', 'java', { code: 'a / b ', comment: ' c */' }],
    ['', 'go', { code: '', comment: null }],
  ];
  it.each(cases)('splits %j as %s', (line, language, expected) => {
    expect(splitLine(line, language)).toEqual(expected);
    expect(reference(line, language)).toEqual(expected);
  });

  it('matches the one-character-at-a-time rule', () => {
    const pieces = ['a', ' ', '"', "'", '`', '\\', '/', '//', '/*', '#', '$#', 'x#', '\t', 'é'];
    const languages: Language[] = ['js', 'python', 'go', 'rust', 'java', 'ruby', 'shell'];
    const next = seededRandom(3);
    const random = (n: number): number => Math.floor(next() * n);
    for (let i = 0; i < 3000; i += 1) {
      let line = '';
      const length = random(40);
      while (line.length < length) line += pieces[random(pieces.length)]!;
      const language = languages[random(languages.length)]!;
      expect(splitLine(line, language), `${language} ${JSON.stringify(line)}`).toEqual(reference(line, language));
    }
  });

  it('reads only the first `limit` characters', () => {
    expect(splitLine('abc // d', 'js', 3)).toEqual({ code: 'abc', comment: null });
  });
});
