// Loads picomatch on first use, because most runs of the per-commit hook have
// no finding and match no glob. The call is a literal require() so that the
// bundler includes the package.
import type Picomatch from 'picomatch';

let lib: typeof Picomatch | undefined;

/** Compiles `glob` into a test of paths, as `picomatch(glob, options)` does. */
export function globMatcher(glob: string, options?: Picomatch.PicomatchOptions): Picomatch.Matcher {
  lib ??= require('picomatch') as typeof Picomatch;
  return lib(glob, options);
}
