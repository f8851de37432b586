import { describe, expect, it } from 'vitest';
import {
  credentialHints,
  credentialWordHints,
  findAssignments,
  mayLieInCredentialWord,
} from '../../../src/detectors/secrets/assignments.js';
import type { FileKind } from '../../../src/detectors/secrets/file-kind.js';
import type { DiffLine } from '../../../src/model/types.js';

// Pieces of minified and ordinary code: names with and without credential
// fragments, every operator, quotes, values, and characters that end a match.
const PIECES = [
  'password', 'apiKey', 'x.secret', 'TOKEN', 'path', 'keys', 'a', 'e.t', 'cfg["authToken"]', '$pw',
  ':', '=', '==', '===', ' = ', '=>', ':=', '<-', '<', '>', '??=', '||=',
  '"Qm9vb2xlYW4x"', "'vTz81kq'", '`pl41n`', 'bare-Value_42', '|', '-', '.', '[', ']',
  ',', ';', '(', ')', '{', '}', ' ', '\t', '+', '!', 'é', '/',
];

function randomLines(seed: number, count: number): DiffLine[] {
  let state = seed;
  const random = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const lines: DiffLine[] = [];
  for (let line = 1; line <= count; line += 1) {
    let text = '';
    const length = random(4) === 0 ? 2000 : 60;
    while (text.length < length) text += PIECES[random(PIECES.length)];
    lines.push({ line, text });
  }
  return lines;
}

describe('findAssignments with credential hints', () => {
  const kinds: FileKind[] = ['code', 'config', 'env', 'docs'];

  it('finds what a scan of every whole line finds', () => {
    let total = 0;
    for (let seed = 1; seed <= 40; seed += 1) {
      const run = randomLines(seed, 12);
      const kind = kinds[seed % kinds.length]!;
      const full = findAssignments(run, kind, { credentialNamesOnly: true });
      const hinted = findAssignments(run, kind, { credentialNamesOnly: true, hints: credentialHints(run) });
      expect(hinted, `seed ${seed}`).toEqual(full);
      total += full.length;
    }
    // The generated lines must contain enough assignments for the comparison to mean something.
    expect(total).toBeGreaterThan(40);
  });

  it('reads a value on the line after a hinted name', () => {
    const run: DiffLine[] = [
      { line: 1, text: 'const webhookSecret =' },
      { line: 2, text: "  'plain-words-value'" },
    ];
    const found = findAssignments(run, 'code', { credentialNamesOnly: true, hints: credentialHints(run) });
    expect(found.map((a) => [a.name, a.line, a.nameLine])).toEqual([['webhookSecret', 2, 1]]);
  });

  it('returns every offset where a hint starts', () => {
    const run = randomLines(99, 30);
    const hints = credentialHints(run);
    for (const line of run) {
      const starts: number[] = [];
      for (let i = 0; i < line.text.length; i += 1) {
        if (/^(?:pass|pwd|pw|secret|token|key|cred|auth|pat|bearer)/i.test(line.text.slice(i))) starts.push(i);
      }
      expect(hints.get(line) ?? [], line.text).toEqual(starts);
    }
  });

  it('returns offsets of every hint per line', () => {
    const run: DiffLine[] = [
      { line: 1, text: 'x = 1' },
      { line: 2, text: 'token: a, Password: b' },
    ];
    const hints = credentialHints(run);
    expect(hints.has(run[0]!)).toBe(false);
    expect(hints.get(run[1]!)).toEqual([0, 10]);
  });
});

describe('credentialWordHints', () => {
  // Names whose hints do and do not lie in a credential word, with operators, values and
  // characters that end a match.
  const WORD_PIECES = [
    ...PIECES,
    'tokens', 'author', 'PATh', 'passive', 'pwd', 'secretKey', 'Secrets', 'keyword', 'TOKENs',
    'credsFile', 'passcode', 'pat', 'xpat', 'patToken', 'authKey', 'tokenize', 'PASSWORD', 'Pwdx',
    'key1', 'pw2', 'my_path', 'signingkey', 'keyof', 'passwd', 'Credentials', 'bearer', 'auth',
  ];

  function wordLines(seed: number, count: number): DiffLine[] {
    let state = seed;
    const random = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const lines: DiffLine[] = [];
    for (let line = 1; line <= count; line += 1) {
      let text = '';
      while (text.length < 80) text += WORD_PIECES[random(WORD_PIECES.length)];
      lines.push({ line, text });
    }
    return lines;
  }

  it('finds what a scan of every whole line finds', () => {
    const kinds: FileKind[] = ['code', 'config', 'env', 'docs'];
    let total = 0;
    for (let seed = 1; seed <= 60; seed += 1) {
      const run = wordLines(seed, 12);
      const kind = kinds[seed % kinds.length]!;
      const full = findAssignments(run, kind, { credentialNamesOnly: true });
      const { hints } = credentialWordHints(run);
      const hinted = findAssignments(run, kind, { credentialNamesOnly: true, hints });
      expect(hinted, `seed ${seed}`).toEqual(full);
      total += full.length;
    }
    expect(total).toBeGreaterThan(60);
  });

  it('finds the same with hinted positions', () => {
    const kinds: FileKind[] = ['code', 'config', 'env', 'docs'];
    // Lines without any hint between hinted ones, some of them values for a name on the line before.
    const plain = ['x = 1', "  'plain-words-value'", '"Qm9vb2xlYW4x"', '}', ''];
    let total = 0;
    for (let seed = 1; seed <= 60; seed += 1) {
      const run = wordLines(seed, 12).flatMap((line, index) => [line, { line: 0, text: plain[(seed + index) % plain.length]! }]);
      run.forEach((line, index) => {
        line.line = index + 1;
      });
      const kind = kinds[seed % kinds.length]!;
      const full = findAssignments(run, kind, { credentialNamesOnly: true });
      const { hints, indexes } = credentialWordHints(run);
      const skipping = findAssignments(run, kind, { credentialNamesOnly: true, hints, positions: indexes });
      expect(skipping, `seed ${seed}`).toEqual(full);
      total += full.length;
    }
    expect(total).toBeGreaterThan(60);
  });

  it('keeps hints that may lie in a credential word', () => {
    const texts = [
      'pat', 'patToken', 'my_pat=', 'key', 'apiKey', 'apikey', 'KEYS', 'passwd', 'passphrase',
      'pwd', 'secretkey', 'credentials', 'creds', 'authKey', 'TOKEN_ID',
    ];
    for (const text of texts) {
      const offset = text.search(/pat|key|pass|pwd|secret|cred|auth|token/i);
      expect(mayLieInCredentialWord(text, offset), text).toBe(true);
    }
  });

  it('drops hints inside other words', () => {
    const words = [
      'path', 'pattern', 'keys', 'keyword', 'passive', 'secrets', 'tokens', 'tokenize', 'author',
      'key1', 'TOKENs',
    ];
    for (const text of words) expect(mayLieInCredentialWord(text, 0), text).toBe(false);
  });

  it('keeps a hint that ends a line cut at 1 MiB', () => {
    const text = `${'x'.repeat((1 << 20) - 3)}pathname`;
    expect(mayLieInCredentialWord(text, (1 << 20) - 3)).toBe(true);
    expect(mayLieInCredentialWord(text, 0)).toBe(false);
  });

  it('drops the lines left without hints', () => {
    const lines: DiffLine[] = [
      { line: 1, text: 'const path = join(dir, keys[0]);' },
      { line: 2, text: 'const token = "x", tokens = [];' },
    ];
    const { hints } = credentialWordHints(lines);
    expect(hints.has(lines[0]!)).toBe(false);
    expect(hints.get(lines[1]!)).toEqual([6]);
  });
});
