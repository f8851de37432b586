import type { CommitChange, FileChange } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { secretDetectors } from '../secrets/index.js';

// File names are part of what a commit publishes, and a credential can be
// pushed as the name of an empty file. Every secret detector reads each added
// or renamed path as one added line of a pseudo-file.
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
    description: 'Report credentials written into file or directory names.',
    messages: {
      inPath: 'The file name contains a credential ({{rule}}). Rename the file, and rotate the credential because the name is already in history.',
    },
  },
  async run(context) {
    const paths = context.commit.files
      .filter((f) => f.newPath !== null && (f.status === 'added' || f.status === 'renamed' || f.status === 'copied'))
      .map((f) => f.newPath!);
    if (paths.length === 0) return;
    const pseudo: CommitChange = { ...context.commit, message: '', files: [pathFile(paths)] };
    for (const inner of secretDetectors) {
      // The credential-file rule judges names by design; here only values inside names matter.
      if (inner.meta.id === 'secret/credential-file') continue;
      await inner.run({
        commit: pseudo,
        agent: context.agent,
        report: (descriptor) => {
          const path = paths[descriptor.line - 1];
          if (path === undefined) return;
          context.maskInPaths?.(descriptor.match);
          context.report({ messageId: 'inPath', data: { rule: inner.meta.id }, file: path, line: 0, match: descriptor.match });
        },
      });
    }
  },
});
