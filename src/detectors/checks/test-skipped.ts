import type { DiffLine, FileChange } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { windowSource } from '../line-windows.js';
import { declareLiterals, literalHitsOf } from '../literal-scan.js';
import { addedTextOf, lineIndexAt } from '../secrets/added-text.js';
import { isTestPath, languageOfFile, MAX_LINE, newlyAdded, splitLine, type Language } from './source-text.js';

type Kind = 'suiteSkipped' | 'testSkipped' | 'testsFocused' | 'todoReplacesTest';

interface Marker {
  pattern: RegExp;
  kind: Kind;
  /** How to undo this marker, completing "To run it again, …". */
  undo: string;
}

// Vitest modifiers that may come between the test function and `.skip`, as in `it.concurrent.skip`.
const MODIFIERS = String.raw`(?:\s*\.\s*(?:concurrent|sequential|shuffle|fails))*`;

// Patterns run on the code part of a line (strings and comments blanked), so
// `'describe.skip'` in a string or a comment is not a marker.
const MARKERS: Partial<Record<Language, Marker[]>> = {
  js: [
    { pattern: new RegExp(`\\b(?:describe|context|suite)${MODIFIERS}\\s*\\.\\s*skip\\b`), kind: 'suiteSkipped', undo: 'remove `.skip`' },
    { pattern: new RegExp(`\\b(?:describe|context|suite)${MODIFIERS}\\s*\\.\\s*(?:skipIf|runIf)\\b`), kind: 'suiteSkipped', undo: 'remove the `.skipIf(…)` or `.runIf(…)` condition' },
    { pattern: /\bx(?:describe|context)\s*\(/, kind: 'suiteSkipped', undo: 'remove the `x` prefix' },
    { pattern: new RegExp(`\\b(?:it|test|specify|bench)${MODIFIERS}\\s*\\.\\s*skip\\b`), kind: 'testSkipped', undo: 'remove `.skip`' },
    { pattern: new RegExp(`\\b(?:it|test|specify|bench)${MODIFIERS}\\s*\\.\\s*(?:skipIf|runIf)\\b`), kind: 'testSkipped', undo: 'remove the `.skipIf(…)` or `.runIf(…)` condition' },
    { pattern: /\bx(?:it|test|specify)\s*\(/, kind: 'testSkipped', undo: 'remove the `x` prefix' },
    { pattern: /\bthis\s*\.\s*skip\s*\(/, kind: 'testSkipped', undo: 'remove the `this.skip()` call' },
    { pattern: new RegExp(`\\b(?:describe|context|suite|it|test|specify)${MODIFIERS}\\s*\\.\\s*only\\b`), kind: 'testsFocused', undo: 'remove `.only`' },
    { pattern: /\bf(?:it|describe|context)\s*\(/, kind: 'testsFocused', undo: 'remove the `f` prefix' },
    { pattern: /\b(?:it|test)\s*\.\s*todo\s*\(/, kind: 'todoReplacesTest', undo: 'restore the test body' },
    // node:test takes options before the test function: `test('x', { skip: true }, fn)`, and `t.skip()` inside it.
    { pattern: /\b(?:describe|suite|it|test)\s*\([^{}]*\{[^{}]*\b(?:skip|todo)\s*:[ \t]*(?![ \t]|false\b)/, kind: 'testSkipped', undo: 'remove the `skip` or `todo` option' },
    { pattern: /\bt\s*\.\s*(?:skip|todo)\s*\(/, kind: 'testSkipped', undo: 'remove the `t.skip()` or `t.todo()` call' },
  ],
  python: [
    { pattern: /^\s*pytestmark\s*=.*\bpytest\s*\.\s*mark\s*\.\s*(?:skip|skipif|xfail)\b/, kind: 'suiteSkipped', undo: 'remove the module-level mark' },
    { pattern: /@\s*pytest\s*\.\s*mark\s*\.\s*(?:skip|skipif|xfail)\b/, kind: 'testSkipped', undo: 'remove the decorator' },
    { pattern: /\bpytest\s*\.\s*(?:skip|xfail)\s*\(/, kind: 'testSkipped', undo: 'remove the call' },
    { pattern: /@\s*unittest\s*\.\s*(?:skip|skipIf|skipUnless|expectedFailure)\b/, kind: 'testSkipped', undo: 'remove the decorator' },
    { pattern: /\bself\s*\.\s*skipTest\s*\(/, kind: 'testSkipped', undo: 'remove the call' },
  ],
  go: [{ pattern: /\b[a-z]\w*\s*\.\s*Skip(?:f|Now)?\s*\(/, kind: 'testSkipped', undo: 'remove the `Skip` call' }],
  java: [{ pattern: /@(?:Disabled|Ignore)\b/, kind: 'testSkipped', undo: 'remove the annotation' }],
  ruby: [
    { pattern: /^\s*x(?:describe|context)\b/, kind: 'suiteSkipped', undo: 'remove the `x` prefix' },
    { pattern: /^\s*x(?:it|specify|example|scenario)\b/, kind: 'testSkipped', undo: 'remove the `x` prefix' },
    { pattern: /^\s*(?:skip|pending)\b/, kind: 'testSkipped', undo: 'remove the call' },
    { pattern: /^\s*(?:it|specify|example)\b.*\b(?:skip|pending):[ \t]*(?![ \t]|false\b)/, kind: 'testSkipped', undo: 'remove the metadata' },
    { pattern: /^\s*f(?:it|describe|context|specify)\b/, kind: 'testsFocused', undo: 'remove the `f` prefix' },
  ],
  rust: [{ pattern: /#\s*\[\s*ignore\b/, kind: 'testSkipped', undo: 'remove the attribute' }],
};

// Words of which every marker above has one in the line it is on, ignoring case. A line without
// any is not read further, and they are the detector's keywords too.
const MARKER_WORDS = [
  'skip', 'runif', 'only', 'todo', 'xit', 'xdescribe', 'xcontext', 'xtest', 'xspecify', 'xexample', 'xscenario',
  'xfail', 'fit', 'fdescribe', 'fcontext', 'fspecify', 'ignore', 'disabled', 'pending', 'expectedfailure',
];
const MARKER_LITERALS = declareLiterals(MARKER_WORDS);
const MARKER_WORD = new RegExp(MARKER_WORDS.join('|'), 'i');

/** Returns the lines that contain a marker word, found in the shared literal pass over their joined text. */
function linesWithMarkerWords(lines: readonly DiffLine[]): Set<DiffLine> {
  const joined = addedTextOf(lines);
  const found = new Set<DiffLine>();
  for (const start of literalHitsOf(joined, MARKER_LITERALS).starts) found.add(joined.lines[lineIndexAt(joined, start)]!);
  return found;
}

// A test header in any supported language, used to tell whether a `test.todo` replaced a test.
const TEST_HEADER = /^\s*(?:it|test)\s*\(/;

function markerOf(file: FileChange, language: Language, line: DiffLine, previous?: string): Marker | null {
  let code = codeOf(line.text, language);
  // A chain split over lines, as in `it\n  .skip(…)`, is read with the line before it. The marker
  // word must be in this line's code, so a marker on the line before is not reported again here.
  if (previous !== undefined && language === 'js' && /^\s*\./.test(code) && MARKER_WORD.test(code)) {
    code = `${codeOf(previous, language)} ${code}`;
  }
  return MARKERS[language]?.find((marker) => marker.pattern.test(code)) ?? null;
}

/**
 * Returns the code of a line with strings and comments blanked. A block
 * comment closed on the same line, as in `/* x *\/ it.skip(…)`, is skipped
 * and the code after it is read too. A string index such as `it['skip']`
 * is read as `it.skip`.
 */
function codeOf(text: string, language: Language): string {
  const line = text.slice(0, MAX_LINE);
  let rest = language === 'js' ? line.replace(/\[\s*(['"`])(\w+)\1\s*\]/g, '.$2') : line;
  let code = '';
  for (let guard = 0; guard < 16; guard += 1) {
    const split = splitLine(rest, language);
    code += split.code;
    const after = rest.slice(split.code.length);
    const close = after.startsWith('/*') ? after.indexOf('*/', 2) : -1;
    if (split.comment === null || close === -1) break;
    code += ' '.repeat(close + 2);
    rest = after.slice(close + 2);
  }
  return code;
}

export default defineDetector({
  meta: {
    id: 'disabled-check/test-skipped',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: 'Report tests that were skipped, focused with `.only`, or turned into a todo.',
    messages: {
      suiteSkipped: 'Test suite skipped: `{{evidence}}` stops every test in it from running. To run it again, {{undo}}.',
      testSkipped: 'Test skipped: `{{evidence}}` stops this test from running. To run it again, {{undo}}.',
      testsFocused: 'Tests focused: `{{evidence}}` runs only this block and skips every other test in the file. To run them all again, {{undo}}.',
      todoReplacesTest: 'Test replaced by a todo: `{{evidence}}` keeps the name but no longer runs any check. To run it again, {{undo}}.',
    },
  },
  keywords: MARKER_WORDS,
  appliesTo: (file) => file.newPath !== null && file.added.length > 0,
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null) continue;
      const language = await languageOfFile(file);
      if (!language || !MARKERS[language]) continue;
      if (!isTestPath(file.path) && language !== 'rust') continue;
      // A marker is reported on the line that contains its word, so a file without such an added line has none.
      const candidates = linesWithMarkerWords(file.added);
      if (candidates.size === 0) continue;
      for (const line of linesWithMarkerWords(file.removed)) candidates.add(line);
      const removedTest = file.removed.some((line) => TEST_HEADER.test(line.text));
      const previous = await previousLines(file, candidates);
      const keyOf = (line: DiffLine): Marker | null => {
        const source = windowSource(line);
        return candidates.has(source) ? markerOf(file, language, line, previous.get(source)) : null;
      };
      const added = newlyAdded(file, keyOf, (marker) => marker.pattern.source);
      for (const { line, key: marker } of added) {
        if (marker.kind === 'todoReplacesTest' && !removedTest) continue;
        const evidence = line.text.trim().slice(0, 120);
        context.report({
          messageId: marker.kind,
          data: { evidence, undo: marker.undo },
          file: file.path,
          line: line.line,
          match: `${marker.kind}:${line.text.trim()}`,
          evidence,
        });
      }
    }
  },
});

/** Maps each added line of `candidates` that continues a chain (`.skip(…)`) to the line before it in the new content. */
async function previousLines(file: FileChange, candidates: ReadonlySet<DiffLine>): Promise<Map<DiffLine, string>> {
  const previous = new Map<DiffLine, string>();
  const continued = file.added.filter((line) => candidates.has(line) && /^\s*\.\s*[A-Za-z]/.test(line.text) && line.line > 1);
  if (continued.length === 0) return previous;
  const content = await file.newContent();
  if (content === null) return previous;
  const lines = content.split('\n');
  for (const line of continued) previous.set(line, lines[line.line - 2] ?? '');
  return previous;
}
