import { structuredPatch, type StructuredPatchHunk } from 'diff';
import { kindOfMode } from '../git/modes.js';
import type { CommitChange, DiffLine, FileChange, Hunk, Identity } from '../model/types.js';

/** One file as a proposed action would leave it. */
export interface FileContents {
  /** Repository-relative path with `/` separators, or an absolute path outside the repository. */
  path: string;
  /** Content now, or null when the file does not exist yet. */
  old: string | null;
  /** Content after the action, or null when the action deletes the file. */
  new: string | null;
}

// Myers' diff costs grow with the product of file length and edit count, so a
// rewrite of a long file is shown as one hunk that replaces every line instead.
const MAX_EDIT_LENGTH = 4000;
const FILE_MODE = '100644';
const NO_MODE = '000000';
const NO_OID = '0'.repeat(40);

/**
 * Builds the change a commit of these files would carry: hunks with three
 * lines of context and line numbers as `git diff` gives them, and both whole
 * contents for the detectors that read them. Paths are kept exactly as given.
 */
export function changeOfFiles(files: readonly FileContents[], options: { sha: string; author: Identity }): CommitChange {
  return {
    sha: options.sha,
    tree: '',
    parents: [],
    base: null,
    author: options.author,
    committer: options.author,
    message: '',
    trailers: [],
    files: files.filter((file) => file.old !== file.new).map(fileChangeOf),
  };
}

function fileChangeOf(file: FileContents): FileChange {
  let status: FileChange['status'] = 'modified';
  if (file.old === null) status = 'added';
  else if (file.new === null) status = 'deleted';
  const added: DiffLine[] = [];
  const removed: DiffLine[] = [];
  const hunks: Hunk[] = [];
  let crlf = false;
  let binary = false;
  for (const patch of hunksOf(file.old ?? '', file.new ?? '')) {
    // Like a unified diff header, an empty side is numbered from the line before it (`@@ -0,0 +1,3 @@`).
    const hunk: Hunk = {
      oldStart: patch.oldLines === 0 ? patch.oldStart - 1 : patch.oldStart,
      oldLines: patch.oldLines,
      newStart: patch.newLines === 0 ? patch.newStart - 1 : patch.newStart,
      newLines: patch.newLines,
      lines: [],
    };
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of patch.lines) {
      // The whole contents keep a missing final newline, so the marker line is left out.
      if (line.startsWith('\\')) continue;
      let text = line.slice(1);
      if (text.endsWith('\r')) {
        text = text.slice(0, -1);
        crlf = true;
      }
      if (text.includes('\0')) binary = true;
      if (line[0] === '+') {
        added.push({ line: newLine, text });
        hunk.lines.push({ op: '+', oldLine: 0, newLine, text });
        newLine += 1;
      } else if (line[0] === '-') {
        removed.push({ line: oldLine, text });
        hunk.lines.push({ op: '-', oldLine, newLine: 0, text });
        oldLine += 1;
      } else {
        hunk.lines.push({ op: ' ', oldLine, newLine, text });
        oldLine += 1;
        newLine += 1;
      }
    }
    hunks.push(hunk);
  }
  const oldMode = file.old === null ? NO_MODE : FILE_MODE;
  const newMode = file.new === null ? NO_MODE : FILE_MODE;
  return {
    status,
    oldPath: file.old === null ? null : file.path,
    newPath: file.new === null ? null : file.path,
    path: file.path,
    pathEscaped: false,
    oldMode,
    newMode,
    oldKind: kindOfMode(oldMode),
    newKind: kindOfMode(newMode),
    oldOid: NO_OID,
    newOid: NO_OID,
    binary,
    crlf,
    hunks,
    added,
    removed,
    oldContent: async () => file.old,
    newContent: async () => file.new,
  };
}

function hunksOf(oldText: string, newText: string): StructuredPatchHunk[] {
  const patch = structuredPatch('a', 'b', oldText, newText, undefined, undefined, { context: 3, maxEditLength: MAX_EDIT_LENGTH });
  if (patch) return patch.hunks;
  return [wholeFileHunk(oldText, newText)];
}

function wholeFileHunk(oldText: string, newText: string): StructuredPatchHunk {
  const lines: string[] = [];
  const split = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const oldLines = split(oldText);
  const newLines = split(newText);
  for (const line of oldLines) lines.push(`-${line}`);
  for (const line of newLines) lines.push(`+${line}`);
  return { oldStart: 1, oldLines: oldLines.length, newStart: 1, newLines: newLines.length, lines };
}
