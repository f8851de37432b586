import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/anthropic-api-key',
    severity: 'block',
    confidence: 'high',
    description: 'Report Anthropic API and admin keys.',
    messages: {
      found:
        'Anthropic {{kind}} committed. It bills usage to your organisation; disable it in the Anthropic Console and read it from ANTHROPIC_API_KEY.',
    },
  },
  keywords: ['sk-ant-'],
  patterns: [
    {
      regex: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?<kind>api|admin)\d{2}-[A-Za-z0-9_-]{80,120}AA)(?![A-Za-z0-9_-])/g,
      anchor: /sk-ant-/g,
      messageId: 'found',
      check: (_value, match) => ({ data: { kind: match.groups!.kind === 'api' ? 'API key' : 'admin key' } }),
    },
  ],
});
