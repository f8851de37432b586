// Signed verdict notes: writing, reading, verifying and configuring the
// repository so `git log` shows them.

export { NOTES_REF, SIGNATURE_NAMESPACE, type NoteContext } from './types.js';
export { writeVerdictNotes, type NoteWriteOptions } from './write.js';
export {
  resolveSigningKey,
  loadSigningKey,
  SIGNING_KEY_ENV,
  SIGNING_KEY_CONFIG,
} from './signing-key.js';
export type { NotesWriteResult } from './store.js';
export { readNotes } from './store.js';
export {
  splitNote,
  parseRecord,
  type NoteRecord,
  type NoteFinding,
  type NoteSegment,
} from './format.js';
export {
  verifyCommitNotes,
  verifySegment,
  type NoteStatus,
  type NoteVerification,
  type VerifyOptions,
} from './verify.js';
export {
  configureNotes,
  forcedNotesRefspecs,
  remoteNotesRef,
  type NotesConfigOptions,
  type NotesConfigResult,
} from './config.js';
export { syncNotes, type NotesSyncOptions, type NotesSyncResult } from './sync.js';
export {
  readAllowedSigners,
  parseAllowedSigners,
  findSigner,
  AllowedSignersError,
  type AllowedSigner,
} from './allowed-signers.js';
export {
  generateKey,
  formatPrivateKey,
  parsePrivateKey,
  formatPublicKey,
  parsePublicKeyLine,
  fingerprint,
  SshKeyError,
  type SshPrivateKey,
  type SshPublicKey,
} from './ssh-key.js';
export { signMessage, parseSignature, verifySignature, type SshSignature } from './sshsig.js';
