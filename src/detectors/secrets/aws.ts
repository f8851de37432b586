import { defineDetector } from '../define.js';
import { scanTexts } from './scan-text.js';
import { isPlausibleSecret, looksRandom, isHexDigest } from './values.js';

// Access key ids: AKIA long-lived user keys, ASIA temporary STS keys, and the
// rarer prefixes AWS documents for other principals.
const KEY_ID = /(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z2-7]{16})(?![A-Z0-9])/g;
const SECRET = /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;
const SECRET_NAME = /aws.?secret|secret.?access.?key/i;
// How many added lines apart a key id and its secret key may be.
const NEARBY_LINES = 5;

export default defineDetector({
  meta: {
    id: 'secret/aws-access-key',
    category: 'secret',
    severity: 'block',
    confidence: 'high',
    description: 'Report AWS access key ids and the secret access keys written near them.',
    messages: {
      accessKeyId:
        'AWS access key id committed. With its secret key it signs requests as that IAM principal; deactivate the key in IAM and use a role or the environment.',
      temporaryKeyId: 'AWS temporary (STS) access key id committed. It expires, but check where the session credentials came from.',
      secretAccessKey:
        'AWS secret access key committed next to its key id. Anyone can sign requests with the pair; deactivate it in IAM and rotate it.',
    },
  },
  keywords: ['akia', 'asia', 'abia', 'acca', 'agpa', 'aida', 'aroa', 'anpa', 'anva', 'aipa', 'aws'],
  run(context) {
    for (const text of scanTexts(context.commit)) {
      const keyIdLines: number[] = [];
      text.lines.forEach((line, index) => {
        for (const match of line.text.matchAll(KEY_ID)) {
          const keyId = match[1]!;
          if (!isPlausibleSecret(keyId) || keyId.endsWith('EXAMPLE')) continue;
          keyIdLines.push(index);
          const temporary = keyId.startsWith('ASIA');
          context.report({
            messageId: temporary ? 'temporaryKeyId' : 'accessKeyId',
            severity: temporary ? 'warn' : undefined,
            file: text.path,
            line: line.line,
            match: keyId,
          });
        }
      });
      text.lines.forEach((line, index) => {
        const nearKeyId = keyIdLines.some((k) => Math.abs(k - index) <= NEARBY_LINES);
        if (!nearKeyId && !SECRET_NAME.test(line.text.slice(0, 4096))) return;
        for (const match of line.text.matchAll(SECRET)) {
          const secret = match[1]!;
          if (!isPlausibleSecret(secret) || isHexDigest(secret) || !looksRandom(secret)) continue;
          if (!/[0-9]/.test(secret) || !/[A-Z]/.test(secret) || !/[a-z]/.test(secret)) continue;
          context.report({ messageId: 'secretAccessKey', file: text.path, line: line.line, match: secret });
        }
      });
    }
  },
});
