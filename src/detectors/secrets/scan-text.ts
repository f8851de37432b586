import type { CommitChange, DiffLine, FileChange } from '../../model/types.js';
import { CommitCache } from '../commit-cache.js';
import { addedTextOf } from './added-text.js';

/** The path findings in the commit message are reported against. */
export const COMMIT_MESSAGE = '<commit-message>';

/** Added text of one file, or the commit message, as secret detectors read it. */
export interface ScanText {
  /** Repository path (escaped when not valid UTF-8), or `<commit-message>`. */
  path: string;
  file: FileChange | null;
  /** Added lines, normalized for scanning. */
  lines: DiffLine[];
  /**
   * Runs of added lines that follow each other in one hunk with nothing in
   * between. Built on first read, because only the assignment rules need them.
   */
  readonly runs: DiffLine[][];
  /**
   * Index in `lines` of the first line of each run, when each run is a stretch
   * of `lines`. It is null when the runs were matched by line number instead.
   */
  readonly runStarts: readonly number[] | null;
}

/**
 * Drops the NUL bytes of UTF-16 text, which git shows as binary: ASCII text
 * stored as UTF-16 has a NUL beside every character, and the credential in it
 * is readable once they are removed.
 */
function normalize(text: string): string {
  if (!text.includes('\0')) return text;
  return text.replace(/\0/g, '');
}

/**
 * Splits a file's added lines into runs. The parser lists the `+` entries of
 * the hunks in the order of `lines`, so they are matched by position. A change
 * model built another way falls back to a lookup by line number.
 */
function runsOf(file: FileChange, lines: DiffLine[]): { runs: DiffLine[][]; starts: number[] | null } {
  const starts = runStartsInOrder(file, lines);
  // One run of every line is `lines` itself, which the rules only read.
  if (starts && starts.length === 1 && starts[0] === 0) return { runs: [lines], starts };
  if (starts) return { runs: starts.map((start, run) => lines.slice(start, starts[run + 1] ?? lines.length)), starts };
  return { runs: runsByNumber(file, new Map(lines.map((line) => [line.line, line]))), starts: null };
}

/**
 * Returns where each run starts in `lines` when the `+` entries match `lines`
 * one to one in rising line order, or null.
 */
function runStartsInOrder(file: FileChange, lines: DiffLine[]): number[] | null {
  // The parser gives a new file's one hunk the file's own array of added lines, so they form one run.
  if (file.hunks.length === 1 && (file.hunks[0]!.lines as unknown) === lines) return lines.length === 0 ? null : [0];
  // Each run is a stretch of `lines`, so only where runs start is recorded, and the runs are cut
  // from `lines` at the end.
  const starts: number[] = [];
  let next = 0;
  let previous = 0;
  for (const hunk of file.hunks) {
    let inRun = false;
    for (const entry of hunk.lines) {
      if (entry.op !== '+') {
        inRun = false;
        continue;
      }
      const line = lines[next];
      if (line === undefined || line.line !== entry.newLine || line.line <= previous) return null;
      if (!inRun) starts.push(next);
      inRun = true;
      previous = line.line;
      next += 1;
    }
  }
  if (next !== lines.length || starts.length === 0) return null;
  return starts;
}

function runsByNumber(file: FileChange, lines: Map<number, DiffLine>): DiffLine[][] {
  const runs: DiffLine[][] = [];
  for (const hunk of file.hunks) {
    let run: DiffLine[] = [];
    for (const entry of hunk.lines) {
      const line = entry.op === '+' ? lines.get(entry.newLine) : undefined;
      if (line) {
        run.push(line);
        continue;
      }
      if (run.length > 0) runs.push(run);
      run = [];
    }
    if (run.length > 0) runs.push(run);
  }
  // A change model without hunks (hand-built) still gets one run per block of consecutive lines.
  if (runs.length === 0 && lines.size > 0) {
    let run: DiffLine[] = [];
    for (const line of lines.values()) {
      if (run.length > 0 && run[run.length - 1]!.line + 1 !== line.line) {
        runs.push(run);
        run = [];
      }
      run.push(line);
    }
    runs.push(run);
  }
  return runs;
}

/** Tests whether a file's added lines can be read: not skipped, not a symlink or submodule. */
export function isScannable(file: FileChange): boolean {
  return !file.skipped && file.newKind !== 'symlink' && file.newKind !== 'submodule' && file.added.length > 0;
}

/**
 * Added text of one file, with its runs built on first read. The getter sits
 * on the class because V8 gives each object literal with its own getter
 * function a new map in the old generation. That map keeps the file's lines
 * alive until the next full collection.
 */
class FileScanText implements ScanText {
  readonly path: string;
  private runsOfFile: { runs: DiffLine[][]; starts: number[] | null } | undefined;

  constructor(
    readonly file: FileChange,
    readonly lines: DiffLine[],
  ) {
    this.path = file.path;
  }

  get runs(): DiffLine[][] {
    this.runsOfFile ??= runsOf(this.file, this.lines);
    return this.runsOfFile.runs;
  }

  get runStarts(): readonly number[] | null {
    this.runsOfFile ??= runsOf(this.file, this.lines);
    return this.runsOfFile.starts;
  }
}

const cache = new CommitCache<CommitChange, ScanText[]>();

/** Returns the texts of a commit that secret detectors read: added lines of each file, then the message. */
export function scanTexts(commit: CommitChange, options: { message?: boolean } = {}): ScanText[] {
  let texts = cache.get(commit);
  if (!texts) {
    texts = [];
    for (const file of commit.files) {
      if (!isScannable(file)) continue;
      // Text without NUL bytes is read as is, so its lines share the joined text of `file.added`.
      const hasNul = addedTextOf(file.added).text.includes('\0');
      const lines = hasNul
        ? file.added.map((line) => ({ line: line.line, text: normalize(line.text) }))
        : file.added;
      texts.push(new FileScanText(file, lines));
    }
    if (commit.message.trim() !== '') {
      // Lines that start with `#` are read too: git keeps them for `-m`, `-F` and
      // every cleanup mode but `strip`, so they can reach the history.
      const lines = commit.message.split('\n').map((text, index) => ({ line: index + 1, text: text.replace(/\r$/, '') }));
      texts.push({ path: COMMIT_MESSAGE, file: null, lines, runs: [lines], runStarts: [0] });
    }
    cache.set(commit, texts);
  }
  return options.message === false ? texts.filter((t) => t.file !== null) : texts;
}
