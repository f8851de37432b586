// Flags shared by every diff this tool reads, and the command that reads the
// staged change. This module imports nothing, so the launcher can start the
// staged diff before the rest of the CLI loads (see prefetch.ts).

// --text treats every file as text whatever .gitattributes sets, and
// --no-textconv / --no-ext-diff keep diff drivers configured in the
// repository from rewriting what is shown.
export const DIFF_FLAGS: readonly string[] = [
  '-z',
  '-r',
  '--raw',
  '-p',
  '--text',
  '--no-textconv',
  '--no-ext-diff',
  '--no-color',
  '--full-index',
  '--unified=3',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '-M',
  '-C',
  '--ignore-submodules=none',
];

/** Returns the arguments that diff the index against `base`: HEAD, or the empty tree before the first commit. */
export function stagedDiffArgs(base: string): string[] {
  return ['diff-index', '--cached', ...DIFF_FLAGS, base, '--'];
}

/** Staged diffs up to this size are read whole; a larger one is streamed. */
export const STAGED_SYNC_BYTES = 8 * 1024 * 1024;
