import { defineDetector } from '../define.js';
import { joinAddedLines, lineAtOffset } from './added-text.js';
import { lintWithSecretlint } from './secretlint-engine.js';

// Cheap test for text that could hold a credential any preset rule knows:
// a long mixed token, a URL with a password, or a PEM marker. Text without one
// never loads secretlint.
const CANDIDATE = /[A-Za-z0-9_\-+/=.]{16,}|:\/\/[^\s/@:]+:[^\s/@]+@|PRIVATE KEY|BEGIN/;

const TOKEN_RUN = /[A-Za-z0-9+/=_\-.~]{8,}/g;

/**
 * Returns the secret inside a secretlint hit. Some preset rules report a range
 * that starts at the key name (`secretAccessKey: '…`) with the length of the
 * value, so the longest token-like run from the range start to the end of the
 * line is taken as the value.
 */
export function secretInHit(text: string, start: number, end: number): string {
  const lineEnd = text.indexOf('\n', start);
  const window = text.slice(start, Math.max(end, lineEnd < 0 ? text.length : lineEnd));
  let best = text.slice(start, end);
  let bestLength = 0;
  for (const match of window.matchAll(TOKEN_RUN)) {
    if (match[0].length > bestLength) {
      best = match[0];
      bestLength = match[0].length;
    }
  }
  return bestLength >= end - start - 1 || bestLength >= 16 ? best : text.slice(start, end);
}

function hasCandidate(text: string): boolean {
  const match = CANDIDATE.exec(text);
  if (!match) return false;
  if (!match[0].startsWith(':') && !/[0-9]/.test(text) && !text.includes('PRIVATE KEY')) return false;
  return true;
}

export default defineDetector({
  meta: {
    id: 'secret/secretlint',
    category: 'secret',
    severity: 'block',
    confidence: 'high',
    description: "Report credentials that secretlint's recommended preset recognises in added lines.",
    messages: {
      found: 'Hardcoded credential ({{rule}}: {{messageId}}). Remove it, rotate it, and read it from the environment or a secret store.',
    },
  },
  async run(context) {
    const { commit } = context;
    for (const file of commit.files) {
      if (file.skipped || file.added.length === 0 || file.newKind === 'symlink') continue;
      const added = joinAddedLines(file.added);
      if (!hasCandidate(added.text)) continue;
      for (const hit of await lintWithSecretlint(added.text, file.path)) {
        context.report({
          messageId: 'found',
          data: { rule: hit.rule, messageId: hit.messageId },
          file: file.path,
          line: lineAtOffset(added, hit.start),
          match: secretInHit(added.text, hit.start, hit.end),
        });
      }
    }
    if (commit.message && hasCandidate(commit.message)) {
      for (const hit of await lintWithSecretlint(commit.message, 'COMMIT_EDITMSG')) {
        const line = commit.message.slice(0, hit.start).split('\n').length;
        context.report({
          messageId: 'found',
          data: { rule: hit.rule, messageId: hit.messageId },
          file: '<commit-message>',
          line,
          match: secretInHit(commit.message, hit.start, hit.end),
        });
      }
    }
  },
});
