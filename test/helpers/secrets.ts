import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { base62, crc32 } from '../../src/detectors/secrets/checksum.js';
import { recordSecret } from './artifacts.js';

// Fixture secrets are generated at test time in their real formats, so no
// credential-shaped literal is ever committed. Every value made here is also
// recorded, so a test can check that no output ever contains one.
const generated = new Set<string>();

export function generatedSecrets(): string[] {
  return [...generated];
}

function record(value: string): string {
  generated.add(value);
  recordSecret(value);
  return value;
}

/** Returns `length` random characters drawn from `alphabet`. */
export function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length; i += 1) {
    const byte = bytes[i % bytes.length]! ^ (i >> 8);
    out += alphabet[byte % alphabet.length];
  }
  return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const BASE62 = UPPER + LOWER + DIGITS;

export function awsAccessKeyId(): string {
  return record(`AKIA${randomFrom(UPPER + '234567', 16)}`);
}

export function awsSecretAccessKey(): string {
  return record(randomFrom(BASE62 + '/+', 40));
}

/**
 * Generates an AWS secret access key that contains `/` and `+` and every character
 * class the rules require, so a test that needs those characters is not left
 * to chance.
 */
export function awsSecretAccessKeyWithSymbols(): string {
  const chars = [...`/+Aa1${randomFrom(BASE62 + '/+', 35)}`];
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomBytes(1)[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return record(chars.join(''));
}

/** Registers any other generated secret so the leak checks look for it too. */
export function remember(value: string): string {
  return record(value);
}

// --- Generators for every credential family the secret detectors know. ---

const HEX = '0123456789abcdef';
const BASE64 = BASE62 + '+/';
const BASE64URL = BASE62 + '-_';

function base64Lines(chars: number, width = 64): string[] {
  const body = randomFrom(BASE64, chars);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += width) lines.push(body.slice(i, i + width));
  return lines;
}

/** Generates a GitHub token of the classic format: prefix, 30 random characters and their CRC32 in base62. */
export function githubToken(prefix: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr' = 'ghp', options: { validChecksum?: boolean } = {}): string {
  const random = randomFrom(BASE62, 30);
  let checksum = base62(crc32(random), 6);
  if (options.validChecksum === false) checksum = checksum.split('').reverse().join('') === checksum ? 'zzzzzz' : checksum.split('').reverse().join('');
  return record(`${prefix}_${random}${checksum}`);
}

export function githubFineGrainedToken(): string {
  return record(`github_pat_${randomFrom(BASE62, 22)}_${randomFrom(BASE62, 59)}`);
}

export function gitlabToken(prefix = 'glpat-'): string {
  return record(`${prefix}${randomFrom(BASE62 + '_-', 20)}`);
}

export function npmToken(): string {
  return record(`npm_${randomFrom(BASE62, 36)}`);
}

export function pypiToken(): string {
  return record(`pypi-AgEIcHlwaS5vcmc${randomFrom(BASE64URL, 140)}`);
}

export function slackBotToken(): string {
  return record(`xoxb-${randomFrom(DIGITS, 12)}-${randomFrom(DIGITS, 13)}-${randomFrom(BASE62, 24)}`);
}

export function slackWebhookUrl(): string {
  return record(`https://hooks.slack.com/services/T${randomFrom(UPPER + DIGITS, 8)}/B${randomFrom(UPPER + DIGITS, 10)}/${randomFrom(BASE62, 24)}`);
}

export function stripeLiveKey(kind: 'sk' | 'rk' = 'sk'): string {
  return record(`${kind}_live_${randomFrom(BASE62, 99)}`);
}

export function stripeTestKey(): string {
  return record(`sk_test_${randomFrom(BASE62, 99)}`);
}

export function twilioAccountSid(): string {
  return `AC${randomFrom(HEX, 32)}`;
}

export function twilioApiKey(): string {
  return record(`SK${randomFrom(HEX, 32)}`);
}

export function twilioAuthToken(): string {
  return record(randomFrom(HEX, 32));
}

export function sendgridApiKey(): string {
  return record(`SG.${randomFrom(BASE64URL, 22)}.${randomFrom(BASE64URL, 43)}`);
}

export function openaiApiKey(kind: 'proj' | 'legacy' = 'proj'): string {
  const marker = Buffer.from('OpenAI').toString('base64');
  if (kind === 'legacy') return record(`sk-${randomFrom(BASE62, 20)}${marker}${randomFrom(BASE62, 20)}`);
  return record(`sk-proj-${randomFrom(BASE64URL, 74)}${marker}${randomFrom(BASE64URL, 74)}`);
}

export function anthropicApiKey(): string {
  return record(`sk-ant-api03-${randomFrom(BASE64URL, 93)}AA`);
}

export function azureStorageAccountKey(): string {
  return record(`${randomFrom(BASE62, 1)}${randomFrom(BASE64, 85)}==`);
}

export function base32Token(length = 52): string {
  return record(randomFrom('abcdefghijklmnopqrstuvwxyz234567', length));
}

/** Generates a password of letters, digits and symbols, like a generated database password. */
export function strongPassword(length = 20): string {
  // A letter or digit first: a value such as `%…%` reads as a Windows variable, which the rules rightly skip.
  return record(randomFrom(BASE62, 1) + randomFrom(BASE62 + '!#%*-_+', length - 4) + randomFrom(UPPER, 1) + randomFrom(DIGITS, 1) + randomFrom('!#%', 1));
}

/**
 * Generates random base64 text. The first character is a letter or digit:
 * a value starting with `/` reads as a path, which the value rules rightly
 * skip, and that would make a test flaky.
 */
export function randomBase64(length = 88): string {
  return record(randomFrom(BASE62, 1) + randomFrom(BASE64, length - 1));
}

export function hexSecret(length = 64): string {
  return record(randomFrom(HEX, length));
}

/** Generates a real private key in PEM with Node's crypto. */
export function pemPrivateKey(type: 'rsa' | 'ec' | 'ed25519' = 'ec', format: 'pkcs8' | 'sec1' | 'pkcs1' = 'pkcs8'): string {
  const options =
    type === 'rsa' ? { modulusLength: 1024 } : type === 'ec' ? { namedCurve: 'prime256v1' } : {};
  const { privateKey } = generateKeyPairSync(type as 'ec', options as { namedCurve: string });
  const pem = privateKey.export({ type: format as 'pkcs8', format: 'pem' }).toString();
  for (const line of pem.split('\n')) if (/^[A-Za-z0-9+/=]{40,}$/.test(line)) record(line);
  return pem;
}

/** Generates a PEM-armoured block with a random base64 body, for key types Node cannot export (OpenSSH, PGP). */
export function armouredKey(label: string, bodyChars = 400): string {
  const lines = base64Lines(bodyChars, 70);
  lines.forEach((line) => record(line));
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ''].join('\n');
}

export function puttyKey(): string {
  const lines = base64Lines(560, 64);
  lines.forEach((line) => record(line));
  return [
    'PuTTY-User-Key-File-3: ssh-ed25519',
    'Encryption: none',
    'Comment: deploy',
    `Public-Lines: 2`,
    ...base64Lines(100, 64),
    `Private-Lines: ${lines.length}`,
    ...lines,
    `Private-MAC: ${randomFrom(HEX, 64)}`,
    '',
  ].join('\n');
}

/** Generates a JSON Web Token signed with HMAC-SHA256, expiring `expiresIn` seconds from now (negative: expired). */
export function jwt(expiresIn = 3600, claims: Record<string, unknown> = {}): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({ sub: randomFrom(DIGITS, 8), exp: Math.floor(Date.now() / 1000) + expiresIn, ...claims });
  const signature = createHmac('sha256', randomBytes(32)).update(`${header}.${payload}`).digest('base64url');
  return record(`${header}.${payload}.${signature}`);
}

/** Generates a Google Cloud service-account key file with a real generated RSA key. */
export function gcpServiceAccountJson(): string {
  const key = pemPrivateKey('rsa', 'pkcs8');
  return `${JSON.stringify(
    {
      type: 'service_account',
      project_id: 'demo-project',
      private_key_id: randomFrom(HEX, 40),
      private_key: key,
      client_email: 'builder@demo-project.iam.gserviceaccount.com',
      client_id: randomFrom(DIGITS, 21),
      token_uri: 'https://oauth2.googleapis.com/token',
    },
    null,
    2,
  )}\n`;
}

/**
 * Returns a random base62 token with upper and lower case letters and at least
 * two digits. Shorter random draws can lack digits, and the value rules then
 * rightly read them as identifiers, which would make a test flaky.
 */
export function strongToken(length = 32): string {
  for (;;) {
    const value = randomFrom(BASE62, length);
    if (/[A-Z]/.test(value) && /[a-z]/.test(value) && /\d.*\d/.test(value)) return record(value);
  }
}
