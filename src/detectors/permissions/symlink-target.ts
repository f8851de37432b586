import type { FileChange } from '../../model/types.js';

/** Returns the target a symlink entry points to, read from its blob, or null. */
export async function symlinkTargetOf(file: FileChange, side: 'old' | 'new'): Promise<string | null> {
  const content = side === 'new' ? await file.newContent() : await file.oldContent();
  if (content === null) return null;
  const newline = content.indexOf('\n');
  return newline === -1 ? content : content.slice(0, newline);
}
