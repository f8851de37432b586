// Rules that read one line at a time bound the text they read, so a
// minified or generated line cannot make a pattern run for long. A line over
// the bound is read as overlapping windows that keep its line number, so a
// match anywhere in it is found, and a match no longer than the overlap is
// never cut in two. Every window is read, so the cost grows linearly with
// the line: windows of 4,000 characters hold about 15% more text than the
// line itself, and windows of 2,000 about 35% more.
import type { DiffLine } from '../model/types.js';

const sources = new WeakMap<DiffLine, { line: DiffLine; start: number }>();

/** Returns the whole line a window was cut from, or the line itself when it is not a window. */
export function windowSource(line: DiffLine): DiffLine {
  return sources.get(line)?.line ?? line;
}

/** Returns the offset in its whole line at which a window starts, or 0 when it is not a window. */
export function windowStart(line: DiffLine): number {
  return sources.get(line)?.start ?? 0;
}

/** Characters that consecutive windows share. */
export const WINDOW_OVERLAP = 512;

/**
 * Returns `line` itself when it has at most `size` characters, and otherwise
 * windows of `size` characters that start every `size - WINDOW_OVERLAP`.
 */
export function lineWindows(line: DiffLine, size: number): DiffLine[] {
  const { length } = line.text;
  if (length <= size) return [line];
  const window = (start: number): DiffLine => {
    const cut = { line: line.line, text: line.text.slice(start, start + size) };
    sources.set(cut, { line, start });
    return cut;
  };
  const step = size - WINDOW_OVERLAP;
  const windows: DiffLine[] = [];
  for (let start = 0; ; start += step) {
    windows.push(window(start));
    if (start + size >= length) break;
  }
  return windows;
}

/**
 * Finds every match of a global pattern in a line read as windows of `size`
 * characters, each match once, with `index` set to its offset in the whole
 * line. Where two windows overlap, a match that starts in the first half of
 * the overlap belongs to the earlier window, and any other to the later one.
 * So a match of up to WINDOW_OVERLAP / 2 characters is found whole, with at
 * least that much text before it in its window unless it starts the line.
 * `read` may replace a window's text by one whose characters stay at the same
 * offsets (such as code with strings blanked and a trailing comment cut).
 */
export function windowMatches(
  line: DiffLine,
  size: number,
  pattern: RegExp,
  read: (text: string) => string = (text) => text,
): RegExpExecArray[] {
  const windows = lineWindows(line, size);
  const found: RegExpExecArray[] = [];
  windows.forEach((window, k) => {
    const start = windowStart(window);
    const next = windows[k + 1];
    const from = k === 0 ? 0 : ownedFrom(windows[k - 1]!, start, size);
    const to = next ? ownedFrom(window, windowStart(next), size) : Infinity;
    for (const match of read(window.text).matchAll(pattern)) {
      const at = start + match.index;
      if (at < from || at >= to) continue;
      found.push(Object.assign(match, { index: at }) as RegExpExecArray);
    }
  });
  return found;
}

/** Returns the first offset a window starting at `start` owns, after the window before it. */
function ownedFrom(previous: DiffLine, start: number, size: number): number {
  const overlap = windowStart(previous) + size - start;
  return overlap > 0 ? start + Math.floor(overlap / 2) : start;
}
