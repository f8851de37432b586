// The verdict notes ref is the server's audit record. An update of it may add
// notes, and merge them (git notes merge -s union appends one note's text to
// another's), but may not drop or rewrite a note the server already has.
import { gitSync, gitSyncBuffer } from '../git/exec.js';

/** Stands for a commit whose note the tree has at two paths; git then joins both, so the note changed. */
const AMBIGUOUS = 'ambiguous';

/** Maps each annotated commit of a notes commit to its note blob, whatever the fan-out of the tree. */
function notesOf(cwd: string, notesCommit: string): Map<string, string> {
  const notes = new Map<string, string>();
  const listing = gitSync(['ls-tree', '-r', '-z', notesCommit], { cwd });
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, blob] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1).replaceAll('/', '');
    if (type === 'blob' && blob && /^[0-9a-f]{40,64}$/.test(path)) notes.set(path, notes.has(path) ? AMBIGUOUS : blob);
  }
  return notes;
}

/** Reads blobs with one git process; returns their bytes by id. */
function readBlobs(cwd: string, ids: readonly string[]): Map<string, Buffer> {
  const out = gitSyncBuffer(['cat-file', '--batch'], { cwd, input: `${ids.join('\n')}\n` });
  const blobs = new Map<string, Buffer>();
  let at = 0;
  for (const id of ids) {
    const headerEnd = out.indexOf(0x0a, at);
    const size = Number(out.subarray(at, headerEnd).toString('latin1').split(' ')[2]);
    blobs.set(id, out.subarray(headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return blobs;
}

/**
 * Returns the commits whose note the update from `oldCommit` to `newCommit` of
 * a notes ref removes, or changes in a way that drops its old text.
 */
export function droppedNotes(cwd: string, oldCommit: string, newCommit: string): string[] {
  const before = notesOf(cwd, oldCommit);
  const after = notesOf(cwd, newCommit);
  const dropped: string[] = [];
  const changed: Array<{ commit: string; from: string; to: string }> = [];
  for (const [commit, blob] of before) {
    const now = after.get(commit);
    if (now === undefined || now === AMBIGUOUS) dropped.push(commit);
    else if (now !== blob) changed.push({ commit, from: blob, to: now });
  }
  if (changed.length > 0) {
    const blobs = readBlobs(cwd, [...new Set(changed.flatMap((c) => [c.from, c.to]))]);
    for (const { commit, from, to } of changed) {
      if (!blobs.get(to)!.includes(blobs.get(from)!)) dropped.push(commit);
    }
  }
  return dropped;
}
