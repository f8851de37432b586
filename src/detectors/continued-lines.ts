// Shell scripts, Dockerfiles, Makefiles and CI steps may continue a command on
// the next line after a backslash. Rules that read commands join such lines
// into one logical line first, as the shell does: the backslash and the
// newline go, so `chmod \` then `  777 /srv` reads `chmod   777 /srv`, and
// `c\` then `hmod 777` reads `chmod 777`. A joined line carries the number of
// its first changed physical line: the line where the command starts when
// that line was added, else the first added (or removed) line that continues
// it. Unchanged lines joined to a changed one are read too, and the lines
// they were joined with before the change are joined on the removed side, so
// a rule that compares old and new commands finds which command changed.
// NOTE: a `#` comment line inside a continued Dockerfile RUN ends the command
// here, while Docker drops such lines and carries on.
import { stripTrailingComment } from './permissions/support.js';
import type { DiffLine, FileChange } from '../model/types.js';

/** Most physical lines joined into one logical line; a longer run is cut into several. */
export const MAX_JOINED_LINES = 1000;

const BACKSLASH = 0x5c;
const COMMENT_PREFIXES = ['#'];

/** A logical line joined from several physical lines. */
interface JoinedLine extends DiffLine {
  joined: true;
}

/** Tests whether a line (or a copy made with spread) was joined from several physical lines. */
export function isJoined(line: DiffLine): boolean {
  return (line as Partial<JoinedLine>).joined === true;
}

/** Added and removed lines of a file with backslash-continued lines joined. */
export interface ContinuedLines {
  added: DiffLine[];
  removed: DiffLine[];
}

/**
 * Tests whether a line ends with an unescaped backslash outside a `#`
 * comment, which continues the command on the next line.
 */
export function continuesOnNextLine(text: string): boolean {
  if (text.charCodeAt(text.length - 1) !== BACKSLASH) return false;
  const code = stripTrailingComment(text, COMMENT_PREFIXES);
  let count = 0;
  for (let i = code.length - 1; i >= 0 && code.charCodeAt(i) === BACKSLASH; i -= 1) count += 1;
  return count % 2 === 1;
}

const cache = new WeakMap<FileChange, Promise<ContinuedLines>>();

/**
 * Returns the file's added and removed lines with backslash-continued lines
 * joined (see the file comment). Lines that take part in no continuation are
 * returned as the same objects, and a file without continuations returns its
 * own `added` and `removed` arrays, reading no content.
 */
export function continuedLines(file: FileChange): Promise<ContinuedLines> {
  let result = cache.get(file);
  if (result === undefined) {
    result = joinFile(file);
    cache.set(file, result);
  }
  return result;
}

async function joinFile(file: FileChange): Promise<ContinuedLines> {
  const fileAdded = file.binary ? file.added.map(withoutNul) : file.added;
  const fileRemoved = file.binary ? file.removed.map(withoutNul) : file.removed;
  const joinsNew = touchesContinuation(file, '+', fileAdded);
  const joinsOld = touchesContinuation(file, '-', fileRemoved);
  if (!joinsNew && !joinsOld) return { added: fileAdded, removed: fileRemoved };
  const contextSeeds: number[] = [];
  let added = fileAdded;
  if (joinsNew) {
    const lines = await physicalLines(file, 'new', fileAdded);
    const oldLineOf = file.status === 'added' ? () => null : oldLineMap(file);
    if (lines !== null) {
      added = joinAround(lines, fileAdded, [], (span) => {
        for (let n = span.start; n <= span.end; n += 1) {
          const old = oldLineOf(n);
          if (old !== null) contextSeeds.push(old);
        }
      });
    }
  }
  let removed = fileRemoved;
  if (joinsOld || contextSeeds.length > 0) {
    const lines = await physicalLines(file, 'old', fileAdded);
    if (lines !== null) removed = joinAround(lines, fileRemoved, contextSeeds, () => {});
  }
  return { added, removed };
}

/**
 * Tests whether a changed line ends with a continuation, or follows a line
 * that does (or a line the hunks do not show), so its command may span lines.
 */
function touchesContinuation(
  file: FileChange,
  op: '+' | '-',
  changed: readonly DiffLine[],
): boolean {
  if (changed.some((line) => continuesOnNextLine(line.text))) return true;
  for (const hunk of file.hunks) {
    let previous: string | null = null;
    for (const line of hunk.lines) {
      if (line.op !== op && line.op !== ' ') continue;
      const number = op === '+' ? line.newLine : line.oldLine;
      const continued = previous === null ? number > 1 : continuesOnNextLine(previous);
      if (line.op === op && continued) return true;
      previous = file.binary ? line.text.replace(NUL, '') : line.text;
    }
  }
  return false;
}

async function physicalLines(
  file: FileChange,
  side: 'new' | 'old',
  added: readonly DiffLine[],
): Promise<string[] | null> {
  if (side === 'new' && file.status === 'added') return added.map((line) => line.text);
  let content = side === 'new' ? await file.newContent() : await file.oldContent();
  if (content === null) return null;
  if (file.binary) content = content.replace(NUL, '');
  return content.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

const NUL = /\0/g;
// A UTF-16 byte order mark, as decoded text or as the replacement characters of its two bytes.
const BYTE_ORDER_MARK = /^(?:\ufeff|\ufffd\ufffd)/;

/**
 * Returns a line of a file git calls binary without its NUL bytes, so ASCII
 * text stored as UTF-16 reads as text: dash (Debian's `/bin/sh`, tried with
 * 0.5.12) drops NUL bytes and runs such a script. The first line also loses a byte order mark.
 */
function withoutNul(line: DiffLine): DiffLine {
  if (!line.text.includes('\0')) return line;
  const text = line.text.replace(NUL, '');
  return { line: line.line, text: line.line === 1 ? text.replace(BYTE_ORDER_MARK, '') : text };
}

/**
 * Returns a function that maps a new line the change did not add to its
 * number in the old file, and an added line to null.
 */
function oldLineMap(file: FileChange): (newLine: number) => number | null {
  const inHunks = new Map<number, number | null>();
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      if (line.op !== '-') inHunks.set(line.newLine, line.op === ' ' ? line.oldLine : null);
    }
  }
  return (newLine) => {
    const known = inHunks.get(newLine);
    if (known !== undefined) return known;
    // Between hunks, old and new lines differ by what the hunks before added and removed.
    let delta = 0;
    for (const hunk of file.hunks) {
      if (newLine < hunk.newStart) break;
      delta = hunk.oldStart + hunk.oldLines - (hunk.newStart + hunk.newLines);
    }
    return newLine + delta;
  };
}

/**
 * Joins the continued run around each changed line. `seeds` are further line
 * numbers, whose runs are kept only when they span several lines. `onJoined`
 * receives the 1-based bounds of each run of several lines.
 */
function joinAround(
  lines: readonly string[],
  changed: readonly DiffLine[],
  seeds: readonly number[],
  onJoined: (span: { start: number; end: number }) => void,
): DiffLine[] {
  const byNumber = new Map(changed.map((line) => [line.line, line]));
  const numbers = [...new Set([...changed.map((line) => line.line), ...seeds])];
  numbers.sort((a, b) => a - b);
  const continues = (n: number): boolean =>
    n >= 1 && n <= lines.length && continuesOnNextLine(lines[n - 1]!);
  const result: DiffLine[] = [];
  let doneTo = 0;
  for (let i = 0; i < numbers.length; i += 1) {
    const n = numbers[i]!;
    if (n <= doneTo) continue;
    let start = n;
    while (start > doneTo + 1 && n - start < MAX_JOINED_LINES && continues(start - 1)) start -= 1;
    let end = n;
    while (end < lines.length && end - start + 1 < MAX_JOINED_LINES && continues(end)) end += 1;
    doneTo = end;
    if (start === end) {
      const line = byNumber.get(n);
      if (line) result.push(line);
      continue;
    }
    // No number lies between the previous run and `n`, so the run's changed lines start at `n`.
    let first = n;
    for (let k = i; k < numbers.length && numbers[k]! <= end; k += 1) {
      if (byNumber.has(numbers[k]!)) {
        first = numbers[k]!;
        break;
      }
    }
    const parts: string[] = [];
    for (let k = start; k <= end; k += 1) {
      const text = lines[k - 1]!;
      parts.push(k < end ? text.slice(0, -1) : text);
    }
    const joined: JoinedLine = { line: first, text: parts.join(''), joined: true };
    result.push(joined);
    onJoined({ start, end });
  }
  return result;
}
