import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { armor, dearmor, WireFormatError, WireReader, WireWriter } from './ssh-wire.js';

export const ED25519_KEY_TYPE = 'ssh-ed25519';
const PRIVATE_KEY_LABEL = 'OPENSSH PRIVATE KEY';
const PRIVATE_KEY_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

/** Raised for a key file this tool cannot use, with the reason and the fix. */
export class SshKeyError extends Error {
  override name = 'SshKeyError';
}

/** An Ed25519 public key as OpenSSH stores it. */
export interface SshPublicKey {
  type: typeof ED25519_KEY_TYPE;
  /** The 32-byte raw public key. */
  key: Buffer;
}

/** An Ed25519 key pair read from or written to an OpenSSH private key file. */
export interface SshPrivateKey {
  publicKey: SshPublicKey;
  /** The 32-byte seed that node:crypto and RFC 8032 call the private key. */
  seed: Buffer;
  comment: string;
}

/** Encodes a public key as the SSH wire blob (`string type, string key`). */
export function publicKeyBlob(key: SshPublicKey): Buffer {
  return new WireWriter().string(key.type).string(key.key).toBuffer();
}

/** Decodes an SSH public key blob, accepting only Ed25519 keys. */
export function parsePublicKeyBlob(blob: Buffer): SshPublicKey {
  try {
    const reader = new WireReader(blob);
    const type = reader.text();
    if (type !== ED25519_KEY_TYPE)
      throw new SshKeyError(
        `unsupported key type ${JSON.stringify(type)}: only ssh-ed25519 is supported`,
      );
    const key = Buffer.from(reader.string());
    if (key.length !== 32 || reader.remaining !== 0)
      throw new SshKeyError('invalid ssh-ed25519 public key blob');
    return { type, key };
  } catch (error) {
    if (error instanceof WireFormatError)
      throw new SshKeyError(`invalid public key blob: ${error.message}`);
    throw error;
  }
}

/** Formats a public key as one `authorized_keys` style line: `ssh-ed25519 BASE64 comment`. */
export function formatPublicKey(key: SshPublicKey, comment = ''): string {
  const line = `${key.type} ${publicKeyBlob(key).toString('base64')}`;
  return comment ? `${line} ${comment}` : line;
}

/** Parses `ssh-ed25519 BASE64 [comment]`. */
export function parsePublicKeyLine(line: string): SshPublicKey {
  const [type, base64] = line.trim().split(/\s+/);
  if (!type || !base64)
    throw new SshKeyError('invalid public key line: expected "ssh-ed25519 BASE64 [comment]"');
  const key = parsePublicKeyBlob(Buffer.from(base64, 'base64'));
  if (key.type !== type)
    throw new SshKeyError(`public key line names type ${type} but contains a ${key.type} key`);
  return key;
}

/** Returns the OpenSSH fingerprint, `SHA256:` and unpadded base64, as `ssh-keygen -l` prints it. */
export function fingerprint(key: SshPublicKey): string {
  const digest = createHash('sha256').update(publicKeyBlob(key)).digest('base64');
  return `SHA256:${digest.replace(/=/g, '')}`;
}

/** Creates a new Ed25519 key pair. */
export function generateKey(comment: string): SshPrivateKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    publicKey: { type: ED25519_KEY_TYPE, key: Buffer.from(jwk.x!, 'base64url') },
    seed: Buffer.from(jwk.d!, 'base64url'),
    comment,
  };
}

export function nodePrivateKey(key: SshPrivateKey): KeyObject {
  return createPrivateKey({
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      d: key.seed.toString('base64url'),
      x: key.publicKey.key.toString('base64url'),
    },
    format: 'jwk',
  });
}

export function nodePublicKey(key: SshPublicKey): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: key.key.toString('base64url') },
    format: 'jwk',
  });
}

/**
 * Encodes an unencrypted private key in the `openssh-key-v1` format that
 * ssh-keygen writes (OpenSSH PROTOCOL.key): a public section, then a private
 * section holding two equal check integers, the key, the comment and padding
 * bytes 1, 2, 3, … up to the 8-byte cipher block size of cipher "none".
 */
export function formatPrivateKey(key: SshPrivateKey): string {
  const check = randomBytes(4).readUInt32BE(0);
  const secret = new WireWriter()
    .uint32(check)
    .uint32(check)
    .string(ED25519_KEY_TYPE)
    .string(key.publicKey.key)
    .string(Buffer.concat([key.seed, key.publicKey.key]))
    .string(key.comment)
    .toBuffer();
  const padding = Buffer.alloc((8 - (secret.length % 8)) % 8);
  for (let i = 0; i < padding.length; i += 1) padding[i] = i + 1;
  const body = new WireWriter()
    .raw(PRIVATE_KEY_MAGIC)
    .string('none')
    .string('none')
    .string('')
    .uint32(1)
    .string(publicKeyBlob(key.publicKey))
    .string(Buffer.concat([secret, padding]))
    .toBuffer();
  return armor(PRIVATE_KEY_LABEL, body);
}

/** Parses an unencrypted OpenSSH Ed25519 private key file's text. */
export function parsePrivateKey(text: string): SshPrivateKey {
  const body = dearmor(PRIVATE_KEY_LABEL, text);
  if (!body) {
    throw new SshKeyError(
      'not an OpenSSH private key: expected a "-----BEGIN OPENSSH PRIVATE KEY-----" block',
    );
  }
  try {
    return readPrivateKeyBody(body);
  } catch (error) {
    if (error instanceof WireFormatError)
      throw new SshKeyError(`invalid OpenSSH private key: ${error.message}`);
    throw error;
  }
}

function readPrivateKeyBody(body: Buffer): SshPrivateKey {
  const reader = new WireReader(body);
  if (!reader.raw(PRIVATE_KEY_MAGIC.length).equals(PRIVATE_KEY_MAGIC)) {
    throw new SshKeyError('invalid OpenSSH private key: the openssh-key-v1 header is missing');
  }
  const cipher = reader.text();
  const kdf = reader.text();
  reader.string();
  if (cipher !== 'none' || kdf !== 'none') {
    throw new SshKeyError(
      `the private key is encrypted (cipher ${cipher}); remove the passphrase with \`ssh-keygen -p -N "" -f FILE\` ` +
        'or create a key with `diff-guardian keygen --out FILE`',
    );
  }
  if (reader.uint32() !== 1)
    throw new SshKeyError('the private key file contains more than one key; use a file with one key');
  const publicKey = parsePublicKeyBlob(reader.string());
  const secret = new WireReader(reader.string());
  if (secret.uint32() !== secret.uint32())
    throw new SshKeyError('invalid OpenSSH private key: check integers differ');
  const type = secret.text();
  if (type !== ED25519_KEY_TYPE)
    throw new SshKeyError(
      `unsupported key type ${JSON.stringify(type)}: only ssh-ed25519 keys can sign notes`,
    );
  const embeddedPublic = secret.string();
  const pair = secret.string();
  const comment = secret.text();
  if (
    pair.length !== 64 ||
    !embeddedPublic.equals(publicKey.key) ||
    !pair.subarray(32).equals(publicKey.key)
  ) {
    throw new SshKeyError(
      'invalid OpenSSH private key: the private and public halves do not match',
    );
  }
  return { publicKey, seed: Buffer.from(pair.subarray(0, 32)), comment };
}
