// Secret scanning of text files over settings.maxFileBytes. The diff parser
// drops the added lines of such a file, so no rule reads it from the diff.
// Secret rules block for every author, so they read the file's blob here
// instead, up to OVERSIZED_SCAN_BYTES, one window at a time: only the current
// window's lines exist as strings, and no per-line structure of the whole
// file is built.
import { KeywordIndex } from '../../engine/keyword-index.js';
import type { FileChange } from '../../model/types.js';
import type { Detector, DetectorContext, ReportDescriptor } from '../define.js';
import { secretDetectors } from '../secrets/index.js';
import { rescanForSecrets } from './rescan.js';

/** Bytes of an oversized file that the secret rules read; content after them is never scanned. */
export const OVERSIZED_SCAN_BYTES = 64 * 1024 * 1024;
/** Bytes of text decoded and split into lines at a time. */
export const WINDOW_BYTES = 1024 * 1024;
// Bytes that consecutive windows share, so a credential or a PEM block that
// crosses a window's end is read whole by the next window.
const OVERLAP_BYTES = 16 * 1024;
// git calls a file binary when its first 8000 bytes contain a NUL byte.
const BINARY_PROBE_BYTES = 8000;
const NEWLINE = 0x0a;

export interface OversizedScan {
  /** Size of the blob in bytes. */
  size: number;
  /** True when the blob is larger than OVERSIZED_SCAN_BYTES, so its end was not read. */
  truncated: boolean;
  /** True when the blob looked binary, so only high-confidence secret rules read it. */
  binary: boolean;
}

let keywordIndex: KeywordIndex | null = null;

function keywordsOf(): KeywordIndex {
  keywordIndex ??= new KeywordIndex(secretDetectors.flatMap((d) => d.keywords ?? []));
  return keywordIndex;
}

/** Returns the ids of detectors whose keywords all miss `text`, or that the content kind excludes. */
function detectorsToSkip(text: string, binary: boolean): Set<string> {
  const found = keywordsOf().find(text);
  const skip = new Set<string>();
  for (const detector of secretDetectors) {
    const missed = detector.keywords !== undefined && !detector.keywords.some((k) => found.has(k));
    // Generic and entropy rules read random bytes as credentials, so binary content gets the vendor formats alone.
    // NOTE: a credential in an oversized binary file that only those rules find is missed.
    if (missed || (binary && detector.meta.confidence !== 'high')) skip.add(detector.meta.id);
  }
  return skip;
}

/**
 * Yields the blob's chunks as UTF-8: content that starts with a UTF-16 byte
 * order mark is decoded and encoded again, and other content is passed on.
 */
async function* utf8Chunks(chunks: AsyncIterable<Buffer>, state: { utf16: boolean }): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | null = null;
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk.length >= 2) {
      const bom = (chunk[0]! << 8) | chunk[1]!;
      if (bom === 0xfffe) decoder = new TextDecoder('utf-16le');
      if (bom === 0xfeff) decoder = new TextDecoder('utf-16be');
      state.utf16 = decoder !== null;
    }
    first = false;
    yield decoder ? Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8') : chunk;
  }
  if (decoder) yield Buffer.from(decoder.decode(), 'utf8');
}

function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

/** Moves `offset` back to the first byte of a UTF-8 character. */
function characterStart(bytes: Buffer, offset: number): number {
  let start = offset;
  while (start > 0 && start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start -= 1;
  return start;
}

function countNewlines(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE, from); at !== -1 && at < to; at = bytes.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
}

/** Returns where the window that starts at `start` ends: after a newline where one is near the full size. */
function windowEnd(bytes: Buffer, start: number): number {
  const limit = start + WINDOW_BYTES;
  if (limit >= bytes.length) return bytes.length;
  const newline = bytes.lastIndexOf(NEWLINE, limit - 1);
  if (newline >= start + WINDOW_BYTES / 2) return newline + 1;
  return characterStart(bytes, limit);
}

/**
 * Returns where the window after [start, end) starts: OVERLAP_BYTES before
 * `end`, moved back to the start of its line when that line is not too long,
 * so that no rule reads a line cut at its start.
 */
function nextWindowStart(bytes: Buffer, start: number, end: number): number {
  const overlapStart = Math.max(start + 1, end - OVERLAP_BYTES);
  const lineStart = bytes.lastIndexOf(NEWLINE, overlapStart - 1) + 1;
  if (lineStart > start && overlapStart - lineStart <= WINDOW_BYTES / 4) return lineStart;
  const characterAt = characterStart(bytes, overlapStart);
  return characterAt > start ? characterAt : end;
}

/** Builds the pseudo-file of one window, whose lines are numbered as in the whole file. */
function windowFile(file: FileChange, text: string, firstLine: number, binary: boolean): FileChange {
  const added = text.split('\n').map((line, index) => ({ line: firstLine + index, text: line.replace(/\r$/, '') }));
  return {
    ...file,
    status: 'added',
    binary,
    skipped: undefined,
    added,
    removed: [],
    hunks: [],
    oldContent: async () => null,
    newContent: async () => text,
  };
}

/**
 * Runs the secret detectors over the new blob of `file`, a text file skipped
 * as too large, and passes each hit to `onHit` once. Returns null when the
 * blob cannot be read this way (no repository, or no new content).
 */
export async function scanOversizedFile(
  context: DetectorContext,
  file: FileChange,
  onHit: (inner: Detector, descriptor: ReportDescriptor) => void,
): Promise<OversizedScan | null> {
  if (file.newKind !== 'file' || !file.newContentStream) return null;
  const blob = file.newContentStream(OVERSIZED_SCAN_BYTES);
  if (blob === null) return null;
  const decoder = new TextDecoder('utf-8');
  const seen = new Set<string>();
  const encoding = { utf16: false };
  let binary: boolean | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let firstLine = 1;

  // Scans the bytes buffered so far in windows, keeping the last window's overlap (all of it at the end).
  const scanPending = async (atEnd: boolean): Promise<void> => {
    let bytes = Buffer.concat(pending);
    binary ??= !encoding.utf16 && looksBinary(bytes);
    let start = 0;
    while (atEnd ? start < bytes.length : bytes.length - start >= WINDOW_BYTES) {
      const end = windowEnd(bytes, start);
      const text = decoder.decode(bytes.subarray(start, end));
      const onWindowHit = (inner: Detector, descriptor: ReportDescriptor): void => {
        const key = `${inner.meta.id}\0${descriptor.line}\0${descriptor.match}`;
        if (seen.has(key)) return;
        seen.add(key);
        onHit(inner, descriptor);
      };
      await rescanForSecrets(context, [windowFile(file, text, firstLine, binary)], onWindowHit, detectorsToSkip(text, binary));
      if (end >= bytes.length) {
        start = bytes.length;
        break;
      }
      const next = nextWindowStart(bytes, start, end);
      firstLine += countNewlines(bytes, start, next);
      start = next;
    }
    // Copies the remainder, so the scanned bytes before it can be freed.
    bytes = Buffer.from(bytes.subarray(start));
    pending = bytes.length > 0 ? [bytes] : [];
    pendingBytes = bytes.length;
  };

  for await (const chunk of utf8Chunks(blob.chunks, encoding)) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= 2 * WINDOW_BYTES) await scanPending(false);
  }
  await scanPending(true);
  return { size: blob.size, truncated: blob.size > OVERSIZED_SCAN_BYTES, binary: binary ?? false };
}
