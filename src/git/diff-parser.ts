import { isAscii } from 'node:buffer';
import type { DiffLine, FileStatus, Hunk, SkipReason } from '../model/types.js';
import { decodePath } from './paths.js';

// Incremental parser for the output of
//   git diff-tree --stdin -z -r --raw -p --text --always ...   (with commit headers)
//   git diff-index --cached -z -r --raw -p --text ...          (without)
// With -z the raw part is NUL-separated (`:modes oids status NUL path NUL [path NUL]`),
// a lone NUL separates it from the patch, and the patch itself is newline-separated.
// The patch sections follow the raw entries in the same order, so paths come from
// the raw part, where git never quotes them, and the patch headers are not parsed.

const NUL = 0x00;
const NEWLINE = 0x0a;
const COLON = 0x3a;
// Bytes tested at once with isAscii when looking for the next byte outside ASCII.
const ASCII_BLOCK = 1024;

export interface RawEntry {
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  status: FileStatus;
  similarity?: number;
  oldPathBytes: Buffer;
  newPathBytes: Buffer;
}

export interface ParsedFile {
  raw: RawEntry;
  oldPath: string | null;
  newPath: string | null;
  pathEscaped: boolean;
  hunks: Hunk[];
  added: DiffLine[];
  removed: DiffLine[];
  binary: boolean;
  crlf: boolean;
  skipped?: SkipReason;
  /** Bytes of added text seen, counted even after the size cap dropped the lines. */
  addedBytes: number;
}

export interface ParsedCommitDiff {
  /** The commit id from the diff-tree header, or null in diff-index mode. */
  sha: string | null;
  files: ParsedFile[];
}

export interface DiffParserOptions {
  /** True for diff-tree --stdin output, which starts each commit with `<sha> NUL`. */
  commitHeaders: boolean;
  /** Added bytes above which a file's lines are dropped and the file marked `too-large`. */
  maxFileBytes: number;
  /** With commit headers: the cap of each commit by id, in place of `maxFileBytes`. */
  maxFileBytesFor?(sha: string): number;
  onCommit(diff: ParsedCommitDiff): void;
}

type State = 'header' | 'raw' | 'patch';

// An added or removed line is one object in both the file's `added` or
// `removed` list and its hunk's `lines`, which halves the objects per
// changed line. The hunk fields are getters, so the own fields are those of
// a DiffLine.

/** An added line, also its own entry in the hunk. */
class AddedLine implements DiffLine {
  constructor(
    public line: number,
    public text: string,
  ) {}

  get op(): '+' {
    return '+';
  }

  get oldLine(): number {
    return 0;
  }

  get newLine(): number {
    return this.line;
  }
}

/** A removed line, also its own entry in the hunk. */
class RemovedLine implements DiffLine {
  constructor(
    public line: number,
    public text: string,
  ) {}

  get op(): '-' {
    return '-';
  }

  get oldLine(): number {
    return this.line;
  }

  get newLine(): number {
    return 0;
  }
}

const STATUS: Record<string, FileStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};


function isHex(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66);
}

/**
 * Tells whether `buffer` at `offset` starts a diff-tree commit header: 40 or 64
 * hex digits and a NUL. Returns null when more bytes are needed to decide.
 */
function headerAt(buffer: Buffer, offset: number, atEnd: boolean): boolean | null {
  for (let i = 0; i <= 64; i += 1) {
    if (offset + i >= buffer.length) return atEnd ? false : null;
    const byte = buffer[offset + i]!;
    if (byte === NUL) return i === 40 || i === 64;
    if (!isHex(byte)) return false;
  }
  return false;
}

export class DiffParser {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;
  /** Chunks received while the buffer ends inside a record, not yet joined to it. */
  private waiting: Buffer[] = [];
  private state: State;
  private current: ParsedCommitDiff | null = null;
  /** The size cap of the commit being read. */
  private maxFileBytes: number;
  private pendingRaw: RawEntry[] = [];
  private fileIndex = -1;
  private hunk: Hunk | null = null;
  /** True while the open hunk's `lines` is its file's `added` array (see readSectionLine). */
  private linesShared = false;
  private oldLeft = 0;
  private newLeft = 0;
  private oldLine = 0;
  private newLine = 0;
  /** Offset of the next NUL byte at or after the last position searched, or -1 before any search. */
  private nulAt = -1;
  /** The buffer decoded as latin1, made for the first line that needs it. */
  private latin1: string | null = null;
  /** Whether every byte of the buffer is ASCII, or null before the first line needs to know. */
  private ascii: boolean | null = null;
  /** Offset of the next byte outside ASCII at or after the last position searched, or -1 before any search. */
  private highAt = -1;

  constructor(private readonly options: DiffParserOptions) {
    this.maxFileBytes = options.maxFileBytes;
    this.state = options.commitHeaders ? 'header' : 'raw';
    if (!options.commitHeaders) this.current = { sha: null, files: [] };
  }

  push(chunk: Buffer): void {
    if (this.offset < this.buffer.length && chunk.indexOf(NEWLINE) < 0 && chunk.indexOf(NUL) < 0) {
      // Every record ends at a newline or a NUL, so the parser cannot move on
      // before one arrives. Holding the chunk, rather than joining it to the
      // rest now, keeps a line of many chunks (minified code) from being
      // copied and searched again with each chunk.
      this.waiting.push(chunk);
      return;
    }
    this.join(chunk);
    this.drain(false);
  }

  end(): void {
    if (this.waiting.length > 0) this.join(Buffer.alloc(0));
    this.drain(true);
    if (this.offset < this.buffer.length) {
      throw new Error(`diff output ended inside a record (${this.buffer.length - this.offset} bytes left)`);
    }
    this.finishCommit();
  }

  /** Makes the unread bytes, the chunks held back and `chunk` the new buffer. */
  private join(chunk: Buffer): void {
    if (this.offset >= this.buffer.length && this.waiting.length === 0) {
      this.buffer = chunk;
    } else {
      this.buffer = Buffer.concat([this.buffer.subarray(this.offset), ...this.waiting, chunk]);
      this.waiting = [];
    }
    this.offset = 0;
    this.nulAt = -1;
    this.latin1 = null;
    this.ascii = null;
    this.highAt = -1;
  }

  private drain(atEnd: boolean): void {
    for (;;) {
      let progressed: boolean;
      if (this.state === 'header') progressed = this.readHeader();
      else if (this.state === 'raw') progressed = this.readRaw(atEnd);
      else progressed = this.readPatchLine(atEnd);
      if (!progressed) return;
    }
  }

  private indexOf(byte: number): number {
    return this.buffer.indexOf(byte, this.offset);
  }

  private readHeader(): boolean {
    if (this.offset >= this.buffer.length) return false;
    const end = this.indexOf(NUL);
    if (end < 0) return false;
    const sha = this.buffer.toString('latin1', this.offset, end).trim();
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) {
      throw new Error(`expected a commit id in diff output, got ${JSON.stringify(sha.slice(0, 80))}`);
    }
    this.offset = end + 1;
    this.current = { sha, files: [] };
    this.maxFileBytes = this.options.maxFileBytesFor?.(sha) ?? this.options.maxFileBytes;
    this.pendingRaw = [];
    this.fileIndex = -1;
    this.state = 'raw';
    return true;
  }

  private readRaw(atEnd: boolean): boolean {
    if (this.offset >= this.buffer.length) return false;
    const first = this.buffer[this.offset]!;
    if (first === NUL) {
      // Separator between the raw part and the patch.
      this.offset += 1;
      this.state = 'patch';
      return true;
    }
    if (first !== COLON) {
      const header = this.options.commitHeaders ? headerAt(this.buffer, this.offset, atEnd) : false;
      if (header === null) return false;
      if (header) {
        this.finishCommit();
        this.state = 'header';
        return true;
      }
      throw new Error(`unexpected byte 0x${first.toString(16)} in raw diff output`);
    }
    const metaEnd = this.indexOf(NUL);
    if (metaEnd < 0) return false;
    const meta = this.buffer.toString('latin1', this.offset + 1, metaEnd).split(' ');
    if (meta.length < 5) throw new Error(`malformed raw diff entry ${JSON.stringify(meta.join(' '))}`);
    const [oldMode, newMode, oldOid, newOid, statusField] = meta as [string, string, string, string, string];
    const letter = statusField[0] ?? '';
    const status = STATUS[letter];
    if (!status) throw new Error(`unknown diff status ${JSON.stringify(statusField)}`);
    const twoPaths = letter === 'R' || letter === 'C';
    const pathEnd = this.buffer.indexOf(NUL, metaEnd + 1);
    if (pathEnd < 0) return false;
    let secondEnd = pathEnd;
    if (twoPaths) {
      secondEnd = this.buffer.indexOf(NUL, pathEnd + 1);
      if (secondEnd < 0) return false;
    }
    const firstPath = Buffer.from(this.buffer.subarray(metaEnd + 1, pathEnd));
    const secondPath = twoPaths ? Buffer.from(this.buffer.subarray(pathEnd + 1, secondEnd)) : firstPath;
    const similarity = twoPaths ? Number.parseInt(statusField.slice(1), 10) : undefined;
    this.pendingRaw.push({
      oldMode,
      newMode,
      oldOid,
      newOid,
      status,
      similarity: Number.isFinite(similarity) ? similarity : undefined,
      oldPathBytes: firstPath,
      newPathBytes: secondPath,
    });
    this.offset = secondEnd + 1;
    return true;
  }

  private readPatchLine(atEnd: boolean): boolean {
    if (this.offset >= this.buffer.length) return false;
    if (this.hunk === null && this.options.commitHeaders && isHex(this.buffer[this.offset]!)) {
      const header = headerAt(this.buffer, this.offset, atEnd);
      if (header === null) return false;
      if (header) {
        this.finishCommit();
        this.state = 'header';
        return true;
      }
    }
    let end = this.indexOf(NEWLINE);
    if (end < 0) {
      if (!atEnd) return false;
      end = this.buffer.length;
    }
    const start = this.offset;
    this.offset = Math.min(end + 1, this.buffer.length);
    if (this.hunk) this.readHunkLine(start, end);
    else this.readSectionLine(this.buffer.subarray(start, end));
    return true;
  }

  /** Tells whether the buffer contains a NUL byte in [start, end), searching each stretch once. */
  private hasNul(start: number, end: number): boolean {
    if (this.nulAt < start) {
      const found = this.buffer.indexOf(NUL, start);
      this.nulAt = found < 0 ? this.buffer.length : found;
    }
    return this.nulAt < end;
  }

  /**
   * Decodes bytes [start, end) of the buffer as UTF-8. Like TextDecoder, it
   * drops a leading byte order mark and replaces invalid bytes with U+FFFD.
   *
   * A line of ASCII bytes is cut from the whole buffer decoded once as latin1,
   * which gives the same text. Decoding each line on its own calls into node's
   * C++ once per line: over the 1.3 million lines of the bench history's diff,
   * 0.32 s against 0.14 s this way (one isolated run of each). A cut line keeps
   * the whole decoded buffer alive, so what outlives the commit must be copied
   * with ownText (src/util/own-text.ts).
   */
  private text(start: number, end: number): string {
    const buffer = this.buffer;
    if (this.isAsciiRange(start, end)) {
      this.latin1 ??= buffer.toString('latin1');
      return this.latin1.substring(start, end);
    }
    if (end - start >= 3 && buffer[start] === 0xef && buffer[start + 1] === 0xbb && buffer[start + 2] === 0xbf) start += 3;
    return buffer.toString('utf8', start, end);
  }

  /** Tells whether bytes [start, end) of the buffer are all ASCII, searching each stretch once. */
  private isAsciiRange(start: number, end: number): boolean {
    this.ascii ??= isAscii(this.buffer);
    if (this.ascii) return true;
    if (this.highAt < start) this.highAt = this.nextHighByte(start);
    return this.highAt >= end;
  }

  /**
   * Returns the offset of the first byte outside ASCII at or after `from`, or the buffer's
   * length. Whole blocks are tested with node's isAscii, which reads many bytes per step, and
   * only the block that contains such a byte is read one byte at a time.
   */
  private nextHighByte(from: number): number {
    const buffer = this.buffer;
    for (let at = from; at < buffer.length; at += ASCII_BLOCK) {
      if (isAscii(buffer.subarray(at, at + ASCII_BLOCK))) continue;
      while (buffer[at]! < 0x80) at += 1;
      return at;
    }
    return buffer.length;
  }

  private readSectionLine(line: Buffer): void {
    if (line.length >= 11 && line.toString('latin1', 0, 11) === 'diff --git ') {
      this.fileIndex += 1;
      const raw = this.pendingRaw[this.fileIndex];
      if (!raw) throw new Error('diff output has more patch sections than raw entries');
      this.current!.files.push(newParsedFile(raw));
      return;
    }
    if (line.length >= 3 && line[0] === 0x40 && line[1] === 0x40 && line[2] === 0x20) {
      const match = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line.toString('latin1'));
      if (!match) throw new Error(`malformed hunk header ${JSON.stringify(line.toString('latin1').slice(0, 80))}`);
      const oldStart = Number(match[1]);
      const oldLines = match[2] === undefined ? 1 : Number(match[2]);
      const newStart = Number(match[3]);
      const newLines = match[4] === undefined ? 1 : Number(match[4]);
      const file = this.currentFile();
      // A hunk with no old lines (a new file's) contains added lines alone, exactly the file's
      // added lines, so both share one array instead of each growing its own. The parser puts
      // only AddedLine objects, which are hunk lines too, in `added`.
      this.linesShared = oldLines === 0 && file.added.length === 0 && !file.skipped;
      const lines = this.linesShared ? (file.added as unknown as Hunk['lines']) : [];
      this.hunk = { oldStart, oldLines, newStart, newLines, lines };
      this.oldLeft = oldLines;
      this.newLeft = newLines;
      this.oldLine = oldLines === 0 ? oldStart : oldStart - 1;
      this.newLine = newLines === 0 ? newStart : newStart - 1;
      if (this.oldLeft === 0 && this.newLeft === 0) this.closeHunk();
      return;
    }
    if (line.length > 0 && line[0] === 0x5c) return; // "\ No newline at end of file" after a hunk
    // Extended headers (mode, index, rename, similarity, ---/+++) carry nothing the raw part lacks.
  }

  // Works on offsets into the buffer: this runs once per diff line, so it
  // allocates nothing but the decoded text and the line records.
  private readHunkLine(start: number, end: number): void {
    const file = this.currentFile();
    const buffer = this.buffer;
    const op = start === end ? 0x20 : buffer[start]!;
    if (op === 0x5c) return; // "\ No newline at end of file"
    const contentStart = start === end ? start : start + 1;
    let contentEnd = end;
    if (contentEnd > contentStart && buffer[contentEnd - 1] === 0x0d) {
      contentEnd -= 1;
      if (op !== 0x2d) file.crlf = true;
    }
    if (!file.binary && this.hasNul(contentStart, contentEnd)) file.binary = true;
    if (op === 0x2b) {
      this.newLine += 1;
      this.newLeft -= 1;
      file.addedBytes += contentEnd - contentStart + 1;
      if (file.addedBytes > this.maxFileBytes) this.markTooLarge(file);
      if (!file.skipped) {
        const entry = new AddedLine(this.newLine, this.text(contentStart, contentEnd));
        file.added.push(entry);
        if (!this.linesShared) this.hunk!.lines.push(entry);
      }
    } else if (op === 0x2d) {
      this.oldLine += 1;
      this.oldLeft -= 1;
      if (!file.skipped) {
        const entry = new RemovedLine(this.oldLine, this.text(contentStart, contentEnd));
        file.removed.push(entry);
        this.ownHunkLines().push(entry);
      }
    } else if (op === 0x20) {
      this.oldLine += 1;
      this.newLine += 1;
      this.oldLeft -= 1;
      this.newLeft -= 1;
      if (!file.skipped) {
        this.ownHunkLines().push({ op: ' ', oldLine: this.oldLine, newLine: this.newLine, text: this.text(contentStart, contentEnd) });
      }
    } else {
      throw new Error(`unexpected line in hunk: ${JSON.stringify(buffer.toString('latin1', start, Math.min(end, start + 40)))}`);
    }
    if (this.oldLeft <= 0 && this.newLeft <= 0) this.closeHunk();
  }

  /**
   * Returns the hunk's own line array, copying the shared one first. Git writes no removed or
   * context line in a hunk without old lines, so this copy is a guard against malformed output.
   */
  private ownHunkLines(): Hunk['lines'] {
    if (this.linesShared) {
      this.hunk!.lines = this.hunk!.lines.slice();
      this.linesShared = false;
    }
    return this.hunk!.lines;
  }

  private markTooLarge(file: ParsedFile): void {
    if (file.skipped) return;
    file.skipped = 'too-large';
    file.added = [];
    file.removed = [];
    file.hunks = [];
    if (this.hunk) this.hunk.lines = [];
    this.linesShared = false;
  }

  private closeHunk(): void {
    const file = this.currentFile();
    if (!file.skipped && this.hunk) file.hunks.push(this.hunk);
    this.hunk = null;
    this.linesShared = false;
  }

  private currentFile(): ParsedFile {
    const file = this.current?.files[this.fileIndex];
    if (!file) throw new Error('hunk outside of a file section in diff output');
    return file;
  }

  private finishCommit(): void {
    if (this.hunk) throw new Error('diff output ended inside a hunk');
    const commit = this.current;
    if (!commit) return;
    // Entries with no patch section (possible only if git printed none) still count as changes.
    for (let i = commit.files.length; i < this.pendingRaw.length; i += 1) {
      commit.files.push(newParsedFile(this.pendingRaw[i]!));
    }
    this.current = null;
    this.pendingRaw = [];
    this.fileIndex = -1;
    this.options.onCommit(commit);
  }
}

function newParsedFile(raw: RawEntry): ParsedFile {
  const oldDecoded = decodePath(raw.oldPathBytes);
  const newDecoded = decodePath(raw.newPathBytes);
  return {
    raw,
    oldPath: raw.status === 'added' ? null : oldDecoded.path,
    newPath: raw.status === 'deleted' ? null : newDecoded.path,
    pathEscaped: oldDecoded.escaped || newDecoded.escaped,
    hunks: [],
    added: [],
    removed: [],
    binary: false,
    crlf: false,
    addedBytes: 0,
  };
}
