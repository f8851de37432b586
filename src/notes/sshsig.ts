import { createHash, sign, verify } from 'node:crypto';
import {
  ED25519_KEY_TYPE,
  nodePrivateKey,
  nodePublicKey,
  parsePublicKeyBlob,
  publicKeyBlob,
  SshKeyError,
  type SshPrivateKey,
  type SshPublicKey,
} from './ssh-key.js';
import { armor, dearmor, WireFormatError, WireReader, WireWriter } from './ssh-wire.js';

// SSHSIG as specified in OpenSSH PROTOCOL.sshsig and produced by `ssh-keygen -Y sign`:
// the key signs a blob of the magic preamble, namespace, reserved string, hash
// algorithm and the hash of the message, never the message itself.

export const SIGNATURE_LABEL = 'SSH SIGNATURE';
const MAGIC = Buffer.from('SSHSIG', 'latin1');
const VERSION = 1;
type HashAlgorithm = 'sha256' | 'sha512';

/** A decoded SSHSIG signature. */
export interface SshSignature {
  publicKey: SshPublicKey;
  namespace: string;
  hashAlgorithm: string;
  /** The raw 64-byte Ed25519 signature. */
  signature: Buffer;
}

function signedData(namespace: string, hashAlgorithm: HashAlgorithm, message: Buffer): Buffer {
  return new WireWriter()
    .raw(MAGIC)
    .string(namespace)
    .string('')
    .string(hashAlgorithm)
    .string(createHash(hashAlgorithm).update(message).digest())
    .toBuffer();
}

/** Signs `message` and returns the armored block that `ssh-keygen -Y sign` writes (hash sha512). */
export function signMessage(key: SshPrivateKey, namespace: string, message: Buffer): string {
  const signature = sign(null, signedData(namespace, 'sha512', message), nodePrivateKey(key));
  const blob = new WireWriter()
    .raw(MAGIC)
    .uint32(VERSION)
    .string(publicKeyBlob(key.publicKey))
    .string(namespace)
    .string('')
    .string('sha512')
    .string(new WireWriter().string(ED25519_KEY_TYPE).string(signature).toBuffer())
    .toBuffer();
  return armor(SIGNATURE_LABEL, blob);
}

/** Decodes an armored SSHSIG block; raises SshKeyError when it is not one this tool can check. */
export function parseSignature(armored: string): SshSignature {
  const blob = dearmor(SIGNATURE_LABEL, armored);
  if (!blob) throw new SshKeyError('no "-----BEGIN SSH SIGNATURE-----" block found');
  try {
    const reader = new WireReader(blob);
    if (!reader.raw(MAGIC.length).equals(MAGIC))
      throw new SshKeyError('invalid SSH signature: the SSHSIG preamble is missing');
    const version = reader.uint32();
    if (version !== VERSION) throw new SshKeyError(`unsupported SSH signature version ${version}`);
    const publicKey = parsePublicKeyBlob(reader.string());
    const namespace = reader.text();
    reader.string();
    const hashAlgorithm = reader.text();
    const inner = new WireReader(reader.string());
    const type = inner.text();
    if (type !== ED25519_KEY_TYPE)
      throw new SshKeyError(`unsupported signature type ${JSON.stringify(type)}`);
    const signature = Buffer.from(inner.string());
    return { publicKey, namespace, hashAlgorithm, signature };
  } catch (error) {
    if (error instanceof WireFormatError)
      throw new SshKeyError(`invalid SSH signature: ${error.message}`);
    throw error;
  }
}

/** Returns true when `signature` is a valid signature of `message` in `namespace` by its embedded key. */
export function verifySignature(
  signature: SshSignature,
  namespace: string,
  message: Buffer,
): boolean {
  if (signature.namespace !== namespace) return false;
  if (signature.hashAlgorithm !== 'sha512' && signature.hashAlgorithm !== 'sha256') return false;
  if (signature.signature.length !== 64) return false;
  const data = signedData(namespace, signature.hashAlgorithm, message);
  return verify(null, data, nodePublicKey(signature.publicKey), signature.signature);
}
