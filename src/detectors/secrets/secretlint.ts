import { defineDetector } from '../define.js';
import { joinAddedLines, lineAtOffset } from './added-text.js';
import { lintWithSecretlint } from './secretlint-engine.js';

// Cheap test for text that could hold a credential any preset rule knows:
// a long mixed token, a URL with a password, or a PEM marker. Text without one
// never loads secretlint.
const CANDIDATE = /[A-Za-z0-9_\-+/=.]{16,}|:\/\/[^\s/@:]+:[^\s/@]+@|PRIVATE KEY|BEGIN/;

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
          match: added.text.slice(hit.start, hit.end),
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
          match: commit.message.slice(hit.start, hit.end),
        });
      }
    }
  },
});
