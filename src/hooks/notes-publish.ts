// Publishing the verdict notes at pre-push. The local notes ref keeps the notes
// of every commit ever judged here, including commits that an amend or a rebase
// replaced. Those belong to no branch, so the remote gets only the notes of
// commits it has or receives, and the local ref keeps the rest.
import { GitError } from '../errors.js';
import { gitSync } from '../git/exec.js';
import { debug } from '../log.js';
import { NOTES_REF, syncNotes } from '../notes/index.js';
import { notesTreeEntries } from '../notes/store.js';
import { commitNotes, type NoteEntry } from './notes-tree.js';

const MAX_PUSH_ATTEMPTS = 5;

export interface PublishResult {
  /** Notes commit pushed to the remote, or null when the remote was up to date. */
  pushed: string | null;
  /** Commits whose local note was left out because neither the remote nor the push reaches them. */
  withheld: string[];
}

/**
 * Merges the remote's notes into the local ones (see syncNotes), then pushes
 * the notes of the commits reachable from `tips` (the pushed commits) or from
 * the remote's tracking refs. When every local note qualifies, the local ref
 * itself is pushed. Otherwise a notes commit on top of the remote's contains
 * just those notes, so a note of a rewritten commit never leaves this clone.
 * A push that loses a race with another writer is retried from the new state.
 */
export function publishNotes(cwd: string, remote: string, tips: readonly string[]): PublishResult {
  for (let attempt = 1; ; attempt += 1) {
    const { remoteNotes, localNotes } = syncNotes(cwd, remote);
    if (!localNotes || localNotes === remoteNotes) return { pushed: null, withheld: [] };
    const { publish, withheld } = notesToPublish(cwd, remote, tips, localNotes, remoteNotes);
    if (publish.length === 0) return { pushed: null, withheld };
    const commit = withheld.length === 0 ? localNotes : commitNotes(cwd, remoteNotes, publish);
    try {
      gitSync(['push', '--quiet', '--no-verify', remote, `${commit}:${NOTES_REF}`], { cwd });
      return { pushed: commit, withheld };
    } catch (error) {
      if (!(error instanceof GitError) || attempt >= MAX_PUSH_ATTEMPTS) throw error;
      debug('notes', `push of ${NOTES_REF} to ${remote} was rejected (attempt ${attempt}); fetching and merging again`);
    }
  }
}

/** Splits the local notes the remote lacks into those of reachable commits and the rest. */
function notesToPublish(
  cwd: string,
  remote: string,
  tips: readonly string[],
  localNotes: string,
  remoteNotes: string | null,
): { publish: NoteEntry[]; withheld: string[] } {
  const published = new Map((remoteNotes ? notesTreeEntries(cwd, remoteNotes) : []).map((e) => [e.commit, e.blob]));
  const candidates = notesTreeEntries(cwd, localNotes).filter((entry) => published.get(entry.commit) !== entry.blob);
  if (candidates.length === 0) return { publish: [], withheld: [] };
  const unreachable = unreachableCommits(cwd, remote, tips, candidates.map((entry) => entry.commit));
  return {
    publish: candidates.filter((entry) => !unreachable.has(entry.commit)),
    withheld: candidates.filter((entry) => unreachable.has(entry.commit)).map((entry) => entry.commit),
  };
}

/**
 * Returns the commits among `commits` that neither `tips` nor the remote's
 * tracking refs reach. Objects that are missing or not commits count as
 * unreachable. The walk stops where the histories meet, so its cost grows
 * with the unpushed history, not with the repository.
 */
function unreachableCommits(cwd: string, remote: string, tips: readonly string[], commits: readonly string[]): Set<string> {
  const types = gitSync(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd, input: commits.join('\n') + '\n' });
  const existing = new Set(
    types
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, type]) => type === 'commit')
      .map(([oid]) => oid!),
  );
  const result = new Set(commits.filter((commit) => !existing.has(commit)));
  if (existing.size === 0) return result;
  // rev-list reads the commits on stdin as positive revisions, even after --not on the command line.
  const args = ['rev-list', '--stdin', ...tips.map((tip) => `^${tip}`), '--not', `--remotes=${remote}`];
  const listed = new Set(gitSync(args, { cwd, input: [...existing].join('\n') + '\n' }).split('\n'));
  for (const commit of existing) if (listed.has(commit)) result.add(commit);
  return result;
}
