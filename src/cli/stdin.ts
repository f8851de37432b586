import { readSync } from 'node:fs';

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads stdin to its end. Hooks and the gate read a few lines there on every
 * run, and synchronous reads skip loading node's stream modules. A stdin that
 * another process left non-blocking fails with EAGAIN, and the rest is then
 * read as a stream, after the bytes already read.
 */
export async function readAllStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (;;) {
    let count: number;
    try {
      count = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Windows reports the end of a pipe as an EOF error.
      if (code === 'EOF') break;
      if (code !== 'EAGAIN') throw error;
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      break;
    }
    if (count === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
  return Buffer.concat(chunks);
}
