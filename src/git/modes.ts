import type { EntryKind } from '../model/types.js';

/** Maps a git tree mode (as printed by `git diff --raw`) to the kind of entry it denotes. */
export function kindOfMode(mode: string): EntryKind {
  switch (mode) {
    case '100644':
    case '100664':
      return 'file';
    case '100755':
      return 'executable';
    case '120000':
      return 'symlink';
    case '160000':
      return 'submodule';
    default:
      return 'none';
  }
}
