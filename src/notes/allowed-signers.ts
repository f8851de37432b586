import { readFileSync } from 'node:fs';
import { ED25519_KEY_TYPE, parsePublicKeyBlob, SshKeyError, type SshPublicKey } from './ssh-key.js';

// The allowed_signers format of ssh-keygen(1): one key per line as
//   principals [options] keytype base64-key [comment]
// where principals and namespaces="…" are comma-separated wildcard patterns.

/** One usable line of an allowed_signers file. */
export interface AllowedSigner {
  principals: string;
  publicKey: SshPublicKey;
  /** Patterns from `namespaces="…"`; null allows every namespace. */
  namespaces: string[] | null;
  validAfter: Date | null;
  validBefore: Date | null;
  line: number;
}

/** Raised for an allowed_signers line that cannot be read, naming the file and line. */
export class AllowedSignersError extends Error {
  override name = 'AllowedSignersError';
}

/** Reads an allowed_signers file. */
export function readAllowedSigners(path: string): AllowedSigner[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AllowedSignersError(
      `cannot read allowed signers file ${path}: ${(error as Error).message}`,
    );
  }
  return parseAllowedSigners(text, path);
}

/**
 * Parses allowed_signers text. Lines with `cert-authority` or a key type other
 * than ssh-ed25519 are skipped, because notes are only ever signed with plain
 * Ed25519 keys and such a line can never match one.
 */
export function parseAllowedSigners(text: string, origin = 'allowed_signers'): AllowedSigner[] {
  const signers: AllowedSigner[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${origin}:${index + 1}`;
    const tokens = tokenize(line);
    if (tokens.length < 3)
      throw new AllowedSignersError(`${where}: expected "principals [options] keytype key"`);
    const principals = tokens[0]!;
    let cursor = 1;
    let options: Map<string, string | true> = new Map();
    if (!isKeyType(tokens[1]!)) {
      options = parseOptions(tokens[1]!, where);
      cursor = 2;
    }
    const keyType = tokens[cursor];
    const base64 = tokens[cursor + 1];
    if (!keyType || !base64)
      throw new AllowedSignersError(`${where}: the key type or key is missing`);
    if (options.has('cert-authority') || keyType !== ED25519_KEY_TYPE) return;
    let publicKey: SshPublicKey;
    try {
      publicKey = parsePublicKeyBlob(Buffer.from(base64, 'base64'));
    } catch (error) {
      if (error instanceof SshKeyError) throw new AllowedSignersError(`${where}: ${error.message}`);
      throw error;
    }
    const namespaces = options.get('namespaces');
    signers.push({
      principals,
      publicKey,
      namespaces:
        typeof namespaces === 'string' ? namespaces.split(',').map((p) => p.trim()) : null,
      validAfter: parseTime(options.get('valid-after'), where),
      validBefore: parseTime(options.get('valid-before'), where),
      line: index + 1,
    });
  });
  return signers;
}

/** Finds the line that allows `key` to sign in `namespace` at `time`, or returns null. */
export function findSigner(
  signers: readonly AllowedSigner[],
  key: SshPublicKey,
  namespace: string,
  time: Date,
): AllowedSigner | null {
  for (const signer of signers) {
    if (!signer.publicKey.key.equals(key.key)) continue;
    if (signer.namespaces && !matchPatternList(namespace, signer.namespaces)) continue;
    if (signer.validAfter && time < signer.validAfter) continue;
    if (signer.validBefore && time > signer.validBefore) continue;
    return signer;
  }
  return null;
}

function isKeyType(token: string): boolean {
  return /^(ssh-|ecdsa-|sk-|rsa-sha2-)/.test(token);
}

/** Splits on whitespace outside double quotes, dropping the quotes around a whole token. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    if (!quoted && /\s/.test(char)) {
      if (current) tokens.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current) tokens.push(current);
  return tokens.map((t) => (/^"[^"]*"$/.test(t) ? t.slice(1, -1) : t));
}

function parseOptions(token: string, where: string): Map<string, string | true> {
  const options = new Map<string, string | true>();
  for (const part of token.match(/(?:[^,"]|"[^"]*")+/g) ?? []) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      options.set(part.toLowerCase(), true);
      continue;
    }
    const value = part.slice(eq + 1);
    if (!/^"[^"]*"$/.test(value))
      throw new AllowedSignersError(`${where}: option ${part} needs a double-quoted value`);
    options.set(part.slice(0, eq).toLowerCase(), value.slice(1, -1));
  }
  return options;
}

/** Parses YYYYMMDD[HHMM[SS]][Z]; without Z the time is local, as ssh-keygen reads it. */
function parseTime(value: string | true | undefined, where: string): Date | null {
  if (value === undefined) return null;
  const match =
    typeof value === 'string'
      ? /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(Z?)$/i.exec(value)
      : null;
  if (!match)
    throw new AllowedSignersError(
      `${where}: invalid time ${JSON.stringify(value)}: use YYYYMMDD[HHMM[SS]][Z]`,
    );
  const [, y, mo, d, h = '0', mi = '0', s = '0', utc] = match;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  return utc ? new Date(Date.UTC(...parts)) : new Date(...parts);
}

/** Matches OpenSSH pattern lists: `*` and `?` wildcards, `!` negates and wins. */
function matchPatternList(value: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    if (!wildcardMatch(value, body)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function wildcardMatch(value: string, pattern: string): boolean {
  // Iterative glob match with one backtrack point, linear in practice and free of regex backtracking.
  let v = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      v += 1;
      p += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p;
      mark = v;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      v = mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}
