import type { CommitVerdict } from '../model/types.js';
import type { Policy } from '../packs/types.js';

/** The ref under which verdict notes are stored. */
export const NOTES_REF = 'refs/notes/diff-guardian';

/** Context a hook records in a note beyond the verdict itself. */
export interface NoteContext {
  /** Which hook or command wrote the note: check, post-commit, post-receive, … */
  writtenBy: string;
  /** Runtime attribution signals seen at commit time (client hooks). */
  runtime?: { agent: string; signal: string } | null;
  /** An audited override from a push option: who and why. */
  override?: { identity: string; reason: string };
  /** Ref update facts from a push, such as `non-fast-forward, old=<sha>`. */
  push?: { ref: string; oldSha: string; newSha: string; nonFastForward: boolean };
  /** Set when fail-open let a commit through after an internal error. */
  failOpen?: { error: string };
}

export interface NoteWriteOptions {
  cwd: string;
  /** Path of an OpenSSH Ed25519 private key; null writes an unsigned note. */
  signingKey: string | null;
  context: NoteContext;
}

/**
 * Writes one signed verdict note per commit under NOTES_REF, updating the ref
 * with compare-and-swap so concurrent writers lose nothing.
 * NOTE: placeholder until the notes module is built; it writes nothing.
 */
export async function writeVerdictNotes(
  _verdicts: readonly CommitVerdict[],
  _policies: readonly Policy[],
  _options: NoteWriteOptions,
): Promise<void> {}

/** Finds the signing key: the explicit path, DIFF_GUARDIAN_SIGNING_KEY, or git config diff-guardian.signingKey. */
export function resolveSigningKey(_cwd: string, explicit?: string): string | null {
  return explicit ?? process.env.DIFF_GUARDIAN_SIGNING_KEY ?? null;
}
