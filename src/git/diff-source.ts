import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { GitError } from '../errors.js';
import type { CommitChange, FileChange } from '../model/types.js';
import { streamBlob, type BlobReader } from './blob-reader.js';
import type { CommitInfo } from './commits.js';
import { DiffParser, type ParsedCommitDiff, type ParsedFile } from './diff-parser.js';
import { DIFF_FLAGS, STAGED_SYNC_BYTES, stagedDiffArgs } from './diff-flags.js';
import { gitBounded, gitSpawn } from './exec.js';
import { kindOfMode } from './modes.js';
import { makeTempFolder } from '../util/temp-folder.js';


/** One diff to read: a commit against one of its parents, or a root commit against the empty tree. */
export interface DiffRequest {
  info: CommitInfo;
  /** The parent to diff against, or null for a root commit. */
  base: string | null;
}

export interface DiffSourceOptions {
  cwd: string;
  /** Added bytes, and blob bytes, above which a file is skipped as too large. */
  maxFileBytes: number;
  /** For a stream of many commits: the cap of each commit by id, in place of `maxFileBytes`. */
  maxFileBytesFor?(sha: string): number;
  blobs: BlobReader;
}

/**
 * Streams the diffs of many commits through one `git diff-tree --stdin`
 * process and calls `onCommit` for each, in request order. `onCommit` may be
 * async. Reading pauses until it settles, so memory stays bounded.
 *
 * git runs with an empty index: GIT_INDEX_FILE names a file that never exists,
 * in a private directory removed afterwards. With the repository's index, git
 * may show a work-tree file in place of a blob when the file's stat data
 * matches an index entry, and a client can fake that match.
 */
export async function streamCommitDiffs(
  requests: readonly DiffRequest[],
  options: DiffSourceOptions,
  onCommit: (change: CommitChange) => Promise<void> | void,
): Promise<void> {
  if (requests.length === 0) return;
  const scratch = makeTempFolder('diff-guardian-index-');
  const removeScratch = (): void => rmSync(scratch, { recursive: true, force: true });
  // A timed-out check ends the process with process.exit(), which skips `finally`.
  // NOTE: a process killed by a signal still leaves the empty directory behind.
  process.once('exit', removeScratch);
  try {
    await streamWithIndex(requests, options, onCommit, join(scratch, 'index'));
  } finally {
    process.off('exit', removeScratch);
    removeScratch();
  }
}

async function streamWithIndex(
  requests: readonly DiffRequest[],
  options: DiffSourceOptions,
  onCommit: (change: CommitChange) => Promise<void> | void,
  indexFile: string,
): Promise<void> {
  const { child, args } = gitSpawn(['diff-tree', '--stdin', '--always', '--root', ...DIFF_FLAGS], {
    cwd: options.cwd,
    env: { GIT_INDEX_FILE: indexFile },
  });
  let index = 0;
  const ready: CommitChange[] = [];
  const parser = new DiffParser({
    commitHeaders: true,
    maxFileBytes: options.maxFileBytes,
    maxFileBytesFor: options.maxFileBytesFor,
    onCommit(diff) {
      const request = requests[index];
      if (!request || diff.sha !== request.info.sha) {
        throw new GitError(`git diff-tree returned commit ${diff.sha} where ${request?.info.sha ?? 'none'} was expected`, args);
      }
      index += 1;
      const maxFileBytes = options.maxFileBytesFor?.(request.info.sha) ?? options.maxFileBytes;
      ready.push(toCommitChange(diff, request, { ...options, maxFileBytes }));
    },
  });

  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(new GitError(`git diff-tree failed to start: ${error.message}`, args)));
    child.on('close', (code) => resolve(code ?? -1));
  });
  child.stdin.on('error', () => undefined);
  const input = requests.map((r) => (r.base ? `${r.info.sha} ${r.base}` : r.info.sha)).join('\n') + '\n';
  child.stdin.end(input);

  try {
    let turnAt = performance.now();
    for await (const chunk of readAhead(child.stdout, READ_AHEAD_BYTES)) {
      parser.push(chunk);
      while (ready.length > 0) {
        await onCommit(ready.shift()!);
        // Detectors run without returning to the event loop, which alone reads
        // the pipe, so a turn now and then lets git write the commits that
        // come next. A turn after every small commit would cost more than it gains.
        if (performance.now() - turnAt >= TURN_INTERVAL_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          turnAt = performance.now();
        }
      }
    }
    const code = await exited;
    if (code !== 0) {
      const message = Buffer.concat(stderr).toString('utf8').trim().split('\n')[0] ?? '';
      throw new GitError(`git diff-tree failed (exit ${code}): ${message}`, args, message);
    }
    parser.end();
    while (ready.length > 0) await onCommit(ready.shift()!);
  } catch (error) {
    child.kill();
    if (error instanceof GitError) throw error;
    throw new GitError(`cannot read git diff output: ${(error as Error).message}`, args);
  }
  if (index !== requests.length) {
    throw new GitError(`git diff-tree returned ${index} of ${requests.length} commits`, args);
  }
}

// Bytes of git output read ahead of the parser. While detectors run, git
// writes the next commits on another core instead of waiting on a full pipe;
// the cap bounds the memory this takes.
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

// Milliseconds of commit scanning after which the range check returns to
// the event loop, so that git output is read while detectors run. On the
// bench history git diff-tree wrote about 80 MB/s, so it fills a 64 KB pipe
// in under a millisecond.
const TURN_INTERVAL_MS = 2;

// Chunks read ahead are joined up to this size before the parser gets them. The
// parser decodes each buffer as one string, and V8 allocates an object over half
// its 256 KB page (kPageSizeBits = 18 in V8's src/base/build_config.h) in its
// large-object space, which young-generation collections do not copy. Over the
// bench history they took 124 to 146 ms this way, against 153 to 165 ms.
const MERGED_CHUNK_BYTES = 256 * 1024;
const NEWLINE_BYTE = 0x0a;

/**
 * Yields the bytes of `stream` in order, reading up to `limit` bytes ahead of
 * the consumer whenever the event loop runs. Chunks that arrived together are
 * joined up to MERGED_CHUNK_BYTES. Each buffer yielded ends at its last
 * newline, and the bytes after it start the next one. The parser then finds
 * no line cut in two at the end of a buffer, which it would otherwise copy
 * with the whole next buffer to join the two halves.
 */
export async function* readAhead(stream: Readable, limit: number): AsyncGenerator<Buffer> {
  let chunks: Buffer[] = [];
  let queued = 0;
  let paused = false;
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    queued += chunk.length;
    if (queued >= limit && !paused) {
      paused = true;
      stream.pause();
    }
    notify();
  };
  const onEnd = (): void => {
    ended = true;
    notify();
  };
  const onError = (error: Error): void => {
    failure = error;
    notify();
  };
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', onError);
  // The bytes after the last newline of the buffer yielded before.
  let rest: Buffer | null = null;
  try {
    for (;;) {
      if (chunks.length > 0) {
        const taken = chunks;
        chunks = [];
        for (let at = 0; at < taken.length; ) {
          let end = at;
          let size = 0;
          while (end < taken.length && size < MERGED_CHUNK_BYTES) size += taken[end++]!.length;
          queued -= size;
          const parts: Buffer[] = rest === null ? taken.slice(at, end) : [rest, ...taken.slice(at, end)];
          const merged: Buffer = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
          at = end;
          // A buffer without a newline (part of a long line) goes on whole: the parser keeps
          // such buffers without copying them, and carrying it would copy it again each time.
          const cut = merged.lastIndexOf(NEWLINE_BYTE) + 1;
          if (cut === 0 || cut === merged.length) {
            rest = null;
            yield merged;
          } else {
            rest = merged.subarray(cut);
            yield merged.subarray(0, cut);
          }
        }
        if (paused && queued < limit) {
          paused = false;
          stream.resume();
        }
      } else if (failure) {
        throw failure;
      } else if (ended) {
        if (rest !== null) yield rest;
        return;
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  } finally {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('error', onError);
  }
}

/**
 * Reads the staged change (the index against HEAD, or the empty tree before the first commit).
 * NOTE: git may show a work-tree file in place of a staged blob when their stat data match.
 * A file rewritten in the same second as `git add`, with its old size and modification time,
 * matches, because git built without USE_NSEC compares whole seconds. Commits are read from blobs alone (streamCommitDiffs).
 */
export async function readStagedDiff(base: string, options: DiffSourceOptions): Promise<ParsedCommitDiff> {
  const args = stagedDiffArgs(base);
  let result: ParsedCommitDiff | null = null;
  const parser = new DiffParser({
    commitHeaders: false,
    maxFileBytes: options.maxFileBytes,
    onCommit(diff) {
      result = diff;
    },
  });
  // A staged change is small almost every time; a large one is streamed.
  const whole = await gitBounded(args, { cwd: options.cwd }, STAGED_SYNC_BYTES);
  if (whole !== null) {
    try {
      parser.push(whole);
      parser.end();
    } catch (error) {
      throw new GitError(`cannot read git diff output: ${(error as Error).message}`, args);
    }
    return result ?? { sha: null, files: [] };
  }
  return streamStagedDiff(args, parser, options, () => result);
}


async function streamStagedDiff(
  diffArgs: string[],
  parser: DiffParser,
  options: DiffSourceOptions,
  parsed: () => ParsedCommitDiff | null,
): Promise<ParsedCommitDiff> {
  const { child, args } = gitSpawn(diffArgs, { cwd: options.cwd });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end();
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(new GitError(`git diff-index failed to start: ${error.message}`, args)));
    child.on('close', (code) => resolve(code ?? -1));
  });
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) parser.push(chunk);
    const code = await exited;
    if (code !== 0) {
      const message = Buffer.concat(stderr).toString('utf8').trim().split('\n')[0] ?? '';
      throw new GitError(`git diff-index failed (exit ${code}): ${message}`, args, message);
    }
    parser.end();
  } catch (error) {
    if (error instanceof GitError) throw error;
    throw new GitError(`cannot read git diff output: ${(error as Error).message}`, args);
  }
  return parsed() ?? { sha: null, files: [] };
}

export function toCommitChange(diff: ParsedCommitDiff, request: DiffRequest, options: DiffSourceOptions): CommitChange {
  const { info } = request;
  return {
    sha: info.sha,
    tree: info.tree,
    parents: info.parents,
    base: request.base,
    author: info.author,
    committer: info.committer,
    message: info.message,
    trailers: info.trailers,
    ...(info.headers ? { headers: info.headers } : {}),
    files: diff.files.map((file) => toFileChange(file, options)),
  };
}

const utf8 = new TextDecoder('utf-8');
// Made on first use: the first UTF-16 decoder costs about 0.06 ms to make, and most runs decode no UTF-16.
let utf16le: TextDecoder | undefined;
let utf16be: TextDecoder | undefined;

/**
 * Decodes blob content as UTF-16 when it starts with a UTF-16 byte order mark
 * (git calls such a file binary, since it contains NUL bytes), else as UTF-8.
 * Each decoder drops its byte order mark.
 */
function decodeBlob(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return (utf16le ??= new TextDecoder('utf-16le')).decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return (utf16be ??= new TextDecoder('utf-16be')).decode(bytes);
  return utf8.decode(bytes);
}

export function toFileChange(file: ParsedFile, options: DiffSourceOptions): FileChange {
  const { raw } = file;
  const oldKind = kindOfMode(raw.oldMode);
  const newKind = kindOfMode(raw.newMode);
  const submodule = oldKind === 'submodule' || newKind === 'submodule';
  const skipped = file.skipped ?? (submodule ? 'submodule' : undefined);
  // Several detectors read the same file, so each side is read and decoded once
  // per change and freed with it.
  const readBlob = (oid: string, kind: string): (() => Promise<string | null>) => {
    let content: Promise<string | null> | undefined;
    const load = async (): Promise<string | null> => {
      if (skipped === 'too-large' || kind === 'submodule' || kind === 'none') return null;
      const bytes = await options.blobs.read(oid, options.maxFileBytes);
      return bytes === null ? null : decodeBlob(bytes);
    };
    return () => (content ??= load());
  };
  const added = submodule ? [] : file.added;
  const removed = submodule ? [] : file.removed;
  return {
    status: raw.status,
    oldPath: file.oldPath,
    newPath: file.newPath,
    path: (file.newPath ?? file.oldPath)!,
    pathEscaped: file.pathEscaped,
    oldMode: raw.oldMode,
    newMode: raw.newMode,
    oldKind,
    newKind,
    oldOid: raw.oldOid,
    newOid: raw.newOid,
    similarity: raw.similarity,
    binary: file.binary,
    crlf: file.crlf,
    skipped,
    hunks: submodule ? [] : file.hunks,
    added,
    removed,
    oldContent: readBlob(raw.oldOid, oldKind),
    newContent: readBlob(raw.newOid, newKind),
    newContentStream: (maxBytes) => (newKind === 'file' ? streamBlob(options.cwd, raw.newOid, maxBytes) : null),
  };
}
