import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/azure-storage',
    severity: 'block',
    confidence: 'high',
    description: 'Report Azure storage account keys, Service Bus and Event Hubs shared access keys, and SAS signatures.',
    messages: {
      accountKey:
        'Azure storage account key committed. It grants full access to every container in the account; rotate it in the portal and use a managed identity or the environment.',
      sharedAccessKey:
        'Azure shared access key committed in a connection string. Regenerate the key of that policy and read the connection string from a secret store.',
      sas: 'Azure SAS URL with a signature committed. It grants access until it expires; revoke it by rotating the key that signed it.',
    },
  },
  keywords: ['accountkey', 'sharedaccesskey', 'sig='],
  patterns: [
    {
      // Storage keys are 64 random bytes: 86 base64 characters and `==`.
      regex: /AccountKey\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==)/gi,
      anchor: /AccountKey/gi,
      messageId: 'accountKey',
    },
    {
      regex: /SharedAccessKey\s*=\s*(?<secret>[A-Za-z0-9+/]{42,44}=)/gi,
      anchor: /SharedAccessKey/gi,
      messageId: 'sharedAccessKey',
    },
    {
      regex: /[?&]sv=\d{4}-\d{2}-\d{2}[^\s'"`<>]{0,400}?[?&]sig=(?<secret>[A-Za-z0-9%+/]{40,100}(?:%3D|=){0,2})/gi,
      anchor: /sig=/gi,
      messageId: 'sas',
    },
  ],
});
