import type * as Semver from 'semver';

let lib: typeof Semver | undefined;

/**
 * Returns the semver package, loaded on first use: loading it builds dozens
 * of regular expressions, and most commits change no manifest. The call is a
 * literal require() so that the bundler includes semver and runs it here.
 */
export function semverLib(): typeof Semver {
  lib ??= require('semver') as typeof Semver;
  return lib;
}
