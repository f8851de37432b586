// The verdict notes ref is the server's audit record. An update of it may add
// notes, and merge them (git notes merge -s union appends one note's text to
// another's), but may not drop or rewrite a note the server already has.
import { readObjects } from '../git/batch-objects.js';
import { notesTreeEntries } from '../notes/store.js';

/** Marks a commit whose note the tree has at two paths. git then shows both texts joined, so the note changed. */
const AMBIGUOUS = 'ambiguous';

/** Maps each annotated commit of a notes commit to its note blob, or to AMBIGUOUS when it has two. */
function notesOf(cwd: string, notesCommit: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const { commit, blob } of notesTreeEntries(cwd, notesCommit)) notes.set(commit, notes.has(commit) ? AMBIGUOUS : blob);
  return notes;
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
    const ids = [...new Set(changed.flatMap((c) => [c.from, c.to]))];
    const objects = readObjects(cwd, ids);
    const content = new Map(ids.map((id, index) => [id, objects[index]!.content]));
    for (const { commit, from, to } of changed) {
      if (!content.get(to)!.includes(content.get(from)!)) dropped.push(commit);
    }
  }
  return dropped;
}
