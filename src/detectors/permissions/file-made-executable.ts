import { kindOfMode } from '../../git/modes.js';
import { defineDetector } from '../define.js';

export default defineDetector({
  meta: {
    id: 'permission/file-made-executable',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: 'Report an existing file whose git mode changed from regular to executable.',
    messages: {
      madeExecutable:
        '{{path}} was made executable (mode {{oldMode}} to {{newMode}}), so it can now be run as a program. If that was not intended, undo it with `git update-index --chmod=-x {{path}}`.',
    },
  },
  run(context) {
    for (const file of context.commit.files) {
      if (file.status === 'added' || file.status === 'deleted') continue;
      // Kinds are derived from the modes so a change built from a patch is judged the same way.
      if (kindOfMode(file.oldMode) !== 'file' || kindOfMode(file.newMode) !== 'executable') continue;
      context.report({
        messageId: 'madeExecutable',
        data: { path: file.path, oldMode: file.oldMode, newMode: file.newMode },
        file: file.path,
        line: 0,
        match: `${file.oldMode}->${file.newMode}`,
        evidence: `mode ${file.oldMode} -> ${file.newMode}`,
      });
    }
  },
});
