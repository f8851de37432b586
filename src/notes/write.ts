import { GitError } from '../errors.js';
import { gitSync } from '../git/exec.js';
import type { CommitVerdict } from '../model/types.js';
import type { PackRecord, Policy } from '../packs/types.js';
import { VERSION } from '../version.js';
import { recordOf, renderNoteBody } from './format.js';
import { loadSigningKey } from './signing-key.js';
import { signMessage } from './sshsig.js';
import type { NotesIdentity } from './identity.js';
import { writeNotes, type NotesWriteResult } from './store.js';
import { NOTES_REF, SIGNATURE_NAMESPACE, type NoteContext } from './types.js';

export interface NoteWriteOptions {
  cwd: string;
  /** Path of an OpenSSH Ed25519 private key; null writes an unsigned note. */
  signingKey: string | null;
  context: NoteContext;
  /** Notes ref to write; NOTES_REF unless a test or a server keeps its own. */
  ref?: string;
  /**
   * The policy that judged each commit, by commit id. Without it every note lists
   * the packs of all `policies`, which is exact when one policy judged the range.
   */
  policyByCommit?: ReadonlyMap<string, Policy>;
  /** Time recorded in the notes; defaults to now. */
  time?: Date;
  /** Tree and parents of the commits, by commit id, when the caller has read them; read here otherwise. */
  commits?: ReadonlyMap<string, CommitIds>;
  /** Author and committer of the notes commit; read with `git var -l` when absent. */
  identity?: NotesIdentity;
}

/** The object ids a note records about its commit. */
export interface CommitIds {
  tree: string;
  parents: string[];
}

/**
 * Writes one verdict note per commit under NOTES_REF (signed when a key is
 * given), replacing an earlier note of the same commit, with a
 * compare-and-swap ref update so concurrent writers lose nothing. Verdicts of
 * the index (`STAGED`) have no commit and are skipped.
 */
export async function writeVerdictNotes(
  verdicts: readonly CommitVerdict[],
  policies: readonly Policy[],
  options: NoteWriteOptions,
): Promise<NotesWriteResult> {
  const ref = options.ref ?? NOTES_REF;
  const commitVerdicts = verdicts.filter((v) => v.sha !== 'STAGED');
  if (commitVerdicts.length === 0) return { ref, notesCommit: '', commits: [] };
  const key = options.signingKey ? loadSigningKey(options.signingKey) : null;
  const infos = options.commits ?? readCommitIds(options.cwd, commitVerdicts.map((v) => v.sha));
  const allPacks = uniquePacks(policies);
  const time = (options.time ?? new Date()).toISOString();

  const notes = new Map<string, string>();
  for (const verdict of commitVerdicts) {
    const info = infos.get(verdict.sha);
    if (!info) throw new GitError(`commit ${verdict.sha} was not found, so no note was written for it`);
    const policy = options.policyByCommit?.get(verdict.sha);
    const record = recordOf(verdict, info, {
      packs: policy ? uniquePacks([policy]) : allPacks,
      version: VERSION,
      time,
      context: options.context,
    });
    const body = renderNoteBody(record);
    notes.set(
      verdict.sha,
      key ? body + signMessage(key, SIGNATURE_NAMESPACE, Buffer.from(body, 'utf8')) : body,
    );
  }
  return writeNotes(options.cwd, ref, notes, options.identity ? { identity: options.identity } : {});
}

/** Reads the tree and parents of commits with one `git log`. */
function readCommitIds(cwd: string, shas: readonly string[]): Map<string, CommitIds> {
  const ids = new Map<string, CommitIds>();
  const out = gitSync(['log', '--no-walk=unsorted', '--stdin', '--format=%H %T %P'], {
    cwd,
    input: shas.join('\n') + '\n',
  });
  for (const line of out.split('\n')) {
    const [sha, tree, ...parents] = line.split(' ').filter(Boolean);
    if (sha && tree) ids.set(sha, { tree, parents });
  }
  return ids;
}

function uniquePacks(policies: readonly Policy[]): PackRecord[] {
  const seen = new Map<string, PackRecord>();
  for (const policy of policies) {
    for (const pack of policy.packs)
      seen.set(`${pack.name}\0${pack.file}\0${pack.sha256}`, { ...pack });
  }
  return [...seen.values()];
}
