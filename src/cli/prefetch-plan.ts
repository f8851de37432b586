// Decides, from the command line alone, which git calls the launcher starts
// before the CLI bundle loads (see src/git/prefetch.ts). Only the commands
// that run on every commit or agent action get a plan:
//   check --staged, hook pre-commit  HEAD and config lookup, staged diff, identities
//   gate                              repository lookup, HEAD and config lookup
//   hook post-commit                  HEAD's ids, identities, notes ref
// A call the command then does not make costs one idle git process and
// changes nothing else. DIFF_GUARDIAN_PREFETCH=off starts none.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { STAGED_SYNC_BYTES, stagedDiffArgs } from '../git/diff-flags.js';
import {
  HEAD_IDS_ARGS,
  HEAD_LOOKUP_ARGS,
  headLookupInput,
  IDENTITY_ARGS,
  NOTES_TIP_ARGS,
  PROJECT_LOOKUP_ARGS,
} from '../git/first-calls.js';
import { PREFETCH_TEXT_BYTES, prefetchGit, type PrefetchCall } from '../git/prefetch.js';

/** Starts the early git calls of the command in `argv`, when it has a plan. */
export function startPrefetch(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): void {
  if (env.DIFF_GUARDIAN_PREFETCH === 'off' || argv.includes('--help') || argv.includes('-h')) return;
  const [command, ...rest] = argv;
  if (command === 'check' && rest.includes('--staged') && !rest.some((arg) => arg.startsWith('--repo'))) {
    prefetchStaged(cwd);
  } else if (command === 'hook' && rest[0] === 'pre-commit' && !chainsAHook(rest)) {
    prefetchStaged(cwd);
  } else if (command === 'hook' && rest[0] === 'post-commit' && !chainsAHook(rest)) {
    prefetchGit([HEAD_IDS_ARGS, IDENTITY_ARGS, NOTES_TIP_ARGS].map((args) => ({ args, cwd, maxBytes: PREFETCH_TEXT_BYTES })));
  } else if (command === 'gate') {
    const calls: PrefetchCall[] = [{ args: PROJECT_LOOKUP_ARGS, cwd, maxBytes: PREFETCH_TEXT_BYTES }];
    // The gate reads HEAD's config at the working tree root, unless --config replaces it.
    const root = rest.some((arg) => arg.startsWith('--config')) ? null : workTreeRoot(cwd, env);
    if (root) calls.push({ args: HEAD_LOOKUP_ARGS, cwd: root, input: headLookupInput(), maxBytes: PREFETCH_TEXT_BYTES });
    prefetchGit(calls);
  }
}

function prefetchStaged(cwd: string): void {
  prefetchGit([
    { args: HEAD_LOOKUP_ARGS, cwd, input: headLookupInput(), maxBytes: PREFETCH_TEXT_BYTES },
    { args: stagedDiffArgs('HEAD'), cwd, maxBytes: STAGED_SYNC_BYTES },
    { args: IDENTITY_ARGS, cwd, maxBytes: PREFETCH_TEXT_BYTES },
  ]);
}

/**
 * Tests whether `hook … --chained FILE` names a hook that runs first. Such a
 * hook may stage files, so a diff read before it would be stale. The hook
 * command also drops every prefetched call after a chained hook runs.
 */
function chainsAHook(args: readonly string[]): boolean {
  const index = args.indexOf('--chained');
  const inline = args.find((arg) => arg.startsWith('--chained='));
  let file: string | undefined;
  if (inline) file = inline.slice('--chained='.length);
  else if (index >= 0) file = args[index + 1];
  return file !== undefined && existsSync(file);
}

/**
 * Returns the working tree root as git would find it from `cwd`: the nearest
 * folder with a `.git` entry, canonical as the gate names it. Returns null when
 * git's environment points elsewhere or no such folder exists.
 */
function workTreeRoot(cwd: string, env: NodeJS.ProcessEnv): string | null {
  if (env.GIT_DIR !== undefined || env.GIT_WORK_TREE !== undefined) return null;
  let dir: string;
  try {
    dir = realpathSync(cwd);
  } catch {
    return null;
  }
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
