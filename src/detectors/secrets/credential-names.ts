// Classification of assignment names by whether their value is likely a credential.
import { memoizeBounded } from '../../util/bounded-memo.js';
import { ownText } from '../../util/own-text.js';

/** Strength of a name's hint at a secret: a password, another secret, or a plain `*_key`. */
export type NameKind = 'password' | 'secret' | 'key';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'pass', 'passcode', 'pw']);
const SECRET_WORDS = new Set(['secret', 'token', 'credential', 'credentials', 'apikey', 'pat', 'bearer', 'creds', 'auth']);
const KEY_PAIRS = new Set([
  'api key', 'access key', 'private key', 'auth key', 'signing key', 'encryption key', 'master key', 'account key',
  'client secret', 'app key', 'application key', 'license key', 'session key', 'secret key', 'subscription key',
  'service key', 'admin key', 'shared key', 'webhook key', 'hmac key', 'jwt key',
]);
// A name ending in one of these describes the credential (its id, its file, its length) rather than holding it.
const DESCRIPTIVE_TAILS = new Set([
  'name', 'names', 'id', 'ids', 'type', 'types', 'file', 'files', 'path', 'dir', 'url', 'uri', 'endpoint', 'header',
  'field', 'length', 'len', 'size', 'count', 'prefix', 'suffix', 'pattern', 'regex', 'env', 'var', 'label',
  'placeholder', 'hint', 'policy', 'ref', 'arn', 'expiry', 'expires', 'expiration', 'expiresat', 'ttl', 'timeout',
  'format', 'mode', 'enabled', 'required', 'hash', 'hashed', 'digest', 'version', 'rotation', 'param', 'location',
  'source', 'provider', 'manager', 'store', 'kind', 'class', 'input', 'form', 'reset', 'changed', 'validation',
  'strength', 'min', 'max', 'limit', 'usage', 'budget', 'rules', 'chars', 'algorithm', 'alg', 'scheme', 'schema',
  'template', 'fn', 'callback', 'handler', 'service', 'generator', 'encoding', 'method', 'index', 'position',
  'offset', 'key id', 'keyid', 'selector', 'property', 'prop', 'option', 'options', 'config', 'mask', 'visible',
  'error', 'message', 'msg', 'text', 'title', 'description', 'desc', 'help', 'prompt', 'storage', 'cache',
  'status', 'state', 'user', 'username', 'email', 'host', 'port', 'issuer', 'audience', 'scope', 'scopes',
  'endpoint', 'command', 'cmd', 'script', 'key', 'at', 'on', 'time', 'date', 'tokens', 'lifetime', 'secs',
  'seconds', 'ms', 'minutes', 'hours', 'days',
]);
// A name starting with one of these is a flag, a counter or a function name.
const DESCRIPTIVE_HEADS = new Set([
  'max', 'min', 'num', 'total', 'count', 'is', 'has', 'use', 'should', 'show', 'hide', 'enable', 'disable',
  'require', 'get', 'set', 'check', 'validate', 'generate', 'create', 'fetch', 'load', 'read', 'parse', 'on',
  'handle', 'no', 'allow', 'reset', 'forgot', 'verify', 'update', 'new', 'old', 'current', 'confirm', 'toggle',
]);

/**
 * Words of which every name that credentialNameKind accepts has one, in lower
 * case: each password or secret word, the words of the key pairs that carry
 * the hint (`key`, `secret`), and the joined key words such as `apikey`.
 */
export const CREDENTIAL_WORDS: readonly string[] = [
  ...PASSWORD_WORDS,
  ...SECRET_WORDS,
  'key',
  'accesskey',
  'privatekey',
  'secretkey',
  'signingkey',
];

/** Splits `webhookSigningSecret`, `AWS_SECRET_KEY` or `api-key` into lower-case words. */
export function nameWords(name: string): string[] {
  const last = name.split(/[.[\]]/).filter(Boolean).pop() ?? name;
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[\s_\-:]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

// Code repeats the same names (`key`, `path`, `token`) thousands of times, so
// each name is classified once. The cache is emptied when it grows past the limit.
// A name cut from a diff line would keep the parser's whole input chunk alive in
// the cache, so the cache keeps a copy of it.
const KIND_CACHE_LIMIT = 10_000;

/** Returns how strongly a name suggests a credential, or null for names that do not. */
export const credentialNameKind: (name: string) => NameKind | null = memoizeBounded(classifyName, KIND_CACHE_LIMIT, ownText);

function classifyName(name: string): NameKind | null {
  const words = nameWords(name);
  if (words.length === 0 || words.length > 8) return null;
  const tail = words[words.length - 1]!;
  const tailPair = words.slice(-2).join(' ');
  if (DESCRIPTIVE_HEADS.has(words[0]!) && words.length > 1) return null;
  if ((DESCRIPTIVE_TAILS.has(tail) && tail !== 'key') || DESCRIPTIVE_TAILS.has(tailPair)) return null;
  if (words.some((word) => PASSWORD_WORDS.has(word))) return 'password';
  if (words.some((word) => SECRET_WORDS.has(word))) return 'secret';
  const pairs = words.slice(1).map((word, i) => `${words[i]} ${word}`);
  if (pairs.some((pair) => KEY_PAIRS.has(pair)) || words.some((w) => /^(?:api|access|private|secret|signing)key$/.test(w))) {
    return 'secret';
  }
  if (tail === 'key' && words.length >= 2) return 'key';
  return null;
}
