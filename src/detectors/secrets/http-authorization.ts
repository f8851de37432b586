import { fileKind } from './file-kind.js';
import { judgeCredentialValue } from './judge-value.js';
import type { ScanText } from './scan-text.js';
import { defineTokenDetector, type TokenVerdict } from './token-detector.js';
import { looksRandom } from './values.js';

// A header value after `Authorization`, in curl `-H` options, JavaScript and
// Python header objects, YAML and `.http` request files. The value ends where
// a template starts (`${`, `{{`, `<`, `$VAR`), so `Bearer ${token}` never matches.
const AUTHORIZATION_HEADER =
  /(?<![A-Za-z0-9])(?:proxy-)?authorization["']?[ \t]{0,4}[:=,][ \t]{0,4}["'`]?[ \t]{0,4}(?<scheme>bearer|basic|token)[ \t]{1,4}(?<secret>[A-Za-z0-9._~+/-]{8,2048}={0,2})(?![A-Za-z0-9._~+/=${<-])/gi;

// `curl -u user:password` or `--user user:password` on one line.
// NOTE: a curl command continued with `\` before its `-u` option is not read.
const CURL_USER =
  /\bcurl\b[^\n|;&]{0,512}?[ \t](?:-u|--user)(?:[ \t]{1,4}|=)["']?(?<user>[^\s:'"]{0,128}):(?<secret>[^\s'"]{1,256})/g;

/** Downgrades a block to a warning in documentation, which shows sample requests. */
function inDocs(text: ScanText, verdict: TokenVerdict): TokenVerdict {
  if (fileKind(text.path) !== 'docs') return verdict;
  return { ...verdict, severity: 'warn' };
}

/** Returns the password of a Basic credential, or null when the value is not base64 of `user:password`. */
function basicPassword(value: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return null;
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(colon + 1) : null;
}

export default defineTokenDetector({
  meta: {
    id: 'secret/http-authorization',
    severity: 'block',
    confidence: 'medium',
    description:
      'Report literal Bearer tokens and Basic credentials in HTTP Authorization headers, and passwords given to curl with -u or --user.',
    messages: {
      bearer:
        'Bearer token committed in an Authorization header. Anyone who reads the history can call the API with it; revoke it and read the token from the environment.',
      basic:
        'Basic credentials committed in an Authorization header. The base64 text decodes to the user name and password; change the password and build the header from the environment.',
      curl: 'Password committed in a curl `-u` option. Anyone who reads the history can log in with it; change it and pass it through the environment or a `.netrc` file.',
      weak: 'Short password committed in an HTTP credential. Even a weak password works for anyone who reads the history; read it from the environment instead.',
    },
  },
  keywords: ['authorization', 'curl'],
  patterns: [
    {
      regex: AUTHORIZATION_HEADER,
      anchor: /authorization/gi,
      messageId: 'bearer',
      check(value, match, text) {
        if (match.groups!.scheme!.toLowerCase() !== 'basic') {
          return looksRandom(value, { minLength: 16 }) ? inDocs(text, {}) : false;
        }
        const password = basicPassword(value);
        const judgement = password === null ? null : judgeCredentialValue(password, 'password');
        if (!judgement) return false;
        const messageId = judgement.severity === 'block' ? 'basic' : 'weak';
        return inDocs(text, { messageId, severity: judgement.severity });
      },
    },
    {
      regex: CURL_USER,
      anchor: /curl/g,
      messageId: 'curl',
      check(value, _match, text) {
        const judgement = judgeCredentialValue(value, 'password');
        if (!judgement) return false;
        const messageId = judgement.severity === 'block' ? 'curl' : 'weak';
        return inDocs(text, { messageId, severity: judgement.severity });
      },
    },
  ],
});
