import { readCommitInfos } from '../git/commits.js';
import { findSigner, type AllowedSigner } from './allowed-signers.js';
import { noteOrigin, parseRecord, splitNote, type NoteOrigin, type NoteRecord, type NoteSegment } from './format.js';
import { fingerprint, SshKeyError } from './ssh-key.js';
import { parseSignature, verifySignature } from './sshsig.js';
import { readNotes } from './store.js';
import { NOTES_REF, SIGNATURE_NAMESPACE } from './types.js';

/** Outcome of verifying one commit's note; every status but `ok` fails verification. */
export type NoteStatus =
  | 'ok'
  | 'missing'
  | 'unsigned'
  | 'altered'
  | 'unknown-key'
  | 'malformed'
  | 'other-commit'
  | 'other-tree'
  | 'unchecked';

export interface NoteVerification {
  commit: string;
  status: NoteStatus;
  /** One sentence on what was found, for people. */
  detail: string;
  verdict?: NoteRecord['verdict'];
  /** Principals of the allowed_signers line that matched the signing key. */
  signer?: string;
  /** OpenSSH fingerprint of the signing key, when the signature could be decoded. */
  keyFingerprint?: string;
  record?: NoteRecord;
  /** Every note of the commit, in note order, when it has several (a client's and the server's). */
  notes?: NoteSummary[];
}

/** The outcome for one of several notes of a commit, naming who wrote it. */
export interface NoteSummary {
  origin: NoteOrigin | 'unknown';
  writtenBy: string | null;
  status: NoteStatus;
  detail: string;
}

// When a note contains several notes (concatenated by a rewrite or a union merge),
// one good note suffices, and otherwise the failure a reader most needs to see is reported.
const FAILURE_ORDER: NoteStatus[] = [
  'other-tree',
  'other-commit',
  'unknown-key',
  'altered',
  'malformed',
  'unsigned',
  'unchecked',
];

export interface VerifyOptions {
  cwd: string;
  signers: readonly AllowedSigner[];
  ref?: string;
}

/** Verifies the note of each commit against the allowed signers and the commit's own id and tree. */
export function verifyCommitNotes(
  commits: readonly string[],
  options: VerifyOptions,
): NoteVerification[] {
  const ref = options.ref ?? NOTES_REF;
  const notes = readNotes(options.cwd, ref, commits);
  const infos = readCommitInfos(options.cwd, commits);
  return commits.map((commit) => {
    const text = notes.get(commit);
    if (text === undefined) return { commit, status: 'missing', detail: `no note under ${ref}` };
    const segments = splitNote(text);
    if (segments.length === 0)
      return { commit, status: 'malformed', detail: 'the note contains no diff-guardian verdict' };
    const tree = infos.get(commit)!.tree;
    const results = segments.map((segment) =>
      verifySegment(segment, commit, tree, options.signers),
    );
    const good = results.filter((r) => r.status === 'ok');
    const chosen =
      good.length > 0
        ? [...good].sort((a, b) => (b.record!.time > a.record!.time ? 1 : -1))[0]!
        : [...results].sort((a, b) => FAILURE_ORDER.indexOf(a.status) - FAILURE_ORDER.indexOf(b.status))[0]!;
    if (results.length < 2) return chosen;
    return { ...chosen, notes: results.map(summaryOf) };
  });
}

function summaryOf(result: NoteVerification): NoteSummary {
  const record = result.record;
  return {
    origin: record ? noteOrigin(record) : 'unknown',
    writtenBy: record?.context.writtenBy ?? null,
    status: result.status,
    detail: result.detail,
  };
}

/** Verifies one signed note: signature, then trust in the key, then that it names this commit and tree. */
export function verifySegment(
  segment: NoteSegment,
  commit: string,
  tree: string,
  signers: readonly AllowedSigner[],
): NoteVerification {
  const record = parseRecord(segment.body) ?? undefined;
  const verdict = record?.verdict;
  if (!segment.signature)
    return { commit, status: 'unsigned', detail: 'the note has no SSH signature', verdict, record };
  let signature;
  try {
    signature = parseSignature(segment.signature);
  } catch (error) {
    if (!(error instanceof SshKeyError)) throw error;
    return {
      commit,
      status: 'altered',
      detail: `the signature block cannot be decoded: ${error.message}`,
      verdict,
      record,
    };
  }
  const keyFingerprint = fingerprint(signature.publicKey);
  const base = { commit, verdict, keyFingerprint, record };
  if (!verifySignature(signature, SIGNATURE_NAMESPACE, Buffer.from(segment.body, 'utf8'))) {
    return {
      ...base,
      status: 'altered',
      detail: `the note does not match its signature by ${keyFingerprint}`,
    };
  }
  if (!record)
    return { ...base, status: 'malformed', detail: 'the signed note has no readable record' };
  const signedAt = new Date(record.time);
  const signer = findSigner(
    signers,
    signature.publicKey,
    SIGNATURE_NAMESPACE,
    Number.isNaN(signedAt.getTime()) ? new Date() : signedAt,
  );
  if (!signer) {
    return {
      ...base,
      status: 'unknown-key',
      detail: `signed by ${keyFingerprint}, which the allowed signers do not list for namespace ${SIGNATURE_NAMESPACE}`,
    };
  }
  const trusted = { ...base, signer: signer.principals };
  if (record.tree !== tree) {
    return {
      ...trusted,
      status: 'other-tree',
      detail: `the note was written for commit ${record.commit} with tree ${record.tree}, but this commit has tree ${tree}`,
    };
  }
  if (record.commit !== commit) {
    return {
      ...trusted,
      status: 'other-commit',
      detail: `the note was written for commit ${record.commit}, which has the same tree; check this commit again`,
    };
  }
  // A server that fails open signs an allow note for each commit it let through
  // unjudged. That note proves the push happened, not that the commit passed.
  if (record.context.failOpen) {
    return {
      ...trusted,
      status: 'unchecked',
      detail: `let through unjudged by fail-open after an internal error (${record.context.failOpen.error}); judge it with \`diff-guardian check\``,
    };
  }
  return {
    ...trusted,
    status: 'ok',
    detail: `${record.verdict}, signed by ${signer.principals} (${keyFingerprint})`,
  };
}
