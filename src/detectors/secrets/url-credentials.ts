import { defineTokenDetector } from './token-detector.js';
import { looksRandom } from './values.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/url-credentials',
    severity: 'block',
    confidence: 'medium',
    description: 'Report passwords and tokens written into the user-info part of HTTP, FTP, SSH, SMTP and LDAP URLs.',
    messages: {
      found:
        'URL with embedded credentials committed. Anyone who reads the history can use them; change the password or token and pass it through the environment or a credential helper.',
      weak: 'URL with an embedded password committed. Even a short password here works for anyone who reads the history; move it out of the URL.',
    },
  },
  keywords: ['://'],
  patterns: [
    {
      regex:
        /(?<![A-Za-z0-9+.-])(?:https?|ftps?|sftp|ssh|git|smtps?|ldaps?|imaps?|wss?|nats):\/\/(?<user>[^\s:/@'"`<>]{0,128}):(?<secret>[^\s@/'"`<>]{1,256})@(?<host>[A-Za-z0-9.-]{1,255}\.[A-Za-z]{2,}|localhost|\d{1,3}(?:\.\d{1,3}){3})/g,
      // The user-info part of the pattern, so a URL without a password is not read again.
      anchor: /:\/\/[^\s:/@'"`<>]{0,128}:[^\s@/'"`<>]{1,256}@/g,
      messageId: 'found',
      check(value) {
        // A `user:pass@` in a URL is almost never a template; a weak one still works.
        if (looksRandom(value, { minLength: 12 })) return true;
        return { messageId: 'weak', severity: 'warn' };
      },
    },
  ],
});
