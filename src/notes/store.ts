import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GitError } from '../errors.js';
import { readObjects } from '../git/batch-objects.js';
import { gitSync } from '../git/exec.js';
import { debug } from '../log.js';

const MAX_ATTEMPTS = 40;
const COMMIT_MESSAGE = 'Notes added by diff-guardian';
const FALLBACK_IDENTITY = { name: 'diff-guardian', email: 'diff-guardian@localhost' };

/** Result of writing notes: the notes commit the ref now points at and the commits annotated. */
export interface NotesWriteResult {
  ref: string;
  notesCommit: string;
  commits: string[];
}

/**
 * Lists the notes of a notes commit as commit id and note blob pairs. Notes
 * trees fan out as ab/cdef…, so the annotated commit id is the path without
 * slashes. A tree may name one commit at two paths, and both entries are
 * listed. A notes commit git cannot read lists nothing.
 */
export function notesTreeEntries(cwd: string, notesCommit: string): Array<{ commit: string; blob: string }> {
  const entries: Array<{ commit: string; blob: string }> = [];
  const listing = gitSync(['ls-tree', '-r', '-z', notesCommit], { cwd, okCodes: [128] });
  for (const entry of listing.split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (!match) continue;
    const commit = match[2]!.replaceAll('/', '');
    if (/^[0-9a-f]{40,64}$/.test(commit)) entries.push({ commit, blob: match[1]! });
  }
  return entries;
}

/**
 * Returns the commit a ref points at, or null when the ref does not exist.
 * Raises NotesRefError when the ref names another kind of object, since
 * neither git nor this tool can add notes on top of it.
 */
export function readRef(cwd: string, ref: string): string | null {
  // One `cat-file --batch-check` both resolves the ref and reports the object type.
  const line = gitSync(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    cwd,
    input: `${ref}\n`,
  }).trim();
  const [oid, type] = line.split(' ');
  if (type === 'missing' || !oid || !type) return null;
  if (type !== 'commit') throw new NotesRefError(ref, oid, type);
  return oid;
}

/** A notes ref that names a tree, blob or tag instead of a notes commit. */
export class NotesRefError extends GitError {
  override name = 'NotesRefError';
  constructor(ref: string, oid: string, type: string) {
    super(
      `${ref} points at a ${type} (${oid}), not a commit, so no notes can be read or added; ` +
        `move it aside with \`git update-ref -m 'diff-guardian: move a broken notes ref aside' ${ref}-broken ${oid}\` ` +
        `and delete it with \`git update-ref -d ${ref} ${oid}\`; the next commit then starts a new notes history`,
    );
  }
}

/**
 * Writes note texts under `ref`, replacing any earlier note of the same commits.
 * The new notes tree is built in a private index from the ref's current tree, then
 * `git update-ref REF NEW OLD` moves the ref only if nobody moved it meanwhile;
 * on a lost race the whole step repeats from the new tip, so concurrent writers
 * each keep their notes.
 */
export async function writeNotes(
  cwd: string,
  ref: string,
  notes: ReadonlyMap<string, string>,
): Promise<NotesWriteResult> {
  const commits = [...notes.keys()];
  const scratch = mkdtempSync(join(tmpdir(), 'diff-guardian-notes-'));
  try {
    const blobs = writeBlobs(cwd, scratch, [...notes.values()]);
    const indexInfo = commits.flatMap((sha, i) => [
      ...fanoutPaths(sha).map((p) => `0 ${zeroOid(sha)}\t${p}`),
      `100644 ${blobs[i]}\t${sha}`,
    ]);
    const env = { GIT_INDEX_FILE: join(scratch, 'index'), ...identityEnv(cwd) };
    for (let attempt = 1; ; attempt += 1) {
      const old = readRef(cwd, ref);
      gitSync(old ? ['read-tree', old] : ['read-tree', '--empty'], { cwd, env });
      gitSync(['update-index', '--index-info'], { cwd, env, input: indexInfo.join('\n') + '\n' });
      const tree = gitSync(['write-tree'], { cwd, env }).trim();
      const parents = old ? ['-p', old] : [];
      const next = gitSync(
        ['commit-tree', '--no-gpg-sign', tree, ...parents, '-m', COMMIT_MESSAGE],
        { cwd, env },
      ).trim();
      try {
        gitSync(['update-ref', '-m', COMMIT_MESSAGE, ref, next, old ?? ''], { cwd });
        return { ref, notesCommit: next, commits };
      } catch (error) {
        if (!(error instanceof GitError) || attempt >= MAX_ATTEMPTS) {
          throw new GitError(
            `cannot update ${ref} after ${attempt} attempts: ${(error as Error).message}`,
          );
        }
        debug('notes', `${ref} moved or is locked (attempt ${attempt}); retrying from its new tip`);
        await sleep(5 + Math.floor(Math.random() * 20 * Math.min(attempt, 8)));
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function writeBlobs(cwd: string, scratch: string, texts: string[]): string[] {
  const paths = texts.map((text, i) => {
    const path = join(scratch, `note-${i}`);
    writeFileSync(path, text);
    return path;
  });
  const out = gitSync(['hash-object', '-w', '--no-filters', '--stdin-paths'], {
    cwd,
    input: paths.join('\n') + '\n',
  });
  return out.trim().split('\n');
}

/** Paths a note for `sha` may have in a notes tree: flat, or under git's 2-hex-digit fan-out directories. */
function fanoutPaths(sha: string): string[] {
  const paths: string[] = [];
  for (let depth = 1; depth <= 3; depth += 1) {
    const dirs = Array.from({ length: depth }, (_, i) => sha.slice(i * 2, i * 2 + 2));
    paths.push(`${dirs.join('/')}/${sha.slice(depth * 2)}`);
  }
  return paths;
}

function zeroOid(sha: string): string {
  return '0'.repeat(sha.length);
}

/** Supplies a committer for notes commits when the repository has none configured, as in a fresh server account. */
export function identityEnv(cwd: string): NodeJS.ProcessEnv {
  try {
    gitSync(['var', 'GIT_COMMITTER_IDENT'], { cwd });
    return {};
  } catch {
    return {
      GIT_AUTHOR_NAME: FALLBACK_IDENTITY.name,
      GIT_AUTHOR_EMAIL: FALLBACK_IDENTITY.email,
      GIT_COMMITTER_NAME: FALLBACK_IDENTITY.name,
      GIT_COMMITTER_EMAIL: FALLBACK_IDENTITY.email,
    };
  }
}

/** Reads the note text of each given commit that has one under `ref`. */
export function readNotes(
  cwd: string,
  ref: string,
  commits: readonly string[],
): Map<string, string> {
  const result = new Map<string, string>();
  if (commits.length === 0 || !readRef(cwd, ref)) return result;
  const requested = new Set(commits);
  const blobOf = new Map<string, string>();
  for (const line of gitSync(['notes', `--ref=${ref}`, 'list'], { cwd }).split('\n')) {
    const [blob, commit] = line.split(' ');
    if (blob && commit && requested.has(commit)) blobOf.set(commit, blob);
  }
  if (blobOf.size === 0) return result;
  const entries = [...blobOf.entries()];
  const objects = readObjects(cwd, entries.map(([, blob]) => blob));
  entries.forEach(([commit], index) => {
    const object = objects[index];
    if (object?.type !== 'blob') throw new GitError(`note of ${commit} is not a blob`);
    result.set(commit, object.content.toString('utf8'));
  });
  return result;
}
