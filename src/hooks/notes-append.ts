// The server's verdict notes go beside the notes a team pushed with its
// commits. Replacing them would drop the client's own signed verdict and the
// runtime signal it recorded. So the server appends its note to the existing
// text the way `git notes merge -s union` concatenates two notes, and readers
// split the text into one note per verdict header.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GitError } from '../errors.js';
import { readObjects } from '../git/batch-objects.js';
import { gitSync } from '../git/exec.js';
import type { CommitVerdict } from '../model/types.js';
import { NOTES_REF, writeVerdictNotes, type NoteWriteOptions } from '../notes/index.js';
import { notesTreeEntries, readRef } from '../notes/store.js';
import type { Policy } from '../packs/types.js';
import { commitNotes, writeBlobs, type NoteEntry } from './notes-tree.js';

const MAX_ATTEMPTS = 40;

/**
 * Writes verdict notes under NOTES_REF, appending each to the note its commit
 * already has instead of replacing it. The notes are first rendered and signed
 * into a temporary notes ref, which is deleted afterwards.
 */
export async function appendVerdictNotes(
  verdicts: readonly CommitVerdict[],
  policies: readonly Policy[],
  options: Omit<NoteWriteOptions, 'ref'>,
): Promise<void> {
  const scratch = `refs/notes/tmp/diff-guardian-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const written = await writeVerdictNotes(verdicts, policies, { ...options, ref: scratch });
    if (!written.notesCommit) return;
    await appendNotes(options.cwd, notesTreeEntries(options.cwd, written.notesCommit));
  } finally {
    gitSync(['update-ref', '-d', scratch], { cwd: options.cwd, okCodes: [1] });
  }
}

/**
 * Appends each note blob of `additions` to the note of the same commit under
 * NOTES_REF. The ref moves only if no other writer moved it meanwhile, and a
 * lost race repeats from the new tip. A note whose text already ends with the
 * addition is left as it is.
 */
async function appendNotes(cwd: string, additions: readonly NoteEntry[]): Promise<void> {
  const commits = new Set(additions.map((entry) => entry.commit));
  for (let attempt = 1; ; attempt += 1) {
    const tip = readRef(cwd, NOTES_REF);
    const existing = tip ? notesTreeEntries(cwd, tip).filter((entry) => commits.has(entry.commit)) : [];
    const blobOf = new Map(existing.map((entry) => [entry.commit, entry.blob]));
    const ids = [...new Set([...existing.map((e) => e.blob), ...additions.map((e) => e.blob)])];
    const objects = readObjects(cwd, ids);
    const text = new Map(ids.map((id, index) => [id, objects[index]!.content.toString('utf8')]));
    const joined = additions.filter(({ commit }) => blobOf.has(commit));
    const blobs = writeBlobs(cwd, joined.map(({ commit, blob }) => joinNotes(text.get(blobOf.get(commit)!)!, text.get(blob)!)));
    const joinedBlob = new Map(joined.map(({ commit }, index) => [commit, blobs[index]!]));
    const entries = additions.map(({ commit, blob }) => ({ commit, blob: joinedBlob.get(commit) ?? blob }));
    const next = commitNotes(cwd, tip, entries);
    try {
      gitSync(['update-ref', '-m', 'Notes added by diff-guardian', NOTES_REF, next, tip ?? ''], { cwd });
      return;
    } catch (error) {
      if (!(error instanceof GitError) || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(5 + Math.floor(Math.random() * 20 * Math.min(attempt, 8)));
    }
  }
}

/** Joins two notes as `git notes merge -s union` does: a blank line between them. */
function joinNotes(before: string, added: string): string {
  if (before.endsWith(added)) return before;
  return `${before.replace(/\n*$/, '\n')}\n${added}`;
}

