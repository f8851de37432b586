import type { FileChange } from '../../model/types.js';
import { defineDetector, type Detector } from '../define.js';
import { addedTextOf, lineIndexAt } from '../secrets/added-text.js';
import { rescanForSecrets } from './rescan.js';

// Runs of base64 or hex long enough to hide a credential. Each is decoded, and
// when the result is text, every secret detector reads it as an added line at
// the run's position. Binary results (images, digests, compressed data) are skipped.
const BASE64_RUN = /[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9_-]{24,}={0,2}/g;
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}){16,}\b/g;
const MAX_RUNS_PER_FILE = 200;
const MAX_RUN_LENGTH = 64 * 1024;

function printableText(bytes: Buffer): string | null {
  if (bytes.length < 12) return null;
  let printable = 0;
  for (let i = 0; i < bytes.length; i += 1) if (isTextByte(bytes[i]!)) printable += 1;
  return printable / bytes.length >= 0.95 ? bytes.toString('latin1') : null;
}

// Value of each character of either base64 alphabet, or 64 for any other character.
const BASE64_VALUE = new Uint8Array(128).fill(64);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('').forEach((ch, value) => {
  BASE64_VALUE[ch.charCodeAt(0)] = value;
});
for (const [ch, value] of [['+', 62], ['/', 63], ['-', 62], ['_', 63]] as const) {
  BASE64_VALUE[ch.charCodeAt(0)] = value;
}

function isTextByte(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Tests whether a base64 run cannot decode to text as printableText judges it. Each whole group
 * of four base64 characters before any other character decodes to three known bytes, and the run
 * decodes to at most `ceil(length * 3 / 4)` bytes. More than 5% of that bound outside text is
 * more than 5% of the real result, so printableText would return null. Most runs in code are
 * identifiers and paths, and this test rejects them without decoding them into a buffer.
 */
function cannotBeText(run: string): boolean {
  const limit = Math.ceil((run.length * 3) / 4) / 20;
  let nonText = 0;
  for (let at = 0; at + 4 <= run.length; at += 4) {
    const a = BASE64_VALUE[run.charCodeAt(at)] ?? 64;
    const b = BASE64_VALUE[run.charCodeAt(at + 1)] ?? 64;
    const c = BASE64_VALUE[run.charCodeAt(at + 2)] ?? 64;
    const d = BASE64_VALUE[run.charCodeAt(at + 3)] ?? 64;
    // Another character (padding, or one the decoder skips) may shift what follows.
    if (a > 63 || b > 63 || c > 63 || d > 63) return false;
    if (!isTextByte((a << 2) | (b >> 4))) nonText += 1;
    if (!isTextByte(((b & 15) << 4) | (c >> 2))) nonText += 1;
    if (!isTextByte(((c & 3) << 6) | d)) nonText += 1;
    if (nonText > limit) return true;
  }
  return false;
}

/** Decodes a run as hex or base64 (standard or URL-safe) and returns it when it is text. */
export function decodeRun(run: string): { text: string; encoding: 'hex' | 'base64' } | null {
  if (run.length > MAX_RUN_LENGTH) return null;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(run)) {
    const text = printableText(Buffer.from(run, 'hex'));
    if (text) return { text, encoding: 'hex' };
  }
  if (!/[A-Za-z]/.test(run) || !/[0-9+/=_-]/.test(run)) return null;
  if (cannotBeText(run)) return null;
  const text = printableText(Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  return text ? { text, encoding: 'base64' } : null;
}

// Characters of either base64 alphabet. Every hex or base64 run lies inside a
// stretch of at least MIN_RUN of them, and neither pattern reads past one
// except for the `=` padding after a base64 run.
// The table covers every UTF-16 code unit, so a lookup needs no range check.
const RUN_CHARS = new Uint8Array(65536);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') {
  RUN_CHARS[ch.charCodeAt(0)] = 1;
}
const MIN_RUN = 24;

/**
 * Returns the [start, end) offsets of every stretch of at least MIN_RUN
 * base64 characters.
 */
export function longRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  forEachLongRun(text, (start, end) => {
    runs.push([start, end]);
    return true;
  });
  return runs;
}

/**
 * Calls `visit` with the [start, end) offsets of each stretch of at least
 * MIN_RUN base64 characters, in order, until it returns false. It tests the
 * window of MIN_RUN characters from `low`, reading from its last character
 * back: the first character outside the alphabet found there rules out every
 * stretch that starts at or before it, so the next window starts just after
 * it. `low` always follows such a character or the start of the text, so a
 * window without such a character starts a stretch.
 */
function forEachLongRun(text: string, visit: (start: number, end: number) => boolean): void {
  const length = text.length;
  let low = 0;
  while (low + MIN_RUN <= length) {
    let at = low + MIN_RUN - 1;
    while (at >= low && RUN_CHARS[text.charCodeAt(at)] === 1) at -= 1;
    if (at >= low) {
      low = at + 1;
      continue;
    }
    let end = low + MIN_RUN;
    while (end < length && RUN_CHARS[text.charCodeAt(end)] === 1) end += 1;
    if (!visit(low, end)) return;
    low = end + 1;
  }
}

/** Returns the hex runs of a line, then its base64 runs, as matching the whole line would. */
function encodedRuns(line: string, stretches: ReadonlyArray<[number, number]>): string[] {
  const found: string[] = [];
  for (const [start, end] of stretches) {
    // A hex run has at least 32 digits, all inside one stretch.
    if (end - start < 32) continue;
    const slice = line.slice(start, end);
    if (slice.length > LONG_SLICE) found.push(...hexRunsOfLongSlice(slice));
    else pushMatches(slice, HEX_RUN, found);
  }
  // Up to two `=` of padding after a stretch belong to the run.
  for (const [start, end] of stretches) {
    const slice = line.slice(start, end + 2);
    if (slice.length > LONG_SLICE) found.push(...base64RunsOfLongSlice(slice));
    else pushMatches(slice, BASE64_RUN, found);
  }
  return found;
}

/**
 * Appends every match of a global pattern that never matches empty text, as
 * matchAll finds them. An exec loop spares the copy of the pattern that each
 * matchAll call makes.
 */
function pushMatches(text: string, pattern: RegExp, found: string[]): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) found.push(match[0]);
}

// V8's regular expression engine runs out of stack on a quantifier over
// megabytes of matching characters, so slices longer than this are read with
// the loops below, which find the same runs.
const LONG_SLICE = 64 * 1024;
const STANDARD = new Uint8Array(128);
const URL_SAFE = new Uint8Array(128);
const HEX = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') {
  STANDARD[ch.charCodeAt(0)] = 1;
  URL_SAFE[ch.charCodeAt(0)] = 1;
}
for (const ch of '+/') STANDARD[ch.charCodeAt(0)] = 1;
for (const ch of '_-') URL_SAFE[ch.charCodeAt(0)] = 1;
for (const ch of '0123456789abcdefABCDEF') HEX[ch.charCodeAt(0)] = 1;

function runLength(text: string, from: number, table: Uint8Array): number {
  let end = from;
  while (end < text.length && table[text.charCodeAt(end)] === 1) end += 1;
  return end - from;
}

/** Finds what BASE64_RUN finds, left to right, without a regular expression. */
function base64RunsOfLongSlice(text: string): string[] {
  const runs: string[] = [];
  let at = 0;
  while (at < text.length) {
    let length = runLength(text, at, STANDARD);
    if (length < MIN_RUN) length = runLength(text, at, URL_SAFE);
    if (length < MIN_RUN) {
      at += 1;
      continue;
    }
    let end = at + length;
    while (end < text.length && end - (at + length) < 2 && text[end] === '=') end += 1;
    runs.push(text.slice(at, end));
    at = end;
  }
  return runs;
}

/**
 * Finds what HEX_RUN finds in a stretch of base64 characters. Its `\b`
 * boundaries there fall only at `+`, `/` and `-`, so a match is a whole piece
 * between them made of an even number, at least 32, of hex digits.
 */
function hexRunsOfLongSlice(text: string): string[] {
  const runs: string[] = [];
  let start = 0;
  for (let at = 0; at <= text.length; at += 1) {
    const code = at < text.length ? text.charCodeAt(at) : 0x2b;
    if (code !== 0x2b && code !== 0x2f && code !== 0x2d) continue;
    const length = at - start;
    if (length >= 32 && length % 2 === 0 && runLength(text, start, HEX) === length) runs.push(text.slice(start, at));
    start = at + 1;
  }
  return runs;
}

/** Returns the hex runs of one line, then its base64 runs, in the order decodedFile reads them. */
export function encodedRunsOf(line: string): string[] {
  return encodedRuns(line, longRuns(line));
}

function decodedFile(file: FileChange): FileChange | null {
  const joined = addedTextOf(file.added);
  const added: FileChange['added'] = [];
  let runs = 0;
  // The line being gathered, and its long stretches with offsets relative to the line.
  let lineIndex = -1;
  let lineStart = 0;
  let lineEnd = 0;
  let stretches: Array<[number, number]> = [];
  const decodeLine = (): void => {
    const line = file.added[lineIndex]!;
    for (const run of encodedRuns(line.text, stretches)) {
      runs += 1;
      const decoded = decodeRun(run);
      if (!decoded) continue;
      for (const piece of decoded.text.split(/\r?\n/)) added.push({ line: line.line, text: piece });
    }
  };
  // Lines are decoded in order, each with all its runs, until MAX_RUNS_PER_FILE runs are read,
  // so the stretches after that are never searched for.
  forEachLongRun(joined.text, (start, end) => {
    if (lineIndex < 0 || start >= lineEnd) {
      if (lineIndex >= 0) decodeLine();
      if (runs >= MAX_RUNS_PER_FILE) {
        lineIndex = -1;
        return false;
      }
      lineIndex = lineIndexAt(joined, start);
      lineStart = joined.starts[lineIndex]!;
      lineEnd = joined.starts[lineIndex + 1] ?? joined.text.length;
      stretches = [];
    }
    stretches.push([start - lineStart, end - lineStart]);
    return true;
  });
  if (lineIndex >= 0) decodeLine();
  if (added.length === 0) return null;
  return { ...file, added, removed: [], hunks: [], oldContent: async () => null, newContent: async () => added.map((l) => l.text).join('\n') };
}

const detector: Detector = defineDetector({
  meta: {
    id: 'secret/encoded-secret',
    category: 'secret',
    severity: 'block',
    confidence: 'medium',
    description: 'Report credentials hidden inside base64 or hex encoded strings.',
    messages: {
      encoded:
        'An encoded string decodes to a credential ({{rule}}). Encoding does not protect it: remove it, rotate it, and read it from the environment or a secret store.',
    },
  },
  async run(context) {
    const files = context.commit.files.map((f) => (f.skipped ? null : decodedFile(f))).filter((f): f is FileChange => f !== null);
    await rescanForSecrets(context, files, (inner, descriptor) =>
      context.report({
        messageId: 'encoded',
        data: { rule: inner.meta.id },
        file: descriptor.file,
        line: descriptor.line,
        match: descriptor.match,
      }),
    );
  },
});

export default detector;
