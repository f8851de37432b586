import type { FileChange } from '../../model/types.js';
import { defineDetector, type ReportDescriptor } from '../define.js';
import { OVERSIZED_SCAN_BYTES, scanOversizedFile } from './oversized-scan.js';
import { rescanForSecrets } from './rescan.js';

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}

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
    description:
      'Report files too large for the rules other than secret rules (blocking in agent-authored commits), credentials in them, content beyond the secret scan limit, and rescan files renamed or copied from such a file.',
    messages: {
      tooLarge:
        '{{path}} was not scanned: its added text is over settings.maxFileBytes. Split the file, or raise the limit in the config so it is scanned.',
      fromUnscanned:
        'A credential ({{rule}}) is in a file renamed or copied from a file that was too large to scan. Remove it and rotate it.',
      secretsOnly:
        '{{path}} is over settings.maxFileBytes, so only the secret rules read it, not the permission, disabled-check or dependency rules. Split the file, or raise the limit in the config so every rule reads it.',
      inOversized:
        'A credential ({{rule}}) is in {{path}}, a file over settings.maxFileBytes that the secret rules read in full. Remove it and rotate it.',
      beyondScanLimit:
        'Only the first {{limit}} of {{path}} ({{size}}) were scanned for credentials, so one after them would go unseen. Split the file, or keep it out of the repository (for example with Git LFS).',
    },
  },
  async run(context) {
    const reportTooLarge = (file: FileChange, secretsRead = false): void => {
      // Content that was never scanned cannot be trusted in an agent's commit.
      context.report({
        messageId: secretsRead ? 'secretsOnly' : 'tooLarge',
        data: { path: file.path },
        severity: context.agent ? 'block' : 'warn',
        file: file.path,
        line: 0,
        match: `too-large:${file.newOid}`,
        evidence: `${file.path} (${secretsRead ? 'read by secret rules only' : 'not scanned'})`,
        evidenceHasNoSecret: true,
      });
    };
    for (const file of context.commit.files) {
      if (file.skipped === 'too-large') {
        const hits: ReportDescriptor[] = [];
        const scan = await scanOversizedFile(context, file, (inner, descriptor) =>
          hits.push({
            messageId: 'inOversized',
            data: { rule: inner.meta.id, path: file.path },
            severity: descriptor.severity ?? inner.meta.severity,
            file: file.path,
            line: descriptor.line,
            match: descriptor.match,
          }),
        );
        reportTooLarge(file, scan !== null);
        for (const hit of hits) context.report(hit);
        if (scan?.truncated) {
          // Secrets block for every author, so content they never read blocks for every author too.
          context.report({
            messageId: 'beyondScanLimit',
            data: { path: file.path, limit: mebibytes(OVERSIZED_SCAN_BYTES), size: mebibytes(scan.size) },
            severity: 'block',
            file: file.path,
            line: 0,
            match: `beyond-scan-limit:${file.newOid}`,
            evidence: `${file.path} (first ${mebibytes(OVERSIZED_SCAN_BYTES)} scanned)`,
            evidenceHasNoSecret: true,
          });
        }
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
