import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError } from '../errors.js';
import { gitSpawn, gitSync } from './exec.js';

interface Pending {
  oid: string;
  /** Blobs larger than this many bytes resolve to null. */
  maxBytes: number;
  resolve(value: Buffer | null): void;
  reject(error: Error): void;
}

/** The blob whose content is arriving: its size and the bytes copied so far. */
interface Body {
  pending: Pending;
  size: number;
  /** Destination of the content, or null for a blob over the size cap, whose bytes are skipped. */
  bytes: Buffer | null;
  /** Bytes consumed so far, counting the newline git prints after the content. */
  consumed: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * Reads blobs through one long-lived `git cat-file --batch` process, so whole
 * file contents cost one round trip each and no process start.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | null = null;
  private queue: Pending[] = [];
  /** Bytes of an incomplete header line. */
  private partial: Buffer = EMPTY;
  private body: Body | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly cwd: string,
    /** Blobs larger than this many bytes resolve to null instead of being read. */
    private readonly maxBytes: number,
  ) {}

  /**
   * Resolves to the blob's bytes, or null when it is missing or over the size
   * cap: `maxBytes` when given, else the reader's own.
   */
  read(oid: string, maxBytes = this.maxBytes): Promise<Buffer | null> {
    if (/^0+$/.test(oid)) return Promise.resolve(null);
    if (this.failure) return Promise.reject(this.failure);
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ oid, maxBytes, resolve, reject });
      child.stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    if (this.child) {
      this.child.stdin.end();
      this.child = null;
    }
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const { child } = gitSpawn(['cat-file', '--batch'], { cwd: this.cwd });
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.on('error', (error) => this.fail(new GitError(`git cat-file failed to start: ${error.message}`)));
    child.on('close', (code) => {
      if (this.queue.length > 0) this.fail(new GitError(`git cat-file exited (${code}) with reads pending`));
    });
    child.stdin.on('error', () => undefined);
    this.child = child;
    return child;
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  // Copies each content byte once into a buffer of the announced size, so a
  // large blob arriving in many chunks costs no repeated concatenation.
  private onData(chunk: Buffer): void {
    const data = this.partial.length === 0 ? chunk : Buffer.concat([this.partial, chunk]);
    this.partial = EMPTY;
    let offset = 0;
    while (offset < data.length) {
      if (this.body) {
        offset = this.readBody(this.body, data, offset);
        continue;
      }
      const pending = this.queue[0];
      const headerEnd = data.indexOf(0x0a, offset);
      if (!pending || headerEnd < 0) {
        this.partial = Buffer.from(data.subarray(offset));
        return;
      }
      const header = data.toString('latin1', offset, headerEnd);
      offset = headerEnd + 1;
      if (header.endsWith(' missing')) {
        this.queue.shift();
        pending.resolve(null);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (!Number.isSafeInteger(size) || size < 0) {
        this.fail(new GitError(`unexpected git cat-file header ${JSON.stringify(header)}`));
        return;
      }
      const bytes = size > pending.maxBytes ? null : Buffer.allocUnsafe(size);
      this.body = { pending, size, bytes, consumed: 0 };
    }
  }

  /** Consumes content bytes from `data` at `offset` and returns the offset after them. */
  private readBody(body: Body, data: Buffer, offset: number): number {
    const take = Math.min(body.size + 1 - body.consumed, data.length - offset);
    const contentBytes = Math.min(take, body.size - body.consumed);
    if (body.bytes && contentBytes > 0) data.copy(body.bytes, body.consumed, offset, offset + contentBytes);
    body.consumed += take;
    if (body.consumed === body.size + 1) {
      this.body = null;
      this.queue.shift();
      body.pending.resolve(body.bytes);
    }
    return offset + take;
  }
}

/** A blob read as a stream, from `streamBlob`. */
export interface BlobStream {
  /** Size of the whole blob in bytes. */
  size: number;
  /** The blob's first bytes, up to the cap given to `streamBlob`, in chunks. */
  chunks: AsyncIterable<Buffer>;
}

/**
 * Streams the first `maxBytes` bytes of a blob through its own
 * `git cat-file blob`, so that no more than a pipe's worth of it is in memory
 * unless the consumer keeps it. Returns null when the blob is missing.
 */
export function streamBlob(cwd: string, oid: string, maxBytes: number): BlobStream | null {
  if (/^0+$/.test(oid)) return null;
  const text = gitSync(['cat-file', '-s', oid], { cwd, okCodes: [128] }).trim();
  const size = Number(text);
  if (text === '' || !Number.isSafeInteger(size)) return null;
  return { size, chunks: blobChunks(cwd, oid, maxBytes) };
}

async function* blobChunks(cwd: string, oid: string, maxBytes: number): AsyncGenerator<Buffer> {
  const { child, args } = gitSpawn(['cat-file', 'blob', oid], { cwd });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(new GitError(`git cat-file failed to start: ${error.message}`, args)));
    child.on('close', (code) => resolve(code ?? -1));
  });
  child.stdin.end();
  child.stderr.resume();
  let read = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const taken = Math.min(chunk.length, maxBytes - read);
      read += taken;
      yield taken === chunk.length ? chunk : chunk.subarray(0, taken);
      if (read >= maxBytes) return;
    }
    const code = await exited;
    if (code !== 0) throw new GitError(`git cat-file blob ${oid} failed (exit ${code})`, args);
  } finally {
    if (child.exitCode === null) child.kill();
  }
}
