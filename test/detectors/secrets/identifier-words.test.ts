import { describe, expect, it } from 'vitest';
import detector from '../../../src/detectors/secrets/generic-assignment.js';
import { camelCaseWords, looksLikeCamelCaseName } from '../../../src/detectors/secrets/identifier-words.js';
import { judgeCredentialValue } from '../../../src/detectors/secrets/judge-value.js';
import { randomFrom, remember } from '../../helpers/secrets.js';
import { runTable } from './table.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const LETTERS = LOWER + LOWER.toUpperCase();

/** Generates random letters of mixed case that start with a lower-case letter. */
function lowerFirstLetters(length = 24): string {
  return remember(randomFrom(LOWER, 1) + randomFrom(LETTERS, length - 1));
}

/**
 * Returns a generator of the same kind of values from a fixed seed (a 32-bit
 * xorshift), so the loops over 200 values test the same values on every run.
 */
function seededLowerFirstLetters(seed: number): () => string {
  let state = seed;
  const next = (size: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % size;
  };
  return () => {
    let value = LOWER[next(26)]!;
    while (value.length < 24) value += LETTERS[next(52)]!;
    return remember(value);
  };
}

// Identifiers of the kinds found in web APIs and application code. None of them is a secret.
const IDENTIFIERS = [
  'refreshTokenPath', 'getElementById', 'parseHTTPResponse', 'xmlHttpRequest', 'innerHTML',
  'dbPassword', 'userPasswordHash', 'clientSecretRef', 'accessTokenExpiresAt', 'onChange',
  'addEventListener', 'removeEventListener', 'querySelectorAll', 'encodeURIComponent',
  'toLocaleDateString', 'getXCoordinate', 'isNaN', 'getURLForID', 'mysqlRootPassword', 'jwtSigningKey', 'jsonWebTokenSecretName',
  'readFileSync', 'createHmac', 'kubeconfigPath', 'awsRegion', 'tlsCertFile', 'strengthsByLength',
  'passwordConfirmation', 'useAuthContext', 'apiKeyHeaderName', 'sshAgentSocket', 'cssModules',
  'mySecretValue', 'fetchAccessToken', 'webhookSigningKey', 'oauthClientSecret', 'defaultValue',
];

describe('looksLikeCamelCaseName', () => {
  it('splits identifiers into words', () => {
    expect(camelCaseWords('getXMLValue')).toEqual(['get', 'XML', 'Value']);
    expect(camelCaseWords('getXCoordinate')).toEqual(['get', 'X', 'Coordinate']);
  });

  it('accepts real camelCase identifiers', () => {
    const rejected = IDENTIFIERS.filter((name) => !looksLikeCamelCaseName(name));
    expect(rejected).toEqual([]);
  });

  it('rejects random mixed-case letters', () => {
    const generate = seededLowerFirstLetters(0x5eed);
    const accepted: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      if (looksLikeCamelCaseName(generate())) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });
});

describe('judgeCredentialValue on lower-case-first values', () => {
  it('blocks 200 random 24-letter passwords', () => {
    const generate = seededLowerFirstLetters(0x2024);
    const missed: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const judgement = judgeCredentialValue(generate(), 'password');
      if (judgement?.severity !== 'block') missed.push(i);
    }
    expect(missed).toEqual([]);
  });

  it('skips identifiers given as values', () => {
    const judged = IDENTIFIERS.filter((name) => judgeCredentialValue(name, 'password') !== null);
    expect(judged).toEqual([]);
  });
});

runTable(detector, {
  flag: [
    {
      name: 'Python DB_PASSWORD starting lower-case',
      files: () => ({ 'settings.py': { new: `DB_PASSWORD = "${lowerFirstLetters()}"\n` } }),
      expect: [{ line: 1, severity: 'block' }],
    },
    {
      name: '.env secret starting lower-case',
      files: () => ({ '.env': { new: `API_SECRET=${lowerFirstLetters(32)}\n` } }),
      expect: [{ line: 1, severity: 'block' }],
    },
  ],
  pass: [
    { name: 'camelCase name as value', files: () => ({ 'settings.py': { new: 'DB_PASSWORD = "dbPasswordFromVault"\n' } }) },
    { name: 'env var name as value', files: () => ({ 'app.yml': { new: 'password_env: DATABASE_PASSWORD\n' } }) },
    { name: 'descriptive dotted value', files: () => ({ 'app.yml': { new: 'secret: app.credentials.signingSecret\n' } }) },
  ],
});
