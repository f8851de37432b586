// Reads what git's pretty formats leave out of a commit, from the raw commit
// objects:
// - %B of `git log` ends a message at its first NUL byte, though the object
//   keeps every byte after it and `git cat-file -p` shows them. A message with
//   a NUL is returned in full, each NUL read as a line break.
// - Headers beyond tree, parent, author and committer (`encoding`, `mergetag`
//   with an embedded tag, or any header a crafted object carries) travel with
//   the commit on every push and fetch. `git log` formats such as %B leave
//   them out, so their text is returned here for the secret detectors.
import type { CommitHeader } from '../model/types.js';
import { readObjects, type GitObject } from './batch-objects.js';

/**
 * Headers whose values the detectors never need: object ids, and identities,
 * which are scanned on their own. Signature headers (`gpgsig`, a signed tag in
 * `mergetag`) are read whole, armor included, because a crafted object can put
 * any text in them and a signature's base64 decodes to no text.
 */
const SKIPPED_HEADERS = new Set(['tree', 'parent', 'author', 'committer']);

export interface RawCommitDetails {
  /** The whole message, set only when it contains a NUL byte. */
  message?: string;
  /** Headers other than tree, parent, author and committer, set only when there are some. */
  headers?: CommitHeader[];
}

/** Returns the details of each commit among `shas` whose object has a message with a NUL or extra headers. */
export function readRawCommitDetails(cwd: string, shas: readonly string[]): Map<string, RawCommitDetails> {
  return rawCommitDetailsOf(shas, readObjects(cwd, shas));
}

/** Returns what readRawCommitDetails returns, from the objects of `shas` read already. */
export function rawCommitDetailsOf(shas: readonly string[], objects: readonly GitObject[]): Map<string, RawCommitDetails> {
  const found = new Map<string, RawCommitDetails>();
  objects.forEach((object, index) => {
    if (object.type !== 'commit') return;
    const split = object.content.indexOf('\n\n');
    const end = split < 0 ? object.content.length : split;
    const details: RawCommitDetails = {};
    const headers = extraHeaders(object.content.subarray(0, end).toString('utf8'));
    if (headers.length > 0) details.headers = headers;
    const message = split < 0 ? Buffer.alloc(0) : object.content.subarray(split + 2);
    if (message.includes(0)) details.message = message.toString('utf8').replaceAll('\0', '\n');
    if (details.message !== undefined || details.headers) found.set(shas[index]!, details);
  });
  return found;
}

/** Returns, for each commit among `shas` whose message contains a NUL byte, its whole message. */
export function messagesWithNul(cwd: string, shas: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const [sha, details] of readRawCommitDetails(cwd, shas)) {
    if (details.message !== undefined) found.set(sha, details.message);
  }
  return found;
}

/**
 * Parses a commit object's header block: `name value` lines, each followed by
 * continuation lines that start with one space. Returns the headers that are
 * not skipped, each as its name and the text of its lines (the name, a space
 * and the value, continuation spaces removed).
 */
export function extraHeaders(block: string): CommitHeader[] {
  const headers: CommitHeader[] = [];
  let current: { name: string; lines: string[] } | null = null;
  const finish = (): void => {
    if (!current || SKIPPED_HEADERS.has(current.name)) return;
    const text = `${current.lines.join('\n')}\n`;
    headers.push({ name: current.name, text: text.replace(/\n$/, '') });
  };
  for (const line of block.split('\n')) {
    if (line.startsWith(' ') && current) {
      current.lines.push(line.slice(1));
      continue;
    }
    finish();
    const space = line.indexOf(' ');
    current = { name: space < 0 ? line : line.slice(0, space), lines: [line] };
  }
  finish();
  return headers;
}
