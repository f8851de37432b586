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

// curl's user option and its `user:password` value: `-u user:pw`, `-uuser:pw`
// (a short option may take its value attached), `--user user:pw`, `--user=user:pw`.
const USER_OPTION = String.raw`(?:-u(?:[ \t]{1,4}|=)?|--user(?:[ \t]{1,4}|=))["']?(?<user>[^\s:'"]{0,128}):(?<secret>[^\s'"]{1,256})`;
// wget's password options: `--password`, `--http-password`, `--ftp-password`, `--proxy-password`.
const PASSWORD_OPTION = String.raw`--(?:http-|ftp-|proxy-)?password(?:[ \t]{1,4}|=)["']?(?<secret>[^\s'"]{1,256})`;

// The option on the line that starts the command.
const CURL_USER = new RegExp(String.raw`\bcurl\b[^\n|;&]{0,512}?[ \t]${USER_OPTION}`, 'g');
const WGET_PASSWORD = new RegExp(String.raw`\bwget\b[^\n|;&]{0,512}?[ \t]${PASSWORD_OPTION}`, 'g');

// The option on a later line of a command continued with `\`.
const CONTINUED_USER = new RegExp(String.raw`(?<=^|[ \t])${USER_OPTION}`, 'g');
const CONTINUED_PASSWORD = new RegExp(String.raw`(?<=^|[ \t])${PASSWORD_OPTION}`, 'g');

// A `user:password` value alone at the start of a line, after a line that ends in `-u \` or `--user \`.
const USER_VALUE_LINE = /^[ \t]{0,64}["']?(?<user>[^\s:'"-][^\s:'"]{0,127}):(?<secret>[^\s'"]{1,256})/g;
const ENDS_WITH_USER_OPTION = /[ \t](?:-u|--user)[ \t]*\\[ \t]*$/;

// Continued commands longer than this many lines are not followed back to their start.
const MAX_CONTINUATION_LINES = 20;

/**
 * Tests whether the added line at `lineIndex` continues a command named by
 * `command` that starts on an earlier added line. Lines that name the command
 * themselves are read by CURL_USER or WGET_PASSWORD instead.
 */
function continuesCommand(text: ScanText, lineIndex: number, command: RegExp): boolean {
  const lines = text.lines;
  if (command.test(lines[lineIndex]!.text)) return false;
  for (let index = lineIndex - 1; index >= 0 && index >= lineIndex - MAX_CONTINUATION_LINES; index -= 1) {
    const line = lines[index]!;
    if (line.line !== lines[index + 1]!.line - 1 || !/\\[ \t]*$/.test(line.text)) return false;
    if (command.test(line.text)) return true;
  }
  return false;
}

const CURL = /\bcurl\b/;
const WGET = /\bwget\b/;

function judgeCommandPassword(value: string, text: ScanText, command: 'curl' | 'wget'): TokenVerdict | boolean {
  const judgement = judgeCredentialValue(value, 'password');
  if (!judgement) return false;
  const messageId = judgement.severity === 'block' ? command : 'weak';
  return inDocs(text, { messageId, severity: judgement.severity });
}

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
      'Report literal Bearer tokens and Basic credentials in HTTP Authorization headers, passwords given to curl with -u or --user, and passwords given to wget.',
    messages: {
      bearer:
        'Bearer token committed in an Authorization header. Anyone who reads the history can call the API with it; revoke it and read the token from the environment.',
      basic:
        'Basic credentials committed in an Authorization header. The base64 text decodes to the user name and password; change the password and build the header from the environment.',
      curl: 'Password committed in a curl `-u` option. Anyone who reads the history can log in with it; change it and pass it through the environment or a `.netrc` file.',
      wget: 'Password committed in a wget `--password` option. Anyone who reads the history can log in with it; change it and pass it through the environment or a `.netrc` file.',
      weak: 'Short password committed in an HTTP credential. Even a weak password works for anyone who reads the history; read it from the environment instead.',
    },
  },
  keywords: ['authorization', 'curl', 'wget'],
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
        return judgeCommandPassword(value, text, 'curl');
      },
    },
    {
      regex: CONTINUED_USER,
      anchor: /-u/g,
      messageId: 'curl',
      check(value, _match, text, lineIndex) {
        return continuesCommand(text, lineIndex, CURL) && judgeCommandPassword(value, text, 'curl');
      },
    },
    {
      regex: USER_VALUE_LINE,
      // The line before ends with -u or --user; a colon alone is on most lines of code.
      anchor: /-u/g,
      anchorOnPreviousLine: true,
      messageId: 'curl',
      check(value, _match, text, lineIndex) {
        const before = text.lines[lineIndex - 1];
        if (!before || !ENDS_WITH_USER_OPTION.test(before.text)) return false;
        return continuesCommand(text, lineIndex, CURL) && judgeCommandPassword(value, text, 'curl');
      },
    },
    {
      regex: WGET_PASSWORD,
      anchor: /wget/g,
      messageId: 'wget',
      check(value, _match, text) {
        return judgeCommandPassword(value, text, 'wget');
      },
    },
    {
      regex: CONTINUED_PASSWORD,
      // Every password option ends in -password; the word alone is on many lines of code.
      anchor: /-password/g,
      messageId: 'wget',
      check(value, _match, text, lineIndex) {
        return continuesCommand(text, lineIndex, WGET) && judgeCommandPassword(value, text, 'wget');
      },
    },
  ],
});
