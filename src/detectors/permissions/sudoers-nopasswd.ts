import { isSudoers } from '../file-kind.js';
import { defineDetector } from '../define.js';
import type { DiffLine, FileChange } from '../../model/types.js';
import { commandLines } from './shell.js';
import { RemovedMatches, codeLines, normalizeSpace, type CodeLine } from './support.js';

const NOPASSWD = /\b(?:NOPASSWD\s*:|!authenticate\b)/;

/** Added sudoers rules: lines of a sudoers file, or commands that write to one. */
async function sudoersLines(file: FileChange, lines: readonly DiffLine[]): Promise<CodeLine[]> {
  if (isSudoers(file.path)) return codeLines(file, lines);
  // Scripts and Dockerfiles often append the rule: echo "app ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers.d/app
  return (await commandLines(file, lines)).filter((line) => /sudoers/.test(line.code));
}

export default defineDetector({
  meta: {
    id: 'permission/sudoers-nopasswd',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: 'Report sudoers rules that let a user run commands as root without a password.',
    messages: {
      nopasswd:
        'This sudoers rule lets `{{user}}` run commands as root without a password, so anything running as that user gets root. Remove NOPASSWD or limit the rule to the exact commands needed.',
    },
  },
  keywords: ['nopasswd', '!authenticate'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null) continue;
      const removed = new RemovedMatches();
      for (const line of await sudoersLines(file, file.removed))
        if (NOPASSWD.test(line.code)) removed.add(normalizeSpace(line.code));
      for (const line of await sudoersLines(file, file.added)) {
        if (!NOPASSWD.test(line.code) || removed.consume(normalizeSpace(line.code))) continue;
        const user = /(?:^|["'\s])([%@\w.-]+)\s+[\w,!-]+\s*=/.exec(line.code)?.[1] ?? 'the user';
        context.report({
          messageId: 'nopasswd',
          data: { user },
          file: file.path,
          line: line.line,
          match: normalizeSpace(line.code),
          evidence: line.code.trim(),
        });
      }
    }
  },
});
