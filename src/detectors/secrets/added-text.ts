import type { DiffLine } from '../../model/types.js';

/** Added lines joined into one text, with a map from offsets back to file lines. */
export interface AddedText {
  text: string;
  /** Start offset in `text` of each entry of `lines`. */
  starts: number[];
  lines: DiffLine[];
}

export function joinAddedLines(lines: readonly DiffLine[]): AddedText {
  const starts: number[] = [];
  let text = '';
  for (const line of lines) {
    starts.push(text.length);
    text += `${line.text}\n`;
  }
  return { text, starts, lines: [...lines] };
}

/** Maps an offset in the joined text to the file line it falls on. */
export function lineAtOffset(added: AddedText, offset: number): number {
  let low = 0;
  let high = added.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (added.starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return added.lines[low]?.line ?? 0;
}
