import { randomBytes } from 'node:crypto';
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

/** Registers any other generated secret so the leak checks look for it too. */
export function remember(value: string): string {
  return record(value);
}
