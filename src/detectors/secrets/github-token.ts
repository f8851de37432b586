import { hasValidChecksum } from './checksum.js';
import { defineTokenDetector } from './token-detector.js';

const KINDS: Record<string, string> = {
  ghp: 'personal access token',
  gho: 'OAuth access token',
  ghu: 'GitHub App user-to-server token',
  ghs: 'GitHub App installation token',
  ghr: 'GitHub App refresh token',
};

export default defineTokenDetector({
  meta: {
    id: 'secret/github-token',
    severity: 'block',
    confidence: 'high',
    description: 'Report GitHub personal access, OAuth and app tokens, verifying the checksum classic tokens carry.',
    messages: {
      classic:
        'GitHub {{kind}} committed. Anyone who reads the history can act as its owner; revoke it in GitHub settings and read it from the environment.',
      fineGrained:
        'GitHub fine-grained personal access token committed. Revoke it in GitHub settings and read it from the environment.',
      badChecksum:
        'Text shaped like a GitHub {{kind}} whose checksum does not match. If it is a real token, revoke it; if it is test data, mark it with an inline allow comment.',
    },
  },
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  patterns: [
    {
      // The body is 30 random base62 characters and a 6-character base62 CRC32 of them.
      regex: /\b(?<secret>(?<prefix>gh[pousr])_(?<body>[A-Za-z0-9]{36}))(?![A-Za-z0-9])/g,
      anchor: /gh[pousr]_/g,
      messageId: 'classic',
      check(_value, match) {
        const kind = KINDS[match.groups!.prefix!]!;
        if (hasValidChecksum(match.groups!.body!)) return { data: { kind } };
        return { messageId: 'badChecksum', severity: 'warn', data: { kind } };
      },
    },
    {
      regex: /\b(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9])/g,
      anchor: /github_pat_/g,
      messageId: 'fineGrained',
    },
  ],
});
