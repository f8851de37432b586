import { structuredPatch, type StructuredPatchHunk } from 'diff';
import { changeFromUnifiedDiff } from '../diff/unified.js';
import type { CommitChange, Identity } from '../model/types.js';

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

/**
 * Builds the change a commit of these files would carry, as unified-diff
 * hunks with three lines of context like `git diff`, with both whole contents
 * known to the detectors that read them.
 */
export function changeOfFiles(files: readonly FileContents[], options: { sha: string; author: Identity }): CommitChange {
  let text = '';
  const contents = { old: {} as Record<string, string>, new: {} as Record<string, string> };
  for (const file of files) {
    if (file.old === file.new) continue;
    if (file.old !== null) contents.old[file.path] = file.old;
    if (file.new !== null) contents.new[file.path] = file.new;
    text += unifiedDiffOf(file);
  }
  return changeFromUnifiedDiff(text, { sha: options.sha, author: options.author, contents });
}

function unifiedDiffOf(file: FileContents): string {
  const { path } = file;
  const header = [`diff --git a/${path} b/${path}`];
  if (file.old === null) header.push('new file mode 100644', '--- /dev/null', `+++ b/${path}`);
  else if (file.new === null) header.push('deleted file mode 100644', `--- a/${path}`, '+++ /dev/null');
  else header.push(`--- a/${path}`, `+++ b/${path}`);
  const hunks = hunksOf(file.old ?? '', file.new ?? '');
  const body = hunks.map((hunk) => {
    // Unified diffs number an empty side from the line before it, as in `@@ -0,0 +1,3 @@`.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    // parse-diff 0.12 reads a `\ No newline at end of file` marker as an added line, so markers are
    // left out; the whole contents passed alongside keep the missing final newline.
    const lines = hunk.lines.filter((line) => !line.startsWith('\\'));
    return [`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`, ...lines].join('\n');
  });
  return [...header, ...body].join('\n') + '\n';
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
