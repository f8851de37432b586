import { kindOfMode } from '../../git/modes.js';
import { defineDetector } from '../define.js';
import { symlinkTargetOf } from './symlink-target.js';

export default defineDetector({
  meta: {
    id: 'permission/file-made-symlink',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: 'Report a regular or executable file that was replaced by a symbolic link.',
    messages: {
      madeSymlink:
        '{{path}} was turned from a file into a symbolic link to {{target}}, so whatever reads or runs it now follows the link. Restore the file with `git checkout HEAD~1 -- {{path}}` if that was not intended.',
    },
  },
  async run(context) {
    const { files } = context.commit;
    // A patch shows a type change as a deletion and an addition of the same path.
    const deletedFiles = new Map(files.filter((f) => f.status === 'deleted').map((f) => [f.path, f.oldMode]));
    for (const file of files) {
      if (file.status === 'deleted' || kindOfMode(file.newMode) !== 'symlink') continue;
      const oldMode = file.status === 'added' ? deletedFiles.get(file.path) : file.oldMode;
      const oldKind = oldMode === undefined ? 'none' : kindOfMode(oldMode);
      if (oldKind !== 'file' && oldKind !== 'executable') continue;
      const target = (await symlinkTargetOf(file, 'new')) ?? '(unknown target)';
      context.report({
        messageId: 'madeSymlink',
        data: { path: file.path, target: JSON.stringify(target) },
        file: file.path,
        line: 0,
        match: `${oldMode}->symlink:${target}`,
        evidence: `${file.path} -> ${target}`,
      });
    }
  },
});
