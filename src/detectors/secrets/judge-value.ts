import type { Severity } from '../../model/types.js';
import type { NameKind } from './credential-names.js';
import { looksLikeCamelCaseName } from './identifier-words.js';
import { isHexDigest, isPlausibleSecret, isUuid, looksRandom, readsAtRuntime } from './values.js';

// Password hashes in crypt formats (bcrypt, argon2, sha-crypt, PBKDF2, scrypt) are safe to store.
const CRYPT_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|pbkdf2[-\w]*|scrypt|y|7)\$/;

export interface ValueJudgement {
  severity: Severity;
  messageId: 'literal' | 'weak';
}

/** Identifiers, dotted paths, URLs and prose: text that names something rather than being a secret. */
function looksDescriptive(value: string): boolean {
  if (/\s/.test(value) && value.split(/\s+/).length > 2) return true;
  if (looksLikeCamelCaseName(value)) return true;
  if (/^[A-Za-z]+(?:[_\-./:][A-Za-z]+)+$/.test(value)) return true;
  if (/^(?:https?:\/\/|\/|\.\/|~\/)/.test(value)) return true;
  return false;
}

function isMixedCaseNonName(value: string): boolean {
  if (!/^[A-Za-z]+$/.test(value) || !/[a-z]/.test(value) || !/[A-Z]/.test(value)) return false;
  return !looksLikeCamelCaseName(value[0]!.toLowerCase() + value.slice(1));
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

/**
 * Judges a literal given to a credential-like name: `block` when it looks
 * generated (by the entropy its character set allows), `warn` for a short or
 * guessable password, and null when it is a placeholder or no secret at all.
 */
export function judgeCredentialValue(value: string, kind: NameKind): ValueJudgement | null {
  if (!isPlausibleSecret(value) || CRYPT_HASH.test(value) || readsAtRuntime(value)) return null;
  if (isUuid(value)) return kind === 'key' ? null : { severity: 'warn', messageId: 'weak' };
  if (isHexDigest(value) && kind === 'key') return null;
  if (looksDescriptive(value)) return null;
  // Text with spaces is a message or a passphrase; only a password name makes it worth a warning.
  if (/\s/.test(value)) return kind === 'password' && value.length >= 8 ? { severity: 'warn', messageId: 'weak' } : null;
  if (looksRandom(value)) return { severity: 'block', messageId: 'literal' };
  // Mixed-case letters that read as no name are generated, even where their entropy falls short.
  if (kind !== 'key' && value.length >= 16 && isMixedCaseNonName(value)) {
    return { severity: 'block', messageId: 'literal' };
  }
  // Below the lengths at which entropy means much, a mix of three character classes marks a generated value.
  const minLength = kind === 'password' ? 8 : 12;
  if (kind !== 'key' && value.length >= minLength && characterClasses(value) >= 3) {
    return { severity: 'block', messageId: 'literal' };
  }
  // A plain word such as `INCRBY` or `Bearer` is a keyword, not a password.
  const guessable = /[0-9]|[^A-Za-z0-9]/.test(value);
  if (kind !== 'key' && guessable && value.length >= (kind === 'password' ? 6 : 8)) return { severity: 'warn', messageId: 'weak' };
  return null;
}
