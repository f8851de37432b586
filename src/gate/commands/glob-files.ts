import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { globMatcher } from '../../util/picomatch.js';

// Names read from one folder, so a huge folder cannot stall the gate.
const MAX_NAMES = 2000;

/**
 * Lists the files a shell pattern such as `/abs/patches/*.patch` matches,
 * as the shell expands it: the pattern is in the last path part only, and
 * `*` does not match a leading dot. Returns no files when the folder cannot be read.
 */
export function globFiles(pattern: string): string[] {
  const folder = dirname(pattern);
  const matches = globMatcher(basename(pattern), { dot: false });
  try {
    return readdirSync(folder)
      .slice(0, MAX_NAMES)
      .filter((name) => matches(name))
      .sort()
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}
