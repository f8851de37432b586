import { defineDetector } from '../define.js';
import { joinAddedLines, lineAtOffset } from './added-text.js';
import { keyMaterialOf } from './private-key.js';
import { lintWithSecretlint, type SecretlintHit } from './secretlint-engine.js';
import { isPlausibleSecret } from './values.js';

// Cheap test for text that could hold a credential that a preset rule matches:
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

/**
 * Returns the value a hit reports, or null for hits that diff-guardian judges
 * to be no credential: a private-key header around a placeholder body, or a
 * value that is a placeholder as a whole. A private key is reported by its key
 * material, as the private-key rule reports it, so the two findings merge.
 */
function credentialOfHit(text: string, hit: SecretlintHit): string | null {
  if (hit.rule === 'privatekey') return keyMaterialOf(text.slice(hit.start, hit.end));
  const value = secretInHit(text, hit.start, hit.end);
  return isPlausibleSecret(value) ? value : null;
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
    // A second opinion: a value that a diff-guardian rule also reports is shown once, under that
    // rule (the engine keeps one finding per value and line). What secretlint alone reports, such as
    // a key header whose body a diff-guardian rule judged a placeholder, warns instead of blocking.
    severity: 'warn',
    confidence: 'medium',
    description: "Report possible credentials that secretlint's recommended preset recognises in added lines.",
    messages: {
      found:
        "Possible credential reported by secretlint ({{rule}}: {{messageId}}) and not confirmed by a diff-guardian rule. If it is real, remove and rotate it; if it is test data, add an inline allow comment.",
    },
  },
  async run(context) {
    const { commit } = context;
    for (const file of commit.files) {
      if (file.skipped || file.added.length === 0 || file.newKind === 'symlink') continue;
      const added = joinAddedLines(file.added);
      if (!hasCandidate(added.text)) continue;
      for (const hit of await lintWithSecretlint(added.text, file.path)) {
        const value = credentialOfHit(added.text, hit);
        if (value === null) continue;
        context.report({
          messageId: 'found',
          data: { rule: hit.rule, messageId: hit.messageId },
          file: file.path,
          line: lineAtOffset(added, hit.start),
          match: value,
        });
      }
    }
    if (commit.message && hasCandidate(commit.message)) {
      for (const hit of await lintWithSecretlint(commit.message, 'COMMIT_EDITMSG')) {
        const value = credentialOfHit(commit.message, hit);
        if (value === null) continue;
        const line = commit.message.slice(0, hit.start).split('\n').length;
        context.report({
          messageId: 'found',
          data: { rule: hit.rule, messageId: hit.messageId },
          file: '<commit-message>',
          line,
          match: value,
        });
      }
    }
  },
});
