import { describe, expect, it } from 'vitest';
import {
  findSigner,
  formatPublicKey,
  generateKey,
  parseAllowedSigners,
} from '../../src/notes/index.js';

const key = generateKey('alice@example.com').publicKey;
const other = generateKey('bob@example.com').publicKey;
const line = formatPublicKey(key);
const NS = 'diff-guardian';
const NOW = new Date(Date.UTC(2026, 5, 1));

describe('allowed signers', () => {
  const cases: Array<{ name: string; text: string; time?: Date; principal: string | null }> = [
    { name: 'plain line', text: `alice@example.com ${line}`, principal: 'alice@example.com' },
    {
      name: 'matching namespace',
      text: `alice@example.com namespaces="${NS}" ${line}`,
      principal: 'alice@example.com',
    },
    {
      name: 'namespace wildcard',
      text: `alice@example.com namespaces="git,diff-*" ${line}`,
      principal: 'alice@example.com',
    },
    {
      name: 'other namespace',
      text: `alice@example.com namespaces="git" ${line}`,
      principal: null,
    },
    {
      name: 'negated namespace',
      text: `alice@example.com namespaces="*,!${NS}" ${line}`,
      principal: null,
    },
    {
      name: 'quoted principals',
      text: `"alice@example.com,ci@example.com" ${line} comment`,
      principal: 'alice@example.com,ci@example.com',
    },
    { name: 'other key', text: `bob@example.com ${formatPublicKey(other)}`, principal: null },
    { name: 'cert authority', text: `*@example.com cert-authority ${line}`, principal: null },
    {
      name: 'comment and blank lines',
      text: `# trusted\n\n  alice@example.com ${line}\n`,
      principal: 'alice@example.com',
    },
    {
      name: 'before valid-after',
      text: `alice@example.com valid-after="20270101" ${line}`,
      principal: null,
    },
    {
      name: 'within validity',
      text: `alice@example.com valid-after="20260101Z",valid-before="202612312359Z" ${line}`,
      principal: 'alice@example.com',
    },
    {
      name: 'after valid-before',
      text: `alice@example.com valid-before="20260101Z" ${line}`,
      principal: null,
    },
    {
      name: 'second line matches',
      text: `bob@example.com ${formatPublicKey(other)}\nalice@example.com ${line}`,
      principal: 'alice@example.com',
    },
    {
      name: 'rsa line skipped',
      text: `carol@example.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ\nalice@example.com ${line}`,
      principal: 'alice@example.com',
    },
  ];
  for (const testCase of cases) {
    it(`finds the signer: ${testCase.name}`, () => {
      const signer = findSigner(parseAllowedSigners(testCase.text), key, NS, testCase.time ?? NOW);
      expect(signer?.principals ?? null).toBe(testCase.principal);
    });
  }

  const invalid: Array<{ name: string; text: string; error: RegExp }> = [
    {
      name: 'missing key',
      text: 'alice@example.com ssh-ed25519',
      error: /allowed_signers:1: expected/,
    },
    {
      name: 'unquoted option value',
      text: `alice@example.com namespaces=git ${line}`,
      error: /double-quoted/,
    },
    {
      name: 'bad time',
      text: `alice@example.com valid-after="tomorrow" ${line}`,
      error: /invalid time/,
    },
    {
      name: 'bad key blob',
      text: 'alice@example.com ssh-ed25519 AAAA',
      error: /allowed_signers:1/,
    },
  ];
  for (const testCase of invalid) {
    it(`rejects ${testCase.name}`, () => {
      expect(() => parseAllowedSigners(testCase.text)).toThrow(testCase.error);
    });
  }
});
