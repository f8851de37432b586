import { defineDetector } from '../define.js';
import { shellCommandOf } from './ci-files.js';
import { isCommandFile } from './hook-files.js';
import { newlyAdded } from './source-text.js';

interface Bypass {
  pattern: RegExp;
  messageId: 'noVerify' | 'hooksOff' | 'hooksSkipped';
}

// Patterns run on the command part of a line, with quoted text blanked.
const BYPASSES: Bypass[] = [
  { pattern: /\bgit\b[^|;&]{0,200}?\s(?:commit|push|merge|am|cherry-pick|rebase|revert)\b[^|;&]{0,200}?\s--no-verify\b/, messageId: 'noVerify' },
  { pattern: /\bgit\b[^|;&]{0,200}?\scommit\b[^|;&]{0,200}?\s-n(?=\s|$)/, messageId: 'noVerify' },
  { pattern: /\b(?:HUSKY=0|HUSKY_SKIP_HOOKS=(?:1|true)|HUSKY_SKIP_INSTALL=(?:1|true)|LEFTHOOK=0|LEFTHOOK=false)\b/, messageId: 'hooksOff' },
  { pattern: /^\s*(?:-\s*)?(?:HUSKY|LEFTHOOK):\s*['"]?(?:0|false)\b/, messageId: 'hooksOff' },
  { pattern: /\bSKIP=\S+\s+(?:\S+=\S*\s+)*(?:git|pre-commit)\b|\bexport\s+SKIP=\S/, messageId: 'hooksSkipped' },
  { pattern: /^\s*SKIP:\s*\S/, messageId: 'hooksSkipped' },
];

export default defineDetector({
  meta: {
    id: 'disabled-check/hooks-bypassed',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: 'Report commands and settings that skip git hooks: --no-verify, HUSKY=0 and pre-commit SKIP.',
    messages: {
      noVerify: 'Git hooks bypassed: `--no-verify` skips the pre-commit and pre-push hooks, and every check they run, for this command. Remove the flag.',
      hooksOff: 'Git hooks turned off: `{{evidence}}` stops the hook manager from running any hook. Remove the setting.',
      hooksSkipped: 'pre-commit hooks skipped: `SKIP=` names hooks that will not run. Remove it and fix what those hooks report.',
    },
  },
  keywords: ['--no-verify', 'commit', 'husky', 'lefthook', 'skip'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || file.added.length === 0) continue;
      if (!(await isCommandFile(file))) continue;
      const bypassOf = (text: string): Bypass | null => {
        const command = shellCommandOf(file.path, text);
        return BYPASSES.find((b) => b.pattern.test(command)) ?? null;
      };
      for (const { line, key } of newlyAdded(file, (l) => bypassOf(l.text), (b) => b.pattern.source)) {
        const evidence = line.text.trim().slice(0, 120);
        context.report({ messageId: key.messageId, data: { evidence }, file: file.path, line: line.line, match: `${key.messageId}:${line.text.trim()}`, evidence });
      }
    }
  },
});
