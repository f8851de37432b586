// Helpers shared by the permission detectors: reading added lines as code
// (comments removed, string contents blanked), telling a new match from one
// that the same change only moved, and locating YAML nodes by line.
import { isCommentLine, lineCommentPrefixes } from '../file-kind.js';
import type { DiffLine, FileChange } from '../../model/types.js';

/** Lines longer than this (minified bundles, data blobs) are not read by line rules. */
export const MAX_LINE_LENGTH = 4000;

/** Returns the file's first line when the change shows it, else reads it from the new content. */
export async function firstLineOf(file: FileChange): Promise<string | undefined> {
  const first = file.added.find((line) => line.line === 1);
  if (first) return first.text;
  if (file.status === 'added' || file.status === 'deleted') return undefined;
  const content = await file.newContent();
  return content === null ? undefined : content.slice(0, content.indexOf('\n') >>> 0);
}

/**
 * Replaces the contents of quoted strings with spaces, keeping the quotes, so
 * patterns meant for code do not match text inside string literals. Backslash
 * escapes are honoured; an unterminated quote blanks the rest of the line.
 */
export function maskStrings(text: string, quotes = `'"\``): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\' && i + 1 < text.length) {
        out += '  ';
        i += 1;
      } else if (char === quote) {
        out += char;
        quote = '';
      } else {
        out += ' ';
      }
    } else {
      if (quotes.includes(char)) quote = char;
      out += char;
    }
  }
  return out;
}

/**
 * Cuts a trailing line comment that starts outside any string. A `#` only
 * starts a comment at the line start or after whitespace, as in shell.
 */
export function stripTrailingComment(text: string, prefixes: readonly string[]): string {
  if (prefixes.length === 0) return text;
  const masked = maskStrings(text);
  for (let i = 0; i < masked.length; i += 1) {
    for (const prefix of prefixes) {
      if (!masked.startsWith(prefix, i)) continue;
      if (prefix === '#' && i > 0 && !/\s/.test(masked[i - 1]!)) continue;
      return text.slice(0, i);
    }
  }
  return text;
}

/** An added line read as code: comments removed, and a copy with string contents blanked. */
export interface CodeLine extends DiffLine {
  /** The line without a trailing comment. */
  code: string;
  /** `code` with the contents of string literals replaced by spaces. */
  masked: string;
}

/** Reads lines as code for this file's type, dropping comment lines and over-long lines. */
export function codeLines(file: FileChange, lines: readonly DiffLine[], firstLine?: string): CodeLine[] {
  const prefixes = lineCommentPrefixes(file.path, firstLine);
  const result: CodeLine[] = [];
  for (const line of lines) {
    if (line.text.length > MAX_LINE_LENGTH || isCommentLine(file.path, line.text, firstLine)) continue;
    const code = stripTrailingComment(line.text, prefixes);
    result.push({ ...line, code, masked: maskStrings(code) });
  }
  return result;
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

/** Returns the set of added line numbers of a file. */
export function addedLineNumbers(file: FileChange): Set<number> {
  return new Set(file.added.map((line) => line.line));
}

/** Collapses runs of whitespace and trims, for comparing lines across re-indentation. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
