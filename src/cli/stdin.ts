import { fstatSync, readSync } from 'node:fs';

const CHUNK_BYTES = 64 * 1024;

// The launcher may read stdin before the CLI bundle loads (see prefetch-plan.ts).
// The launcher and the CLI are separate bundles, each with its own copy of this
// module, so what it read waits on globalThis for readAllStdin.
const EARLY = Symbol.for('diff-guardian.stdin-read-early');

interface EarlyRead {
  bytes: Buffer;
  /** True when stdin ended. False when a read failed or would have blocked, so the rest is still unread. */
  complete: boolean;
}

type Holder = { [EARLY]?: EarlyRead };

/**
 * Appends synchronous reads of stdin to `chunks` until its end, and returns
 * true then. A stdin that another process left non-blocking fails with
 * EAGAIN: the reads stop there and it returns false. Other errors are thrown.
 */
function readSyncUntilBlocked(chunks: Buffer[]): boolean {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (;;) {
    let count: number;
    try {
      count = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Windows reports the end of a pipe as an EOF error.
      if (code === 'EOF') return true;
      if (code === 'EAGAIN') return false;
      throw error;
    }
    if (count === 0) return true;
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
}

/** Tells whether stdin is a character device: a terminal, or /dev/null. */
function stdinIsDevice(): boolean {
  try {
    return fstatSync(0).isCharacterDevice();
  } catch {
    return false;
  }
}

/**
 * Reads stdin before the CLI loads, and keeps the bytes for readAllStdin.
 * Returns them when stdin ended, and null when it is a device or could not be
 * read to its end without blocking or failing. readAllStdin then reads the
 * rest and reports any error as it would have.
 */
export function readStdinEarly(): Buffer | null {
  // A terminal is left to the command, which may stop on its arguments before it waits for one.
  if (stdinIsDevice()) return null;
  const chunks: Buffer[] = [];
  let complete = false;
  try {
    complete = readSyncUntilBlocked(chunks);
  } catch {
    complete = false;
  }
  const bytes = Buffer.concat(chunks);
  (globalThis as Holder)[EARLY] = { bytes, complete };
  return complete ? bytes : null;
}

/**
 * Reads stdin to its end. Hooks and the gate read a few lines there on every
 * run, and synchronous reads skip loading node's stream modules. When a read
 * would block (EAGAIN), the rest is read as a stream, after the bytes already
 * read. Bytes the launcher read early come first.
 */
export async function readAllStdin(): Promise<Buffer> {
  const holder = globalThis as Holder;
  const early = holder[EARLY];
  delete holder[EARLY];
  if (early?.complete) return early.bytes;
  const chunks: Buffer[] = early ? [early.bytes] : [];
  if (!readSyncUntilBlocked(chunks)) {
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
