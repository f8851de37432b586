import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from '../errors.js';
import { os } from './lazy-builtins.js';

/**
 * Creates a new folder in the temporary folder (os.tmpdir(): $TMPDIR, else /tmp) whose name
 * starts with `prefix`, and returns its path. Raises a SetupError that names
 * the temporary folder when it is missing, not a folder or not writable.
 */
export function makeTempFolder(prefix: string): string {
  const base = os().tmpdir();
  try {
    return mkdtempSync(join(base, prefix));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SetupError(`failed to create a folder in the temporary folder ${base} (${reason}); set TMPDIR to a writable folder`);
  }
}
