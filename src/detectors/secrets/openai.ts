import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/openai-api-key',
    severity: 'block',
    confidence: 'high',
    description: 'Report OpenAI API keys (user, project, service-account and admin keys).',
    messages: {
      found: 'OpenAI API key committed. It bills usage to your organisation; revoke it in the OpenAI dashboard and read it from OPENAI_API_KEY.',
    },
  },
  keywords: ['t3blbkfj'],
  patterns: [
    {
      // Every key carries `T3BlbkFJ`, the base64 of `OpenAI`, between two random parts.
      regex: /(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})(?![A-Za-z0-9_-])/g,
      anchor: /T3BlbkFJ/g,
      messageId: 'found',
    },
  ],
});
