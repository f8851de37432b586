import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/sendgrid-api-key',
    severity: 'block',
    confidence: 'high',
    description: 'Report SendGrid API keys.',
    messages: {
      found: 'SendGrid API key committed. It can send mail as your domain; delete it in SendGrid and read it from the environment.',
    },
  },
  keywords: ['sg.'],
  patterns: [
    {
      regex: /(?<![A-Za-z0-9])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
      anchor: /SG\./g,
      messageId: 'found',
    },
  ],
});
