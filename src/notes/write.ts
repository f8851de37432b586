import { readCommitInfos } from '../git/commits.js';
import type { CommitVerdict } from '../model/types.js';
import type { PackRecord, Policy } from '../packs/types.js';
import { VERSION } from '../version.js';
import { recordOf, renderNoteBody } from './format.js';
import { loadSigningKey } from './signing-key.js';
import { signMessage } from './sshsig.js';
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
  const infos = readCommitInfos(
    options.cwd,
    commitVerdicts.map((v) => v.sha),
  );
  const allPacks = uniquePacks(policies);
  const time = (options.time ?? new Date()).toISOString();

  const notes = new Map<string, string>();
  for (const verdict of commitVerdicts) {
    const info = infos.get(verdict.sha)!;
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
  return writeNotes(options.cwd, ref, notes);
}

function uniquePacks(policies: readonly Policy[]): PackRecord[] {
  const seen = new Map<string, PackRecord>();
  for (const policy of policies) {
    for (const pack of policy.packs)
      seen.set(`${pack.name}\0${pack.file}\0${pack.sha256}`, { ...pack });
  }
  return [...seen.values()];
}
