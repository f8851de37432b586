// The arguments and environment every git process this tool starts runs
// with. Kept apart from exec.ts so that the launcher (src/cli/launcher.ts)
// can start git early without loading the rest of the CLI.

// Settings that a repository's own config could use to change what git prints
// or to run a program while this tool reads the repository. They are pinned
// on every call, because that config is written by the party under review.
const PINNED_CONFIG = [
  'core.fsmonitor=false',
  // A diff may read a work-tree file in place of a blob when the file's stat
  // data matches its index entry. These two make the match compare the change
  // time and inode too, which rewriting a file after `git add` changes.
  'core.checkStat=default',
  'core.trustctime=true',
  'core.quotePath=true',
  'diff.external=',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.suppressBlankEmpty=false',
  'diff.relative=false',
  'i18n.logOutputEncoding=UTF-8',
  'log.showSignature=false',
  'color.ui=false',
];

export function gitArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const setting of PINNED_CONFIG) out.push('-c', setting);
  out.push(...args);
  return out;
}

export function gitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    // Replace refs would let the repository show this tool other content than it stores.
    GIT_NO_REPLACE_OBJECTS: '1',
    LC_ALL: 'C',
    ...extra,
  };
}
