import type { FileChange } from '../../model/types.js';
import { defineDetector, type Detector, type ReportDescriptor } from '../define.js';
import { rescanForSecrets } from './rescan.js';

// File names, symlink targets and author identities are part of what a commit
// publishes, and a credential can be pushed as the name of an empty file. Every
// secret detector reads each of them as one added line of a pseudo-file.
const PSEUDO_PATH = '<file-name>';

function pathFile(paths: string[]): FileChange {
  const added = paths.map((text, index) => ({ line: index + 1, text }));
  return {
    status: 'added',
    oldPath: null,
    newPath: PSEUDO_PATH,
    path: PSEUDO_PATH,
    pathEscaped: false,
    oldMode: '000000',
    newMode: '100644',
    oldKind: 'none',
    newKind: 'file',
    oldOid: '0'.repeat(40),
    newOid: '0'.repeat(40),
    binary: false,
    crlf: false,
    hunks: [],
    added,
    removed: [],
    oldContent: async () => null,
    newContent: async () => paths.join('\n'),
  };
}

export default defineDetector({
  meta: {
    id: 'secret/secret-in-path',
    category: 'secret',
    severity: 'block',
    confidence: 'medium',
    description: 'Report credentials written into file names, symlink targets and commit identities.',
    messages: {
      inPath:
        'A file name, symlink target or author identity contains a credential ({{rule}}). Rename it, and rotate the credential because the commit already records it.',
    },
  },
  async run(context) {
    // Each pseudo-line is a name, a symlink target or an identity, with the path it is reported against.
    const entries: Array<{ text: string; report: string }> = [];
    for (const file of context.commit.files) {
      if (file.newPath !== null && (file.status === 'added' || file.status === 'renamed' || file.status === 'copied')) {
        entries.push({ text: file.newPath, report: file.newPath });
      }
      // Secret detectors skip symlinks, whose one line is the target path.
      if (file.newKind === 'symlink') for (const line of file.added) entries.push({ text: line.text, report: file.path });
    }
    const { author, committer } = context.commit;
    for (const who of [author, committer]) entries.push({ text: `${who.name} <${who.email}>`, report: '<identity>' });
    const paths = entries.map((e) => e.text);
    const onHit = (inner: Detector, descriptor: ReportDescriptor): void => {
      const entry = entries[descriptor.line - 1];
      if (entry === undefined) return;
      context.maskInPaths?.(descriptor.match);
      context.report({ messageId: 'inPath', data: { rule: inner.meta.id }, file: entry.report, line: 0, match: descriptor.match });
    };
    // The credential-file rule judges names by design; here only values inside names matter.
    await rescanForSecrets(context, [pathFile(paths)], onHit, new Set(['secret/credential-file']));
  },
});
