/** The ref under which verdict notes are stored. */
export const NOTES_REF = 'refs/notes/diff-guardian';

/** The SSHSIG namespace of note signatures, as `ssh-keygen -Y sign -n` and allowed_signers use it. */
export const SIGNATURE_NAMESPACE = 'diff-guardian';

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
