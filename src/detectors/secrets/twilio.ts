import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/twilio',
    severity: 'block',
    confidence: 'high',
    description: 'Report Twilio API keys and auth tokens.',
    messages: {
      apiKey: 'Twilio API key committed. It can send messages and place calls billed to you; delete it in the Twilio console.',
      authToken:
        'Twilio auth token committed. It grants full access to the account; rotate it in the Twilio console and read it from the environment.',
    },
  },
  keywords: ['twilio', 'auth_token', 'authtoken', 'auth-token'],
  patterns: [
    {
      regex: /(?<![A-Za-z0-9])(?<secret>SK[0-9a-f]{32})(?![A-Za-z0-9])/g,
      anchor: /SK/g,
      messageId: 'apiKey',
      // An `SK` followed by 32 hex digits is also a common shape for other ids; ask for Twilio context.
      check: (_value, _match, text, index) => hasTwilioContext(text.lines, index),
    },
    {
      regex: /(?:auth[_-]?token|authToken|TWILIO_[A-Z_]*TOKEN)["']?\s*[:=,]\s*["']?(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])/gi,
      anchor: /token/gi,
      messageId: 'authToken',
      check: (_value, _match, text, index) => hasTwilioContext(text.lines, index),
    },
  ],
});

function hasTwilioContext(lines: ReadonlyArray<{ text: string }>, index: number): boolean {
  const from = Math.max(0, index - 10);
  return lines.slice(from, index + 10).some((line) => /twilio|\bAC[0-9a-f]{32}\b/i.test(line.text.slice(0, 4096)));
}
