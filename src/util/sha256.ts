import { crypto } from './lazy-builtins.js';

/**
 * Returns the SHA-256 of `data` in hex. node:crypto loads on the first call, so
 * a hook on a commit without findings, which never needs a hash, does not load it.
 */
export function sha256Hex(data: string | Buffer): string {
  return crypto().createHash('sha256').update(data).digest('hex');
}
