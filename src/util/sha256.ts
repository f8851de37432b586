import { createRequire } from 'node:module';

type CryptoModule = typeof import('node:crypto');

let crypto: CryptoModule | undefined;

/**
 * Returns the SHA-256 of `data` in hex. node:crypto is loaded on the first
 * call rather than at start-up: loading it costs a few milliseconds, and a
 * hook on a commit without findings never needs a hash.
 */
export function sha256Hex(data: string | Buffer): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as CryptoModule;
  return crypto.createHash('sha256').update(data).digest('hex');
}
