// CRC32 (IEEE 802.3 polynomial, as zlib computes it) and the base62 form in
// which GitHub and npm append it to their tokens.

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n += 1) {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c >>> 0;
}

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Encodes a number in base62, left-padded with `0` to `width` digits. */
export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** Tests the last six characters of a token body against the CRC32 of the characters before them. */
export function hasValidChecksum(body: string): boolean {
  if (body.length <= 6) return false;
  return base62(crc32(body.slice(0, -6)), 6) === body.slice(-6);
}
