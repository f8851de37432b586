import { NOTES_REF } from '../notes/index.js';
import { globMatcher } from '../util/picomatch.js';
import { gitStatus, gitSync } from '../git/exec.js';
import { droppedNotes } from './notes-kept.js';
import type { ServerPolicy } from '../packs/types.js';

const ZERO = /^0+$/;

/** One ref update from the `<old> <new> <ref>` lines of pre-receive and post-receive. */
export interface RefUpdate {
  ref: string;
  oldSha: string;
  newSha: string;
}

/** A ref update with its kind and the commits it brings that the repository lacks. */
export interface RefPlan extends RefUpdate {
  kind: 'create' | 'update' | 'delete';
  nonFastForward: boolean;
  /** Commits new to the repository, oldest first; each appears under the first ref that brings it. */
  commits: string[];
  /** Reason the update is rejected regardless of its commits' content. */
  rejection?: string;
}

export function parseRefUpdates(stdin: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const line of stdin.split('\n')) {
    const [oldSha, newSha, ref] = line.trim().split(' ');
    if (oldSha && newSha && ref) updates.push({ ref, oldSha, newSha });
  }
  return updates;
}

function matchesAny(globs: readonly string[] | undefined, ref: string): boolean {
  return (globs ?? []).some((glob) => globMatcher(glob, { dot: true })(ref));
}

function commitOf(cwd: string, sha: string): string | null {
  const out = gitSync(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], { cwd, okCodes: [1, 128] }).trim();
  return out || null;
}

/**
 * Returns why deleting `ref` is rejected, or undefined when it is allowed. The
 * verdict notes are the audit record, and deleting a ref protected from force
 * pushes and pushing it again rewrites it as a force push would, so both need
 * an explicit `server.allowDeletion` entry. Other refs may be deleted while
 * `allowDeletion` is unset.
 */
function deletionRejection(ref: string, server: ServerPolicy): string | undefined {
  if (matchesAny(server.allowDeletion, ref)) return undefined;
  if (matchesAny(server.protectNonFastForward, ref)) {
    return `deleting ${ref} is not allowed: server.protectNonFastForward protects it, and only server.allowDeletion can allow deleting it`;
  }
  if (ref === NOTES_REF || server.allowDeletion !== undefined) {
    return `deleting ${ref} is not allowed by server.allowDeletion`;
  }
  return undefined;
}

/**
 * Plans every update of a push. Inside pre-receive the pushed refs still point
 * at their old values, so `rev-list <new> --not --all` lists exactly the
 * commits the repository has never had: a force push judges its new commits
 * and never the ones it drops.
 */
export function planPush(cwd: string, updates: readonly RefUpdate[], server: ServerPolicy): RefPlan[] {
  const seen = new Set<string>();
  return updates.map((update) => {
    if (ZERO.test(update.newSha)) {
      const rejection = deletionRejection(update.ref, server);
      return { ...update, kind: 'delete', nonFastForward: false, commits: [], ...(rejection ? { rejection } : {}) };
    }
    const created = ZERO.test(update.oldSha);
    const target = commitOf(cwd, update.newSha);
    if (!target) {
      // A ref to a blob or tree carries content that no commit diff shows, so it is never judged.
      const type = gitSync(['cat-file', '-t', `${update.newSha}^{}`], { cwd, okCodes: [128] }).trim() || 'missing object';
      const rejection = `${update.ref} points to a ${type}, not a commit; the server accepts only refs to commits or to tags of commits`;
      return { ...update, kind: created ? 'create' : 'update', nonFastForward: false, commits: [], rejection };
    }
    const oldCommit = created ? null : commitOf(cwd, update.oldSha);
    const nonFastForward =
      oldCommit !== null && gitStatus(['merge-base', '--is-ancestor', oldCommit, target], { cwd }) !== 0;
    const out = gitSync(['rev-list', '--reverse', '--topo-order', target, '--not', '--all', '--'], { cwd });
    const commits = out.split('\n').filter((sha) => sha && !seen.has(sha));
    for (const sha of commits) seen.add(sha);
    const plan: RefPlan = { ...update, kind: created ? 'create' : 'update', nonFastForward, commits };
    if (nonFastForward && matchesAny(server.protectNonFastForward, update.ref)) {
      plan.rejection = `non-fast-forward update of ${update.ref} (old=${update.oldSha}) is not allowed by server.protectNonFastForward`;
    }
    // An update that empties or rewrites the notes deletes the audit record as surely as deleting the ref.
    if (update.ref === NOTES_REF && oldCommit !== null && !matchesAny(server.allowDeletion, update.ref)) {
      const dropped = droppedNotes(cwd, oldCommit, target);
      if (dropped.length > 0) {
        plan.rejection =
          `this update of ${update.ref} removes or rewrites ${dropped.length} verdict note(s) the server has (first: ${dropped[0]}); ` +
          'notes may only be added or merged with `git notes merge -s union`, unless server.allowDeletion lists the ref';
      }
    }
    return plan;
  });
}
