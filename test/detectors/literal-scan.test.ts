import { describe, expect, it } from 'vitest';
import {
  addKeywordsOf,
  anchoredLineIndexes,
  declareAnchor,
  declareKeywords,
  declareLiterals,
  FOLDS_TO_ASCII,
  hasNonAscii,
  LiteralAutomaton,
  literalHitsOf,
  scanEachLiteral,
  literalRunsOf,
  NON_ASCII,
  topLevelAlternatives,
} from '../../src/detectors/literal-scan.js';
import { declareLineWords, linesWithWords } from '../../src/detectors/permissions/line-words.js';
import { joinAddedLines, lineIndexesMatching } from '../../src/detectors/secrets/added-text.js';
import { anchorHitsOf, CREDENTIAL_HINT_WORDS } from '../../src/detectors/secrets/anchor-scan.js';
import { PRESET_SOURCE, presetEntryOf } from '../../src/detectors/secrets/secretlint-anchors.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Returns every [literal, start] the automaton reports, sorted. */
function automatonHits(literals: string[], text: string): Array<[number, number]> {
  const hits: Array<[number, number]> = [];
  new LiteralAutomaton(literals).scan(text, (literal, start) => hits.push([literal, start]));
  return hits.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

/** Finds the same hits with one case-insensitive sticky pattern per literal and offset. */
function regexHits(literals: string[], text: string): Array<[number, number]> {
  const hits: Array<[number, number]> = [];
  const patterns = literals.map((literal) => new RegExp(escapeRegExp(literal), 'iy'));
  for (let start = 0; start < text.length; start += 1) {
    patterns.forEach((pattern, literal) => {
      pattern.lastIndex = start;
      if (pattern.test(text)) hits.push([literal, start]);
    });
  }
  return hits;
}

// Characters that case folding outside ASCII could confuse: the Kelvin sign and the long s
// upper-case to ASCII letters, and the dotted capital I lower-cases to two characters.
const TRICKY = ['\u212a', '\u017f', '\u0130', 'ß', 'é', '\0', '\n', '_', '-', '.', ':', '/'];

function randomText(alphabet: string[], length: number, seed: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += alphabet[state % alphabet.length];
  }
  return text;
}

describe('LiteralAutomaton', () => {
  it('finds overlapping literals in any ASCII case', () => {
    const literals = ['pw', 'pwd', 'key', 'monkey', 'ke'];
    const text = 'PWD = monKEY; pw:KE';
    expect(automatonHits(literals, text)).toEqual(regexHits(literals, text));
  });

  it('matches a regular expression with the i flag', () => {
    const literals = [...CREDENTIAL_HINT_WORDS, 'sk_live', '://', 'ghp_', 'ks', 'kelvin'];
    const alphabet = [...'pPaAsSwWdDkKeEyYtToOnNhHgG', ...TRICKY];
    for (let seed = 1; seed <= 20; seed += 1) {
      const text = randomText(alphabet, 400, seed);
      expect(automatonHits(literals, text), `seed ${seed}`).toEqual(regexHits(literals, text));
    }
  });

  it('matches no letter outside ASCII', () => {
    expect(automatonHits(['kelvin', 'ss'], '\u212aelvin \u017f\u017f ß')).toEqual([]);
  });

  it('rejects upper-case and non-ASCII literals', () => {
    expect(() => new LiteralAutomaton(['Key'])).toThrow(/lower-case printable ASCII/);
    expect(() => new LiteralAutomaton(['clé'])).toThrow(/lower-case printable ASCII/);
    expect(() => new LiteralAutomaton([''])).toThrow(/non-empty/);
  });
});

describe('literalRunsOf', () => {
  it('splits a source at top-level bars only', () => {
    expect(topLevelAlternatives('a|b(?:c|d)|[|]|e\\|f')).toEqual(['a', 'b(?:c|d)', '[|]', 'e\\|f']);
  });

  it('skips groups, classes and optional characters', () => {
    const runs = (source: string) => literalRunsOf(source).map((run) => [run.text, run.prefix]);
    expect(runs('[mM]kdir')).toEqual([['kdir', false]]);
    expect(runs('origin(?!al)')).toEqual([['origin', true]]);
    expect(runs('private.?key')).toEqual([['private', true], ['key', false]]);
    expect(runs('ab?c')).toEqual([['a', true], ['c', false]]);
    expect(runs('shp(?:pa|ca)_')).toEqual([['shp', true], ['_', false]]);
    expect(runs('sg\\.\\w')).toEqual([['sg.', true]]);
    expect(runs('\\bFoo\\s+bar')).toEqual([['foo', false], ['bar', false]]);
    expect(runs('x{0,2}y')).toEqual([['y', false]]);
  });
});

/** Searches for the anchors as the alternation of all of them did, trying every offset. */
function referenceAnchorHits(text: string): { hintOffsets: number[]; presetEntries: Set<number> } {
  const hint = new RegExp(CREDENTIAL_HINT_WORDS.join('|'), 'iy');
  const preset = new RegExp(PRESET_SOURCE, 'iy');
  const hintOffsets: number[] = [];
  const presetEntries = new Set<number>();
  for (let start = 0; start < text.length; start += 1) {
    hint.lastIndex = start;
    if (hint.test(text)) hintOffsets.push(start);
    preset.lastIndex = start;
    const match = preset.exec(text);
    if (match) presetEntries.add(presetEntryOf(match[0]));
  }
  return { hintOffsets, presetEntries };
}

describe('anchorHitsOf', () => {
  it('finds what the alternation of all anchors finds', () => {
    const words = [
      'PASSWORD', 'pwd', 'Secret', 'tokens', 'api_key', 'cred', 'Bearer', 'private-key', 'PRIVATE KEY',
      '_authToken', 'npm_', 'xoxb-', 'xoxz-', 'hooks.slack', 'T3BlbkFJ', 'sk-ant-', 'gsk_', 'hf_a', 'hf_1',
      'ntn_1', 'ntn_a', 'SG.x', 'sg.-', 'shpat_', 'shpxx_', 'sk_live', 'rk_test', 'ghp_', 'ghx_',
      'github_pat_', 'glpat-', 'glc_', 'glsa_', 'ops_ey', 'hvs.', 'hvx.', 'vcp_', 'vcx_', 'dapi0',
      'dapiz', 'dckr_pat_', 'figd_', 'cfut_', 'cfx_', 'tskey-', 'https://u:p@h', 'https://h/p',
    ];
    for (let seed = 1; seed <= 30; seed += 1) {
      const text = randomText([...words, ' ', '\n', 'x', ...TRICKY], 120, seed);
      const lines = text.split('\n').map((line, index) => ({ line: index + 1, text: line }));
      const added = joinAddedLines(lines);
      expect(anchorHitsOf(added), `seed ${seed}`).toEqual(referenceAnchorHits(added.text));
    }
  });
});

describe('linesWithWords with literal prefilter', () => {
  const words = declareLineWords(/[mM]kdir|origin(?!al)|strict[-_]ssl/);

  it('keeps every line the words match', () => {
    const texts = [
      'os.Mkdir(p, 0o777)',
      'fs.mkdirSync(p)',
      'ORIGIN = "*"',
      'original = 1',
      'strict_ssl=false',
      'strict ssl',
      'MKDIR',
      'nothing here',
    ];
    const lines = texts.map((text, index) => ({ line: index + 1, text }));
    const expected = lines.filter((line) => words.test(line.text)).map((line) => line.line);
    expect(linesWithWords(lines, words).map((line) => line.line)).toEqual(expected);
    expect(expected).toEqual([1, 2, 5]);
  });
});

describe('anchoredLineIndexes', () => {
  const patterns = [
    /eslint-disable|@ts-|biome-ignore/g,
    /noqa|ignore|pylint|nosec/gi,
    /AKIA|ASIA/g,
    /secret/gi,
    /:\/\/[^\s:/@'"`<>]{0,128}:[^\s@/'"`<>]{1,256}@/g,
    /gh[pousr]_/g,
  ];
  const pieces = [
    'eslint-disable', 'ESLINT-DISABLE', '@ts-', '@TS-', 'biome-ignore', 'NoQa', 'Ignore', 'nosec', 'AKIA',
    'akia', 'Asia', 'SECRET', 'secret', 'https://u:p@h', 'http://h/x', '://a:b', 'ghp_', 'GHP_', 'ghx_',
    ' ', '\n', 'x', ...TRICKY,
  ];

  it('finds the lines lineIndexesMatching finds', () => {
    for (const pattern of patterns) {
      const anchor = declareAnchor(pattern);
      expect(anchor, String(pattern)).not.toBeNull();
      for (let seed = 1; seed <= 20; seed += 1) {
        const text = randomText(pieces, 80, seed);
        const lines = text.split('\n').map((line, index) => ({ line: index + 1, text: line }));
        const added = joinAddedLines(lines);
        expect(anchoredLineIndexes(added, anchor!), `${pattern} seed ${seed}`).toEqual(
          lineIndexesMatching(added, pattern),
        );
      }
    }
  });

  it('declines patterns without a literal prefix', () => {
    expect(declareAnchor(/[\u202a-\u202e]/g)).toBeNull();
    expect(declareAnchor(/(?<![A-Z])AKIA/g)).toBeNull();
    expect(declareAnchor(/secret|\bkey/gi)).toBeNull();
  });
});

describe('LiteralAutomaton keyword presence', () => {
  const literals = ['pass', 'password', 'key', 'ey'];
  const keywords = ['key', 'token', 'wifi', 'to', 'k'];

  it('finds the keywords includes() finds and the same literal hits', () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['PassWord', 'TOKEN', 'tok', 'en', 'Key', 'ey', 'Ünïcode', 'x', ' ', '\n', 'wi', 'fi'];
    const automaton = new LiteralAutomaton(literals, keywords);
    const plain = new LiteralAutomaton(literals);
    for (let round = 0; round < 300; round += 1) {
      const text = Array.from({ length: Math.floor(random() * 20) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const withKeywords = { ids: [] as number[], starts: [] as number[] };
      const found = new Uint8Array(keywords.length);
      expect(automaton.scanWithKeywords(text, withKeywords.ids, withKeywords.starts, found) & FOLDS_TO_ASCII).toBe(0);
      const alone = { ids: [] as number[], starts: [] as number[] };
      plain.scanInto(text, alone.ids, alone.starts);
      expect(withKeywords).toEqual(alone);
      const lower = text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
      expect([...found]).toEqual(keywords.map((keyword) => (lower.includes(keyword) ? 1 : 0)));
    }
  });

  it('flags non-ASCII and folding characters', () => {
    const automaton = new LiteralAutomaton(literals, keywords);
    const found = new Uint8Array(keywords.length);
    expect(automaton.scanWithKeywords('\u212aey', [], [], found)).toBe(NON_ASCII | FOLDS_TO_ASCII);
    expect(automaton.scanWithKeywords('WIF\u0130', [], [], found)).toBe(NON_ASCII | FOLDS_TO_ASCII);
    expect(automaton.scanWithKeywords('Kéy', [], [], found)).toBe(NON_ASCII);
    expect(automaton.scanWithKeywords('Key', [], [], found)).toBe(0);
  });

  it('flags texts with non-ASCII', () => {
    declareLiterals(['needle']);
    const text = (...lines: string[]) => joinAddedLines(lines.map((line, index) => ({ line: index + 1, text: line })));
    // Short texts are searched literal by literal, longer ones with the automaton: both give the flag.
    for (const filler of ['', 'x'.repeat(8 * 1024)]) {
      expect(hasNonAscii(text(filler, 'plain ascii'))).toBe(false);
      expect(hasNonAscii(text(filler, 'naïve'))).toBe(true);
      expect(hasNonAscii(text(filler, 'zero\u200bwidth'))).toBe(true);
    }
  });

  it('rejects a keyword with upper case', () => {
    expect(() => new LiteralAutomaton(literals, ['Token'])).toThrow(/lower-case printable ASCII/);
  });
});

describe('addKeywordsOf', () => {
  const set = declareKeywords(['needle', 'keep', 'pad']);

  it('adds the keywords of short and long texts', () => {
    for (const filler of ['', ' '.repeat(20_000)]) {
      const added = joinAddedLines([{ line: 1, text: `a NEEDLE${filler}` }, { line: 2, text: 'x' }]);
      const found = new Set<string>();
      expect(addKeywordsOf(added, set, found)).toBe(true);
      expect([...found]).toEqual(['needle']);
    }
  });

  it('leaves text with the Kelvin sign to the caller', () => {
    const added = joinAddedLines([{ line: 1, text: '\u212aeep a needle' }]);
    const found = new Set<string>();
    expect(addKeywordsOf(added, set, found)).toBe(false);
    expect(found.size).toBe(0);
  });
});

describe('literalHitsOf on short and long texts', () => {
  // Short and long texts must give the hits of the automaton, in its order.
  const literals = ['pass', 'password', 'sword', 'word', 'key', 'ey', 'api_key', 'token'];
  const group = declareLiterals(literals);

  function expected(text: string): { starts: number[]; literals: number[] } {
    const hits: Array<[number, number]> = [];
    new LiteralAutomaton(literals).scan(text, (literal, start) => hits.push([literal, start]));
    const order = hits.map((_, i) => i).sort((a, b) => hits[a]![1] - hits[b]![1]);
    return { starts: order.map((i) => hits[i]![1]), literals: order.map((i) => hits[i]![0]) };
  }

  it('gives the automaton order on both paths', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['PassWord', 'sword', 'api_KEY', 'token', 'Ünïcode', 'x', ' ', '\n', 'keyey'];
    for (let round = 0; round < 200; round += 1) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Array.from({ length: Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join(''),
      );
      const short = joinAddedLines(lines.map((text, index) => ({ line: index + 1, text })));
      const long = joinAddedLines([...lines, ' '.repeat(20_000)].map((text, index) => ({ line: index + 1, text })));
      expect(literalHitsOf(short, group)).toEqual(expected(short.text));
      expect(literalHitsOf(long, group)).toEqual(expected(long.text));
    }
  });

  it('finds with indexOf what the automaton finds, in its order', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['PassWord', 'sword', 'api_KEY', 'token', 'Ünïcode', '\u212a', 'x', ' ', '\n', 'keyey', 'passwordpass'];
    const automaton = new LiteralAutomaton(literals);
    for (let round = 0; round < 500; round += 1) {
      const text = Array.from({ length: Math.floor(random() * 20) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const byAutomaton = { ids: [] as number[], starts: [] as number[] };
      automaton.scanInto(text, byAutomaton.ids, byAutomaton.starts);
      const byIndexOf = { ids: [] as number[], starts: [] as number[] };
      scanEachLiteral(literals, text, byIndexOf.ids, byIndexOf.starts);
      expect(byIndexOf).toEqual(byAutomaton);
    }
  });
});

describe('LiteralAutomaton on long texts', () => {
  // Texts of 2,048 characters or more are scanned in four parts side by side. These texts put
  // literals, keywords and characters outside ASCII at random places, also across the cuts.
  const literals = ['pass', 'password', 'sword', 'word', 'key', 'ey', 'api_key', 'token', 'aaaa', 'aa'];
  const keywords = ['wifi', 'token', 'zz', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'];
  const pieces = ['PassWord', 'sword', 'api_KEY', 'TOKEN', 'Ünïcode', '\u212a', '\u0130', 'x', ' ', '\n', 'keyey', 'wi', 'fi', 'z', 'a', 'AAA'];

  function randomLongText(random: () => number): string {
    const filler = 'x'.repeat(Math.floor(random() * 4000));
    const parts = Array.from({ length: 200 + Math.floor(random() * 1500) }, () => pieces[Math.floor(random() * pieces.length)]);
    return filler + parts.join('') + filler.slice(0, Math.floor(random() * 100));
  }

  it('finds what indexOf finds, in the order of one scan', () => {
    let seed = 13;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const automaton = new LiteralAutomaton(literals, keywords);
    for (let round = 0; round < 60; round += 1) {
      const text = randomLongText(random);
      const byAutomaton = { ids: [] as number[], starts: [] as number[] };
      const found = new Uint8Array(keywords.length);
      const flags = automaton.scanWithKeywords(text, byAutomaton.ids, byAutomaton.starts, found);
      const byIndexOf = { ids: [] as number[], starts: [] as number[] };
      scanEachLiteral(literals, text, byIndexOf.ids, byIndexOf.starts);
      expect(byAutomaton).toEqual(byIndexOf);
      const lower = text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
      expect([...found]).toEqual(keywords.map((keyword) => (lower.includes(keyword) ? 1 : 0)));
      let expectedFlags = 0;
      if (/[^\x00-\x7f]/.test(text)) expectedFlags |= NON_ASCII;
      if (/[\u212a\u0130]/.test(text)) expectedFlags |= FOLDS_TO_ASCII;
      expect(flags).toBe(expectedFlags);
    }
  });

  it('finds a literal that crosses each cut once', () => {
    const automaton = new LiteralAutomaton(['password']);
    for (let length = 2048; length < 2060; length += 1) {
      const quarter = length >> 2;
      for (const cut of [quarter, 2 * quarter, 3 * quarter]) {
        for (let shift = -8; shift <= 1; shift += 1) {
          const chars = Array.from({ length }, () => 'x');
          chars.splice(cut + shift, 8, ...'password');
          const text = chars.join('').slice(0, length);
          const hits = { ids: [] as number[], starts: [] as number[] };
          automaton.scanInto(text, hits.ids, hits.starts);
          expect(hits.starts).toEqual([text.indexOf('password')]);
        }
      }
    }
  });

  it('flags the Kelvin sign and U+0130 in any part', () => {
    const automaton = new LiteralAutomaton(['key']);
    for (const at of [0, 1000, 2500, 3999]) {
      for (const sign of ['\u212a', '\u0130']) {
        const text = 'x'.repeat(at) + sign + 'y'.repeat(4000 - at);
        expect(automaton.scanWithKeywords(text, [], [], new Uint8Array(0))).toBe(NON_ASCII | FOLDS_TO_ASCII);
      }
      expect(automaton.scanWithKeywords('x'.repeat(at) + 'é' + 'y'.repeat(4000 - at), [], [], new Uint8Array(0))).toBe(NON_ASCII);
    }
    expect(automaton.scanWithKeywords('x'.repeat(4000), [], [], new Uint8Array(0))).toBe(0);
  });
});
