import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/npm-token',
    severity: 'block',
    confidence: 'high',
    description: 'Report npm access tokens.',
    messages: {
      found:
        'npm access token committed. It can publish packages as its owner; revoke it with `npm token revoke` and read it from NPM_TOKEN.',
    },
  },
  keywords: ['npm_'],
  patterns: [
    {
      regex: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
      anchor: /npm_/g,
      messageId: 'found',
    },
  ],
});
