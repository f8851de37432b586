import { describe, expect, it } from 'vitest';
import { parseInlineSuppression } from '../../src/engine/suppress.js';

describe('inline suppression comments', () => {
  const found: Array<[string, string, { rule: string; reason: string }]> = [
    ['line comment', "const k = 'x'; // diff-guardian: allow secret/aws-access-key -- documented test key", { rule: 'secret/aws-access-key', reason: 'documented test key' }],
    ['block comment closer', '/* diff-guardian: allow secret -- fixture */', { rule: 'secret', reason: 'fixture' }],
    ['html comment closer', '<!-- diff-guardian: allow permission/* -- docs example -->', { rule: 'permission/*', reason: 'docs example' }],
    ['extra spaces', '#   diff-guardian:allow   secret   --    spaced   reason   ', { rule: 'secret', reason: 'spaced   reason' }],
    ['second marker valid', 'diff-guardian: later # diff-guardian: allow secret -- second', { rule: 'secret', reason: 'second' }],
  ];
  it.each(found)('reads %s', (_name, text, expected) => {
    expect(parseInlineSuppression(text)).toEqual(expected);
  });

  const ignored: Array<[string, string]> = [
    ['no reason', '// diff-guardian: allow secret --'],
    ['only a closer', '/* diff-guardian: allow secret -- */'],
    ['no separator', '// diff-guardian: allow secret because'],
    ['no marker', '// allow secret -- reason'],
  ];
  it.each(ignored)('ignores %s', (_name, text) => {
    expect(parseInlineSuppression(text)).toBeNull();
  });

  it('reads a long run of spaces in linear time', () => {
    // One regular expression with a lazy reason took minutes on this line.
    const text = `// diff-guardian: allow secret -- y${' '.repeat(200_000)}z`;
    expect(parseInlineSuppression(text)?.reason).toBe(`y${' '.repeat(200_000)}z`);
  });
});
