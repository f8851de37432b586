import type { FileChange } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { rescanForSecrets } from './rescan.js';

function wholeFileAsAdded(file: FileChange, content: string): FileChange {
  const added = content.split('\n').map((text, index) => ({ line: index + 1, text: text.replace(/\r$/, '') }));
  return { ...file, status: 'added', added, removed: [], hunks: [], oldContent: async () => null, newContent: async () => content };
}

export default defineDetector({
  meta: {
    id: 'secret/unscanned-content',
    category: 'secret',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report files too large to scan (blocking in agent-authored commits), and rescan files renamed or copied from such a file.',
    messages: {
      tooLarge:
        '{{path}} was not scanned: its added text is over settings.maxFileBytes. Split the file, or raise the limit in the config so it is scanned.',
      fromUnscanned:
        'A credential ({{rule}}) is in a file renamed or copied from a file that was too large to scan. Remove it and rotate it.',
    },
  },
  async run(context) {
    const reportTooLarge = (file: FileChange): void => {
      // Content that was never scanned cannot be trusted in an agent's commit.
      context.report({
        messageId: 'tooLarge',
        data: { path: file.path },
        severity: context.agent ? 'block' : 'warn',
        file: file.path,
        line: 0,
        match: `too-large:${file.newOid}`,
        evidence: `${file.path} (not scanned)`,
        evidenceHasNoSecret: true,
      });
    };
    for (const file of context.commit.files) {
      if (file.skipped === 'too-large') {
        reportTooLarge(file);
        continue;
      }
      // A rename or copy shows only the edited lines, so content carried over
      // from a source that was never scanned is read here in full.
      if ((file.status !== 'renamed' && file.status !== 'copied') || file.skipped) continue;
      if ((await file.oldContent()) !== null) continue;
      const content = await file.newContent();
      // A text file whose content cannot be read either is still over settings.maxFileBytes:
      // moving it to a new path carries its unscanned content along.
      if (content === null && file.newKind === 'file' && !file.binary) reportTooLarge(file);
      if (content === null) continue;
      await rescanForSecrets(context, [wholeFileAsAdded(file, content)], (inner, descriptor) =>
        context.report({
          messageId: 'fromUnscanned',
          data: { rule: inner.meta.id },
          severity: 'block',
          file: file.path,
          line: descriptor.line,
          match: descriptor.match,
        }),
      );
    }
  },
});
