import type { DiffLine, FileChange } from '../../model/types.js';
import { lineWindows } from '../line-windows.js';

// Helpers shared by the disabled-check detectors. They tell the language of a
// path and whether it is a test file. They also split a source line into code
// and comment, so a directive inside a string literal is not taken for a real one.

export type Language = 'js' | 'python' | 'go' | 'rust' | 'java' | 'ruby' | 'shell';

const EXTENSIONS: Record<string, Language> = {
  js: 'js', jsx: 'js', mjs: 'js', cjs: 'js', ts: 'js', tsx: 'js', mts: 'js', cts: 'js', vue: 'js', svelte: 'js',
  py: 'python', pyi: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java', kt: 'java', kts: 'java', scala: 'java', groovy: 'java',
  rb: 'ruby', rake: 'ruby',
  sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell',
};

/**
 * Characters of a line that a line-level pattern reads at once, because longer
 * lines are minified or generated. Longer lines are read as overlapping
 * windows of this size (see lineWindows), by `newlyAdded` and by the rules
 * that walk `file.added` themselves.
 */
export const MAX_LINE = 2000;

/**
 * Returns a line's text for a finding's evidence: the whole trimmed line when
 * it has at most MAX_LINE characters, else the part around offset `index`.
 */
export function lineEvidence(text: string, index: number): string {
  if (text.length <= MAX_LINE) return text.trim();
  const from = Math.max(0, index - 40);
  const to = Math.min(text.length, index + 120);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`;
}

/** Returns the source language of a path, using the shebang when the name has no extension. */
export function languageOf(path: string, firstLine = ''): Language | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot > 0) return EXTENSIONS[name.slice(dot + 1).toLowerCase()] ?? null;
  if (name === 'Rakefile' || name === 'Gemfile') return 'ruby';
  if (!firstLine.startsWith('#!')) return null;
  const words = firstLine.slice(2, 200).trim().split(/\s+/);
  let interpreter = words[0]?.slice(words[0].lastIndexOf('/') + 1) ?? '';
  if (interpreter === 'env') interpreter = words.slice(1).find((word) => !word.startsWith('-')) ?? '';
  if (/^(?:ba|z|k|da)?sh$/.test(interpreter)) return 'shell';
  if (/^python[\d.]*$/.test(interpreter)) return 'python';
  if (/^(?:node|deno|bun)$/.test(interpreter)) return 'js';
  if (interpreter === 'ruby') return 'ruby';
  return null;
}

/**
 * Returns the language of a changed file. For a name without an extension the
 * shebang is read from the diff, or from the new content when the diff does
 * not show line 1.
 */
export async function languageOfFile(file: FileChange): Promise<Language | null> {
  const byName = languageOf(file.path);
  if (byName || /\.[^/]*$/.test(file.path)) return byName;
  let first: string | undefined;
  for (const hunk of file.hunks) {
    first ??= hunk.lines.find((line) => line.op !== '-' && line.newLine === 1)?.text;
  }
  if (first === undefined) {
    const content = file.newContent ? await file.newContent() : null;
    first = content?.slice(0, 200).split('\n', 1)[0] ?? '';
  }
  return languageOf(file.path, first);
}

const TEST_PATH =
  /(?:^|\/)(?:__tests__|__specs__|tests?|specs?|e2e|testing)\/|(?:^|\/)[^/]*(?:[._-](?:test|spec|e2e|cy)\.[a-z]+|_test\.(?:go|py|exs?)|Tests?\.(?:java|kt|scala|cs)|Spec\.(?:java|kt|groovy|scala)|_spec\.rb|IT\.java)$|(?:^|\/)test_[^/]*\.py$/;

/** Tests whether a path is a test file by the naming conventions of the common test runners. */
export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

/** The code and comment parts of one source line. */
export interface SplitLine {
  /** The line up to its comment, with the contents of string literals replaced by spaces. */
  code: string;
  /** Text of the comment on this line, from just after its opening marker, or null. */
  comment: string | null;
}

const LINE_COMMENT: Record<Language, readonly string[]> = {
  js: ['//', '/*'],
  go: ['//', '/*'],
  rust: ['//', '/*'],
  java: ['//', '/*'],
  python: ['#'],
  ruby: ['#'],
  shell: ['#'],
};

// Characters that open a string literal. Rust and Java use `'` for characters, lifetimes and generics.
const QUOTES: Record<Language, string> = { js: '"\'`', python: '"\'', go: '"`', rust: '"', java: '"', ruby: '"\'', shell: '"\'' };

/**
 * Splits a line into code and comment, skipping quoted strings. A line that
 * continues a block comment or a multi-line string opened on an earlier line
 * is read as code. Only the first `limit` characters are read.
 */
export function splitLine(text: string, language: Language, limit = MAX_LINE): SplitLine {
  const line = text.length > limit ? text.slice(0, limit) : text;
  const openers = LINE_COMMENT[language];
  const quotes = QUOTES[language];
  const shell = language === 'shell';
  // `code` grows by whole stretches: text copied as written from `verbatimFrom` on, and a run of
  // spaces for each string's contents, one per character and two per escape.
  let code = '';
  let verbatimFrom = 0;
  for (let i = 0; i < line.length; i += 1) {
    const unit = line.charCodeAt(i);
    // Every comment opener starts with `/` or `#`.
    if (unit === 0x2f || unit === 0x23) {
      const opener = openers.find((o) => line.startsWith(o, i));
      // In shell, `#` starts a comment only at a word boundary (`$#` and `a#b` are not comments).
      if (opener && !(shell && i > 0 && !/\s/.test(line[i - 1]!))) {
        return { code: code + line.slice(verbatimFrom, i), comment: line.slice(i + opener.length) };
      }
      continue;
    }
    if (!quotes.includes(line[i]!)) continue;
    let blanks = 0;
    let at = i + 1;
    for (; at < line.length; at += 1) {
      const inside = line.charCodeAt(at);
      if (inside === unit) break;
      if (inside === 0x5c && !shell) {
        blanks += 2;
        at += 1;
      } else {
        blanks += 1;
      }
    }
    code += line.slice(verbatimFrom, i + 1) + ' '.repeat(blanks);
    // An unclosed string runs to the end of the line. A closing quote is copied as written.
    verbatimFrom = Math.min(at, line.length);
    i = at;
  }
  return { code: code + line.slice(verbatimFrom), comment: null };
}

/**
 * Pairs added lines with equal removed lines of the same file, as a multiset,
 * and returns the added lines whose `keyOf` value was not already present in a
 * removed line. This keeps an edit that only touches a line carrying an old
 * marker (a renamed skipped test, a reflowed directive) from counting as new.
 * `lines` replaces the file's own lines, such as commands with continued
 * lines joined (see continuedLines). `mayHaveKey`, when given, names the
 * lines for which `keyOf` can return a key in some window; the others are
 * skipped without being cut into windows.
 */
export function newlyAdded<T>(
  file: FileChange,
  keyOf: (line: DiffLine) => T | null,
  keyString: (key: T) => string = String,
  lines: { added: readonly DiffLine[]; removed: readonly DiffLine[] } = file,
  mayHaveKey?: (line: DiffLine) => boolean,
): Array<{ line: DiffLine; key: T }> {
  const removed = new Map<string, number>();
  for (const { key } of keysOf(lines.removed, keyOf, keyString, mayHaveKey)) {
    const k = keyString(key);
    removed.set(k, (removed.get(k) ?? 0) + 1);
  }
  const result: Array<{ line: DiffLine; key: T }> = [];
  for (const found of keysOf(lines.added, keyOf, keyString, mayHaveKey)) {
    const k = keyString(found.key);
    const count = removed.get(k) ?? 0;
    if (count > 0) {
      removed.set(k, count - 1);
      continue;
    }
    result.push(found);
  }
  return result;
}

/**
 * Applies `keyOf` to each line, and to each window of a line over MAX_LINE
 * characters (see lineWindows), keeping each distinct key of a line once.
 */
function keysOf<T>(
  lines: readonly DiffLine[],
  keyOf: (line: DiffLine) => T | null,
  keyString: (key: T) => string,
  mayHaveKey: ((line: DiffLine) => boolean) | undefined,
): Array<{ line: DiffLine; key: T }> {
  const found: Array<{ line: DiffLine; key: T }> = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (mayHaveKey && !mayHaveKey(line)) continue;
    if (line.text.length <= MAX_LINE) {
      const key = keyOf(line);
      if (key !== null) found.push({ line, key });
      continue;
    }
    const seen = new Set<string>();
    for (const window of lineWindows(line, MAX_LINE)) {
      const key = keyOf(window);
      if (key === null || seen.has(keyString(key))) continue;
      seen.add(keyString(key));
      found.push({ line: window, key });
    }
  }
  return found;
}
