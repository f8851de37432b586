// Helpers shared by the permission detectors: reading added lines as code
// (comments removed, string contents blanked), telling a new match from one
// that the same change only moved, and locating YAML nodes by line.
import { extensionOf, isCommentLineWith, lineCommentPrefixes } from '../file-kind.js';
import { lineWindows } from '../line-windows.js';
import type { DiffLine, FileChange } from '../../model/types.js';

/** Characters of a line that line rules read at once; longer lines are read in windows (see lineWindows). */
export const MAX_LINE_LENGTH = 4000;

/** Returns the file's first line when the change shows it, else reads it from the new content. */
export async function firstLineOf(file: FileChange): Promise<string | undefined> {
  const first = file.added.find((line) => line.line === 1);
  if (first) return first.text;
  if (file.status === 'added' || file.status === 'deleted') return undefined;
  // Only files without an extension are classified by their `#!` line, so others need no read.
  if (extensionOf(file.path) !== '') return undefined;
  const content = await file.newContent();
  return content === null ? undefined : content.slice(0, content.indexOf('\n') >>> 0);
}

/**
 * Tests a file's new content. When the change adds a whole text file, its added lines are that
 * content, so no blob is read. Those lines are joined with `\n`, without carriage returns or a
 * final newline, so `test` must not depend on either.
 */
export async function newContentMatches(
  file: FileChange,
  test: (text: string) => boolean,
): Promise<boolean> {
  if (file.status === 'added' && !file.binary && !file.skipped) {
    return test(file.added.map((line) => line.text).join('\n'));
  }
  const content = await file.newContent();
  return content !== null && test(content);
}

const DEFAULT_QUOTES = `'"\``;
const BACKSLASH = 0x5c;

/**
 * Replaces the contents of quoted strings with spaces, keeping the quotes, so
 * patterns meant for code do not match text inside string literals. Backslash
 * escapes are honoured; an unterminated quote blanks the rest of the line.
 * The result has the same length as `text`.
 */
export function maskStrings(text: string, quotes = DEFAULT_QUOTES): string {
  const nextQuote = quoteFinder(text, quotes);
  let open = nextQuote(0);
  if (open === -1) return text;
  const parts: string[] = [];
  let done = 0;
  while (open !== -1) {
    const quote = text.charCodeAt(open);
    let end = open + 1;
    while (end < text.length) {
      const char = text.charCodeAt(end);
      if (char === BACKSLASH && end + 1 < text.length) end += 2;
      else if (char === quote) break;
      else end += 1;
    }
    parts.push(text.slice(done, open + 1), ' '.repeat(end - open - 1));
    if (end >= text.length) return parts.join('');
    done = end;
    open = nextQuote(end + 1);
  }
  parts.push(text.slice(done));
  return parts.join('');
}

/**
 * Returns a function giving the index of the first quote character at or after
 * a position, or -1. Positions must not decrease between calls, so each quote
 * character's `indexOf` scan covers the text once.
 */
function quoteFinder(text: string, quotes: string): (from: number) => number {
  const next = Array.from(quotes, (quote) => text.indexOf(quote));
  return (from) => {
    let first = -1;
    for (let k = 0; k < quotes.length; k += 1) {
      if (next[k]! !== -1 && next[k]! < from) next[k] = text.indexOf(quotes[k]!, from);
      if (next[k]! !== -1 && (first === -1 || next[k]! < first)) first = next[k]!;
    }
    return first;
  };
}

/**
 * Cuts a trailing line comment that starts outside any string. A `#` only
 * starts a comment at the line start or after whitespace, as in shell.
 */
export function stripTrailingComment(text: string, prefixes: readonly string[]): string {
  // Masking only blanks characters, so a prefix absent from the raw text cannot start a comment.
  if (!prefixes.some((prefix) => text.includes(prefix))) return text;
  const masked = maskStrings(text);
  let cut = -1;
  for (const prefix of prefixes) {
    let at = masked.indexOf(prefix);
    while (at !== -1 && (cut === -1 || at < cut)) {
      if (prefix !== '#' || at === 0 || /\s/.test(masked[at - 1]!)) {
        cut = at;
        break;
      }
      at = masked.indexOf(prefix, at + 1);
    }
  }
  return cut === -1 ? text : text.slice(0, cut);
}

/** An added line read as code: comments removed, and a copy with string contents blanked. */
export interface CodeLine extends DiffLine {
  /** The line without a trailing comment. */
  code: string;
  /** `code` with the contents of string literals replaced by spaces. */
  masked: string;
}

/**
 * Reads lines as code for this file's type, dropping comment lines. A line over
 * MAX_LINE_LENGTH is read as overlapping windows (see lineWindows); only its
 * first window can be a comment line.
 */
export function codeLines(
  file: FileChange,
  lines: readonly DiffLine[],
  firstLine?: string,
): CodeLine[] {
  const prefixes = lineCommentPrefixes(file.path, firstLine);
  const result: CodeLine[] = [];
  for (const line of lines) {
    if (isCommentLineWith(line.text.slice(0, MAX_LINE_LENGTH), prefixes)) continue;
    for (const window of lineWindows(line, MAX_LINE_LENGTH)) {
      const code = stripTrailingComment(window.text, prefixes);
      result.push({ ...window, code, masked: maskStrings(code) });
    }
  }
  return result;
}

/**
 * Keeps the lines whose raw text matches `words`, with over-long lines read as
 * windows as `codeLines` reads them. Callers pass words that occur in every
 * line their rule can match, so the cheap test on the raw text runs before any
 * masking.
 */
export function linesMatching(lines: readonly DiffLine[], words: RegExp): DiffLine[] {
  return lines.flatMap((line) => lineWindows(line, MAX_LINE_LENGTH)).filter((line) => words.test(line.text));
}

/**
 * Counts signatures found on removed lines so a match on an added line that
 * only re-states a removed one (a moved or re-indented line) is not reported
 * as new. Each removed signature excuses one added match.
 */
export class RemovedMatches {
  private readonly counts = new Map<string, number>();

  add(signature: string): void {
    this.counts.set(signature, (this.counts.get(signature) ?? 0) + 1);
  }

  /** Returns true, consuming one count, when a removed line carried the same signature. */
  consume(signature: string): boolean {
    const count = this.counts.get(signature) ?? 0;
    if (count === 0) return false;
    this.counts.set(signature, count - 1);
    return true;
  }
}

/** Collapses runs of whitespace and trims, for comparing lines across re-indentation. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
