import type { DiffLine } from '../../model/types.js';
import { CommitCache } from '../commit-cache.js';

/** Added lines joined into one text, with a map from offsets back to file lines. */
export interface AddedText {
  /** Every line followed by `\n`. */
  text: string;
  /**
   * Start offset in `text` of each entry of `lines`. A typed array keeps the offsets of a large
   * file outside the JavaScript heap, so the young-generation collector never copies them.
   */
  starts: Int32Array;
  /** The lines joined, the array given to joinAddedLines itself. */
  lines: readonly DiffLine[];
}

/**
 * Joins `lines`. The result refers to the array itself, so a caller that adds lines to it
 * afterwards must join it again (`starts` keeps the number of lines joined).
 */
export function joinAddedLines(lines: readonly DiffLine[]): AddedText {
  const starts = new Int32Array(lines.length);
  // One more empty entry makes join() end the text with `\n`. Appending it after the join
  // would give a cons string, which the first search then copies into a flat one.
  const texts = new Array<string>(lines.length + 1);
  let offset = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const text = lines[i]!.text;
    starts[i] = offset;
    texts[i] = text;
    offset += text.length + 1;
  }
  texts[lines.length] = '';
  const text = lines.length === 0 ? '' : texts.join('\n');
  return { text, starts, lines };
}

const joined = new CommitCache<readonly DiffLine[], AddedText>();

/**
 * Returns the joined text of a lines array, built once per array. Detectors
 * that read the same `file.added` share it, so each of them can test a whole
 * file with one regular expression search before looking at single lines.
 */
export function addedTextOf(lines: readonly DiffLine[]): AddedText {
  let added = joined.get(lines);
  if (!added) {
    added = joinAddedLines(lines);
    joined.set(lines, added);
  }
  return added;
}

/** Returns the index into `added.lines` of the line that contains `offset`. */
export function lineIndexAt(added: AddedText, offset: number): number {
  let low = 0;
  let high = added.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (added.starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Maps an offset in the joined text to the file line it falls on. */
export function lineAtOffset(added: AddedText, offset: number): number {
  return added.lines[lineIndexAt(added, offset)]?.line ?? 0;
}

/**
 * Returns, in order and each once, the indexes of the lines in which the
 * global `pattern` matches. The search runs over the joined text, so the
 * pattern must not match a newline: a literal or a class without `\s` or a
 * negated class is safe. Callers use it as a prefilter and apply their full
 * rule to the lines it returns.
 */
export function lineIndexesMatching(added: AddedText, pattern: RegExp): number[] {
  if (!pattern.global) throw new Error(`lineIndexesMatching needs a global pattern, got ${pattern}`);
  const indexes: number[] = [];
  const { text, starts } = added;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const index = lineIndexAt(added, match.index);
    indexes.push(index);
    // The rest of this line cannot add anything, so the search resumes at the next line.
    if (index + 1 >= starts.length) break;
    pattern.lastIndex = starts[index + 1]!;
  }
  pattern.lastIndex = 0;
  return indexes;
}
