const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a path as git stores it. Valid UTF-8 comes back as is; other bytes
 * come back in git's C-style quoting (`\377`), so reports can show the name
 * without emitting invalid text.
 */
export function decodePath(bytes: Buffer): { path: string; escaped: boolean } {
  try {
    return { path: utf8Strict.decode(bytes), escaped: false };
  } catch {
    let out = '';
    for (const byte of bytes) {
      if (byte >= 0x20 && byte < 0x7f && byte !== 0x5c) out += String.fromCharCode(byte);
      else if (byte === 0x5c) out += '\\\\';
      else out += `\\${byte.toString(8).padStart(3, '0')}`;
    }
    return { path: out, escaped: true };
  }
}

/** Replaces control characters so a path cannot forge extra lines in text reports. */
export function printablePath(path: string): string {
  return path.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
