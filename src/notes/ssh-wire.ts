// The SSH wire encoding of RFC 4251 section 5: uint32 big-endian integers and
// length-prefixed byte strings, as used by OpenSSH keys and SSHSIG signatures.

/** Accumulates SSH wire fields into one buffer. */
export class WireWriter {
  private readonly parts: Buffer[] = [];

  raw(bytes: Buffer | string): this {
    this.parts.push(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    return this;
  }

  uint32(value: number): this {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(value >>> 0);
    this.parts.push(bytes);
    return this;
  }

  string(value: Buffer | string): this {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    return this.uint32(bytes.length).raw(bytes);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Raised when SSH wire data ends early or contains a field this code does not accept. */
export class WireFormatError extends Error {
  override name = 'WireFormatError';
}

/** Reads SSH wire fields in order, raising WireFormatError on truncated input. */
export class WireReader {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {}

  raw(length: number): Buffer {
    if (this.offset + length > this.bytes.length) {
      throw new WireFormatError(
        `truncated data: ${length} bytes expected at offset ${this.offset}`,
      );
    }
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  uint32(): number {
    return this.raw(4).readUInt32BE(0);
  }

  string(): Buffer {
    return this.raw(this.uint32());
  }

  text(): string {
    return this.string().toString('utf8');
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }
}

/** Wraps base64 text at `width` columns between BEGIN and END armor lines. */
export function armor(label: string, bytes: Buffer, width = 70): string {
  const base64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += width) lines.push(base64.slice(i, i + width));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Decodes the base64 between BEGIN and END armor lines, or returns null when they are missing. */
export function dearmor(label: string, text: string): Buffer | null {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end, start + begin.length);
  if (start < 0 || stop < 0) return null;
  const body = text.slice(start + begin.length, stop).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return null;
  return Buffer.from(body, 'base64');
}
