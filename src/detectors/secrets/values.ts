import { sha256Hex } from '../../util/sha256.js';
import { looksLikeCamelCaseName } from './identifier-words.js';

// Judgements about one candidate secret value, shared by every secret detector.
// Each test looks at the whole value: a value that merely contains `example`
// or `fake` is still judged as a possible credential.

/** Values of at most this many characters are judged; longer runs are clipped by callers. */
export const MAX_VALUE_LENGTH = 4096;

const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'replaceme', 'example', 'examples', 'sample', 'placeholder', 'dummy',
  'redacted', 'secret', 'secrets', 'password', 'passwd', 'token', 'apikey', 'none', 'null', 'nil',
  'undefined', 'true', 'false', 'todo', 'tbd', 'fixme', 'test', 'testing', 'foo', 'bar', 'foobar',
  'baz', 'default', 'empty', 'notset', 'unset', 'required', 'optional', 'hidden', 'masked',
  'private', 'value', 'string', 'yourkey', 'yoursecret', 'yourtoken', 'yourpassword', 'mypassword',
  'mysecret', 'mytoken', 'secretkey', 'accesskey', 'privatekey',
  'user', 'username', 'insertkeyhere', 'keyhere', 'tokenhere', 'passwordhere',
]);

// Template and reference syntaxes whose whole value names a value kept elsewhere.
const REFERENCE = [
  /^\$\{[^}]*\}$/, // ${VAR}, ${VAR:-x}
  /^\$\{\{[^}]*\}\}$/, // ${{ secrets.X }}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\([^)]*\)$/, // $(VAR) or $(command)
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^\{\{[^}]*\}\}$/, // {{ .Values.x }}
  /^#\{[^}]*\}$/, // #{var}
  /^%\([a-z_]+\)s$/i, // %(name)s
  /^@[A-Za-z_]+@$/, // @VAR@
  /^__[A-Za-z0-9_]+__$/, // __VAR__
  /^<[^<>]*>$/, // <token>
  /^\[[^[\]]*\]$/, // [your key]
  /^(?:vault|ssm|secretsmanager|awssm|gcpsm|azkv|op|sm|ref\+[a-z]+|keyvault|env):\/?\/?\S*$/i,
  /^arn:aws:(?:secretsmanager|ssm):/,
];

// Vendor documentation publishes these values as examples (AWS access keys
// in the IAM docs, the Azurite storage emulator account key). They are kept
// as hashes so no credential-shaped literal sits in this repository.
const DOCUMENTED_EXAMPLES = new Set([
  '1a5d44a2dca19669', '78314b11be2e5815', 'c6ea27c534f993d3', 'e21b597ba6b9cafa',
  '0011cc25eb432071', 'cb20d34a7adda2f5',
]);

function shortHash(value: string): string {
  return sha256Hex(value).slice(0, 16);
}

/** Tests whether a value is one that a vendor publishes in its documentation as an example. */
export function isDocumentedExample(value: string): boolean {
  return DOCUMENTED_EXAMPLES.has(shortHash(value));
}

/** Tests whether the whole value is a placeholder, a template reference or a mask. */
export function isPlaceholder(raw: string): boolean {
  const value = raw.trim();
  if (value.length < 4) return true;
  if (REFERENCE.some((re) => re.test(value))) return true;
  const squashed = value.toLowerCase().replace(/[\s_\-.]/g, '');
  if (PLACEHOLDER_WORDS.has(squashed)) return true;
  if (/^(?:your|my|enter|insert|paste|put|add|set)(?:your)?[a-z]*(?:key|token|secret|password|pass|pwd|here|id)$/.test(squashed)) return true;
  if (/^(?:x+|\*+|\.+|#+|0+|1+|9+|\u2022+|a+|z+)$/i.test(squashed)) return true;
  if (/^(?:1234567890?|123456|12345678|abcdef|abc123|qwerty)$/.test(squashed)) return true;
  // Words that describe the value instead of being it: `authpassword`, `mysecret123`, `dbpass`.
  if (squashed.length <= 40 && /^(?:my|your|the|some|auth|user|db|database|redis|admin|root|super|very|test|dummy|fake|sample|example|default|app|secret|new|old)*(?:password|passwd|pass|pwd|secret|token|key|apikey)\d{0,4}$/.test(squashed)) return true;
  if (/^\.{3}|\.{3}$|\u2026/.test(value) && value.length < 24) return true;
  return isMostlyOneCharacter(value);
}

/** Tests whether one character makes up more than half of the value, as in `sk_live_xxxxxxxx`. */
function isMostlyOneCharacter(value: string): boolean {
  const counts = new Map<string, number>();
  let max = 0;
  for (const ch of value) {
    const next = (counts.get(ch) ?? 0) + 1;
    counts.set(ch, next);
    if (next > max) max = next;
  }
  return value.length >= 8 && max / value.length > 0.5;
}

/** Shannon entropy of the value in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export type Charset = 'hex' | 'base32' | 'lower-alnum' | 'alnum' | 'base64' | 'printable';

interface CharsetRule {
  charset: Charset;
  test: RegExp;
  size: number;
  minLength: number;
}

// Narrowest first. The minimum lengths are where a random value of the set
// carries about 100 bits or more (hex 32 × 4 bits, base32 24 × 5 bits).
const CHARSETS: CharsetRule[] = [
  { charset: 'hex', test: /^(?:[0-9a-f]+|[0-9A-F]+)$/, size: 16, minLength: 32 },
  { charset: 'base32', test: /^(?:[a-z2-7]+|[A-Z2-7]+)$/, size: 32, minLength: 24 },
  { charset: 'lower-alnum', test: /^(?:[a-z0-9]+|[A-Z0-9]+)$/, size: 36, minLength: 20 },
  { charset: 'alnum', test: /^[A-Za-z0-9]+$/, size: 62, minLength: 16 },
  { charset: 'base64', test: /^[A-Za-z0-9+/_\-.~]+={0,2}$/, size: 64, minLength: 16 },
  { charset: 'printable', test: /^[\x21-\x7e]+$/, size: 94, minLength: 10 },
];

/** Returns the narrowest character set the value belongs to, or null for text with spaces or non-ASCII. */
export function charsetOf(value: string): CharsetRule | null {
  return CHARSETS.find((rule) => rule.test.test(value)) ?? null;
}

/**
 * Tests whether a value looks randomly drawn from its character set. The
 * entropy a random string can reach is bounded by both the set's size and the
 * string's length, so the threshold is a share of `log2(min(size, length))`
 * rather than one fixed figure. A 52-character lower-case base32 token reaches
 * about 4.4 bits per character, far below base64 of the same length, and is
 * still random.
 */
export function looksRandom(value: string, options: { minLength?: number } = {}): boolean {
  const rule = charsetOf(value);
  if (!rule) return false;
  if (value.length < (options.minLength ?? rule.minLength)) return false;
  const ceiling = Math.log2(Math.min(rule.size, value.length));
  if (shannonEntropy(value) < 0.8 * ceiling) return false;
  if (rule.charset === 'hex') return true;
  const hasDigit = /[0-9]/.test(value);
  const hasLetter = /[A-Za-z]/.test(value);
  if (!hasLetter) return false;
  // Mixed case, digits or symbols: a run of plain words has none of them in useful measure.
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  if (!hasDigit && classes < 2) return false;
  return !looksLikeWords(value);
}

/** Identifiers, paths and sentences: camelCase or snake_case runs of pronounceable words. */
function looksLikeWords(value: string): boolean {
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(value) && looksLikeCamelCaseName(value)) return true;
  if (/^[A-Za-z]+(?:[_\-./][A-Za-z]+)+$/.test(value)) return true;
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Hex digests of the common hash lengths (MD5, SHA-1, SHA-256, SHA-512) and git object ids. */
export function isHexDigest(value: string): boolean {
  return /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i.test(value);
}

// Base64 lengths of SHA-256, SHA-384 and SHA-512 digests, with padding.
const SRI_LENGTH: Record<string, number> = { sha256: 44, sha384: 64, sha512: 88 };

/** Tests whether a value is a subresource-integrity digest with exactly its algorithm's length. */
export function isIntegrityDigest(value: string): boolean {
  const match = /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/.exec(value);
  return match !== null && match[2]!.length === SRI_LENGTH[match[1]!];
}

/** Tests whether text is a data URL or a base64 image, which carry no credential. */
export function isEmbeddedMedia(value: string): boolean {
  return /^data:[a-z]+\/[a-z0-9.+-]+;base64,/i.test(value) || /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|PHN2Zy)/.test(value);
}

/** Values that read from the environment or a secret manager instead of holding the secret. */
const RUNTIME_READ =
  /\b(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|ENV\.fetch|env\(|Deno\.env|std::env|secrets\.|vault\.|get_secret|getSecret|SecretManager|secretsmanager|ssm\.get|config\.get|settings\.)/;

export function readsAtRuntime(expression: string): boolean {
  return RUNTIME_READ.test(expression);
}

/** Tests whether a candidate is neither a placeholder, a documented example nor an obvious non-secret. */
export function isPlausibleSecret(value: string): boolean {
  if (isPlaceholder(value) || isDocumentedExample(value)) return false;
  if (isIntegrityDigest(value) || isEmbeddedMedia(value)) return false;
  return true;
}
