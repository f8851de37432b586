import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError } from '../errors.js';
import { gitSpawn } from './exec.js';

interface Pending {
  oid: string;
  resolve(value: Buffer | null): void;
  reject(error: Error): void;
}

/**
 * Reads blobs through one long-lived `git cat-file --batch` process, so whole
 * file contents cost one round trip each and no process start.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | null = null;
  private queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | null = null;

  constructor(
    private readonly cwd: string,
    /** Blobs larger than this many bytes resolve to null instead of being read. */
    private readonly maxBytes: number,
  ) {}

  /** Resolves to the blob's bytes, or null when it is missing or over the size cap. */
  read(oid: string): Promise<Buffer | null> {
    if (/^0+$/.test(oid)) return Promise.resolve(null);
    if (this.failure) return Promise.reject(this.failure);
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ oid, resolve, reject });
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

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const pending = this.queue[0];
      if (!pending) return;
      const headerEnd = this.buffer.indexOf(0x0a);
      if (headerEnd < 0) return;
      const header = this.buffer.toString('latin1', 0, headerEnd);
      if (header.endsWith(' missing')) {
        this.buffer = this.buffer.subarray(headerEnd + 1);
        this.queue.shift();
        pending.resolve(null);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (!Number.isFinite(size)) {
        this.fail(new GitError(`unexpected git cat-file header ${JSON.stringify(header)}`));
        return;
      }
      if (this.buffer.length < headerEnd + 1 + size + 1) return;
      const body = this.buffer.subarray(headerEnd + 1, headerEnd + 1 + size);
      this.buffer = this.buffer.subarray(headerEnd + 1 + size + 1);
      this.queue.shift();
      pending.resolve(size > this.maxBytes ? null : Buffer.from(body));
    }
  }
}
