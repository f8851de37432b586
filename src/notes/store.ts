import { setTimeout as sleep } from 'node:timers/promises';
import { GitError } from '../errors.js';
import { readObjects } from '../git/batch-objects.js';
import { gitSync, gitText } from '../git/exec.js';
import { NOTES_TIP_ARGS } from '../git/first-calls.js';
import { debug } from '../log.js';
import { notesIdentity, readGitVars, type NotesIdentity } from './identity.js';
import { NOTES_REF } from './types.js';

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
      `${ref} points at a ${type} (${oid}), not a notes commit, so no notes can be read or written. ` +
        `Move it aside with \`git update-ref -m 'diff-guardian: move a broken notes ref aside' ${ref}-broken ${oid}\` ` +
        `and delete it with \`git update-ref -d ${ref} ${oid}\`, so that the next note starts a new notes history, ` +
        `or point it back at its last notes commit, which \`git reflog ${ref}\` lists`,
    );
  }
}

/** Settings of one `writeNotes` call that let a caller share git calls it makes anyway. */
export interface WriteNotesOptions {
  /** Author and committer of the notes commit; read with `git var -l` when absent. */
  identity?: NotesIdentity;
  /**
   * The ref's commit as the caller last read it, or null when the ref did not
   * exist; read here when absent. A stale value costs one more attempt.
   */
  tip?: string | null;
}

/**
 * Writes note texts under `ref`, replacing any earlier note of the same commits,
 * with one `git fast-import`. Its `N` commands keep the fan-out that `git notes`
 * uses for the number of notes. The import moves the ref only when the new
 * notes commit contains the ref's value at that moment, in one locked ref
 * update. A concurrent writer therefore makes the import fail, and the step
 * repeats from the new tip, so every writer keeps its notes.
 *
 * NOTE: unlike `git update-ref REF NEW OLD`, the import also moves a ref that
 * was reset to an ancestor of `tip` meanwhile, restoring the notes the reset dropped.
 */
export async function writeNotes(
  cwd: string,
  ref: string,
  notes: ReadonlyMap<string, string>,
  options: WriteNotesOptions = {},
): Promise<NotesWriteResult> {
  const commits = [...notes.keys()];
  const identity = options.identity ?? notesIdentity(cwd, await readGitVars(cwd));
  let tip = options.tip !== undefined ? options.tip : await readTip(cwd, ref);
  for (let attempt = 1; ; attempt += 1) {
    const stream = importStream(ref, tip, notes, identity);
    try {
      const notesCommit = gitSync(['fast-import', '--quiet', '--done', '--date-format=raw'], {
        cwd,
        input: stream,
      }).trim();
      return { ref, notesCommit, commits };
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new GitError(`failed to update ${ref} after ${attempt} attempts: ${error.message}`);
      }
      debug('notes', `${ref} moved or is locked (attempt ${attempt}); retrying from its new tip`);
      // fast-import names the value that stopped it; a lock or any other failure reads the ref again.
      tip = movedTip(error.stderr, ref) ?? (await readTip(cwd, ref));
      await sleep(5 + Math.floor(Math.random() * 20 * Math.min(attempt, 8)));
    }
  }
}

/**
 * Builds the fast-import stream: one blob per note, then one notes commit on
 * `tip` that adds them. `get-mark` prints the new commit's id on stdout.
 */
function importStream(
  ref: string,
  tip: string | null,
  notes: ReadonlyMap<string, string>,
  identity: NotesIdentity,
): Buffer {
  const parts: Buffer[] = [];
  const text = (line: string): void => {
    parts.push(Buffer.from(line, 'utf8'));
  };
  const data = (content: string): void => {
    const bytes = Buffer.from(content, 'utf8');
    text(`data ${bytes.length}\n`);
    parts.push(bytes);
    text('\n');
  };
  let mark = 0;
  for (const note of notes.values()) {
    mark += 1;
    text(`blob\nmark :${mark}\n`);
    data(note);
  }
  const commitMark = mark + 1;
  text(`commit ${ref}\nmark :${commitMark}\n`);
  text(`author ${identity.author}\ncommitter ${identity.committer}\n`);
  data(`${COMMIT_MESSAGE}\n`);
  if (tip) text(`from ${tip}\n`);
  let blobMark = 0;
  for (const commit of notes.keys()) {
    blobMark += 1;
    // `N` replaces a note only at the path its fan-out puts it. Earlier writers
    // left notes at other depths (this tool's once always at the top), which
    // git would then show joined with the new one.
    for (const path of otherNotePaths(commit)) text(`D ${path}\n`);
    text(`N :${blobMark} ${commit}\n`);
  }
  text(`\nget-mark :${commitMark}\ndone\n`);
  return Buffer.concat(parts);
}

/** Paths a note of `commit` may have in a notes tree: flat, or under one to three 2-digit fan-out directories. */
function otherNotePaths(commit: string): string[] {
  const paths = [commit];
  for (let depth = 1; depth <= 3; depth += 1) {
    const dirs = Array.from({ length: depth }, (_, i) => commit.slice(i * 2, i * 2 + 2));
    paths.push(`${dirs.join('/')}/${commit.slice(depth * 2)}`);
  }
  return paths;
}

/** Reads fast-import's "Not updating REF (new tip X does not contain Y)", returning Y. */
function movedTip(stderr: string, ref: string): string | null {
  const match = /Not updating (\S+) \(new tip [0-9a-f]+ does not contain ([0-9a-f]+)\)/.exec(stderr);
  return match && match[1] === ref ? match[2]! : null;
}

/**
 * Returns the commit `ref` points at, or null when it does not exist. Raises a
 * GitError when it points at another kind of object, which fast-import could
 * only replace.
 */
async function readTip(cwd: string, ref: string): Promise<string | null> {
  const args = ref === NOTES_REF ? NOTES_TIP_ARGS : ['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)', ref];
  const listing = await gitText(args, { cwd });
  for (const line of listing.split('\n')) {
    const [oid, type, name] = line.split(' ');
    if (name !== ref) continue;
    if (type === 'commit') return oid!;
    throw new NotesRefError(ref, oid!, type!);
  }
  return null;
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
