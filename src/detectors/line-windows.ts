// Rules that read one line at a time bound the text they read, so a
// minified or generated line cannot make a pattern run for long. A line over
// the bound is read as overlapping windows that keep its line number, so a
// match at its end is found too, and a match no longer than the overlap is
// never cut in two. A line over WHOLE_LINE_LIMIT is most likely a bundle or
// data rather than written code, so only its first and last windows are read.
// The bench history has lines of over 1 MB, and reading all their windows cost
// the line rules about 5% more time.
import type { DiffLine } from '../model/types.js';

const sources = new WeakMap<DiffLine, DiffLine>();

/** Returns the whole line a window was cut from, or the line itself when it is not a window. */
export function windowSource(line: DiffLine): DiffLine {
  return sources.get(line) ?? line;
}

/** Characters that consecutive windows share. */
export const WINDOW_OVERLAP = 512;

/** Length above which a line is read in its first and last windows only. */
export const WHOLE_LINE_LIMIT = 64 * 1024;

/**
 * Returns `line` itself when it has at most `size` characters, and otherwise
 * windows of `size` characters that start every `size - WINDOW_OVERLAP`
 * (for a line over WHOLE_LINE_LIMIT, the first and the last of them).
 */
export function lineWindows(line: DiffLine, size: number): DiffLine[] {
  const { length } = line.text;
  if (length <= size) return [line];
  const window = (start: number): DiffLine => {
    const cut = { line: line.line, text: line.text.slice(start, start + size) };
    sources.set(cut, line);
    return cut;
  };
  if (length > WHOLE_LINE_LIMIT) return [window(0), window(length - size)];
  const step = size - WINDOW_OVERLAP;
  const windows: DiffLine[] = [];
  for (let start = 0; ; start += step) {
    windows.push(window(start));
    if (start + size >= length) break;
  }
  return windows;
}
