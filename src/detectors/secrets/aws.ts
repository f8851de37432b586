import { defineDetector } from '../define.js';
import { anchoredLineIndexes, declareAnchor } from '../literal-scan.js';
import { addedTextOf, type AddedText } from './added-text.js';
import { scanTexts } from './scan-text.js';
import { isPlausibleSecret, looksRandom, isHexDigest } from './values.js';

// Access key ids: AKIA long-lived user keys, ASIA temporary STS keys, and the
// rarer prefixes AWS documents for other principals.
const KEY_ID = /(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z2-7]{16})(?![A-Z0-9])/g;
const SECRET = /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;
const SECRET_NAME = /aws.?secret|secret.?access.?key/i;
// Literal text that KEY_ID and SECRET_NAME need, searched in a file's joined lines first.
const KEY_ID_ANCHOR = /AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA/g;
const SECRET_NAME_ANCHOR = /secret/gi;
// Both anchors are literals, so their lines are found in the shared literal pass.
const KEY_ID_LITERALS = declareAnchor(KEY_ID_ANCHOR)!;
const SECRET_NAME_LITERALS = declareAnchor(SECRET_NAME_ANCHOR)!;
// How many added lines apart a key id and its secret key may be.
const NEARBY_LINES = 5;

/** Returns, in order, the lines near a key id and the lines that contain `secret`. */
function secretCandidates(added: AddedText, keyIdLines: readonly number[]): number[] {
  const candidates = new Set(anchoredLineIndexes(added, SECRET_NAME_LITERALS));
  for (const keyIdLine of keyIdLines) {
    const last = Math.min(added.lines.length - 1, keyIdLine + NEARBY_LINES);
    const first = Math.max(0, keyIdLine - NEARBY_LINES);
    for (let index = first; index <= last; index += 1) candidates.add(index);
  }
  return [...candidates].sort((a, b) => a - b);
}

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
      const added = addedTextOf(text.lines);
      const keyIdLines: number[] = [];
      for (const index of anchoredLineIndexes(added, KEY_ID_LITERALS)) {
        const line = text.lines[index]!;
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
      }
      for (const index of secretCandidates(added, keyIdLines)) {
        const line = text.lines[index]!;
        const nearKeyId = keyIdLines.some((k) => Math.abs(k - index) <= NEARBY_LINES);
        if (!nearKeyId && !SECRET_NAME.test(line.text.slice(0, 4096))) continue;
        for (const match of line.text.matchAll(SECRET)) {
          const secret = match[1]!;
          if (!isPlausibleSecret(secret) || isHexDigest(secret) || !looksRandom(secret)) continue;
          if (!/[0-9]/.test(secret) || !/[A-Z]/.test(secret) || !/[a-z]/.test(secret)) continue;
          context.report({ messageId: 'secretAccessKey', file: text.path, line: line.line, match: secret });
        }
      }
    }
  },
});
