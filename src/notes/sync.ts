import { GitError } from '../errors.js';
import { gitSync } from '../git/exec.js';
import { debug } from '../log.js';
import { remoteNotesRef } from './config.js';
import { identityEnv, readRef } from './store.js';
import { NOTES_REF } from './types.js';

const MAX_PUSH_ATTEMPTS = 5;

export interface NotesSyncOptions {
  /** Also push the merged notes, repeating fetch and merge when another push got there first. */
  push?: boolean;
}

export interface NotesSyncResult {
  remote: string;
  /** The remote's notes commit, or null when the remote has no notes yet. */
  remoteNotes: string | null;
  /** The local notes commit after the merge. */
  localNotes: string | null;
  pushed: boolean;
}

/**
 * Fetches the remote's verdict notes into refs/notes/remotes/<remote>/diff-guardian
 * (never forced, so a rewritten remote ref fails loudly) and merges them into the
 * local notes with `git notes merge -s union`. Union keeps both notes when two
 * writers annotated the same commit, which verify accepts. Neither side's notes
 * are ever dropped, unlike a forced `+refs/notes/*:refs/notes/*` fetch.
 */
export function syncNotes(
  cwd: string,
  remote: string,
  options: NotesSyncOptions = {},
): NotesSyncResult {
  for (let attempt = 1; ; attempt += 1) {
    const remoteNotes = fetchAndMerge(cwd, remote);
    const localNotes = readRef(cwd, NOTES_REF);
    if (!options.push || !localNotes || localNotes === remoteNotes) {
      return { remote, remoteNotes, localNotes, pushed: false };
    }
    try {
      gitSync(['push', '--quiet', remote, `${NOTES_REF}:${NOTES_REF}`], { cwd });
      return { remote, remoteNotes, localNotes, pushed: true };
    } catch (error) {
      if (!(error instanceof GitError) || attempt >= MAX_PUSH_ATTEMPTS) throw error;
      debug(
        'notes',
        `push of ${NOTES_REF} to ${remote} was rejected (attempt ${attempt}); fetching and merging again`,
      );
    }
  }
}

function fetchAndMerge(cwd: string, remote: string): string | null {
  const tracking = remoteNotesRef(remote);
  const listed = gitSync(['ls-remote', '--refs', remote, NOTES_REF], { cwd }).trim();
  if (!listed) return null;
  try {
    gitSync(['fetch', '--quiet', '--no-write-fetch-head', remote, `${NOTES_REF}:${tracking}`], {
      cwd,
    });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const fresh = `${tracking}-new`;
    throw new GitError(
      `fetching ${NOTES_REF} from ${remote} into ${tracking} failed (${error.message}); if the remote notes were ` +
        `rewritten, fetch them under another name with \`git fetch ${remote} ${NOTES_REF}:${fresh}\` and merge them ` +
        `with \`git notes --ref=${NOTES_REF} merge -s union ${fresh}\``,
    );
  }
  const remoteNotes = readRef(cwd, tracking);
  if (remoteNotes && remoteNotes !== readRef(cwd, NOTES_REF)) {
    gitSync(['notes', `--ref=${NOTES_REF}`, 'merge', '--quiet', '--strategy=union', tracking], {
      cwd,
      env: identityEnv(cwd),
    });
  }
  return remoteNotes;
}
