// Decides, from the command line alone, which git calls the launcher starts
// before the CLI bundle loads (see src/git/prefetch.ts). Only the commands
// that run on every commit or agent action get a plan:
//   check --staged, hook pre-commit  HEAD and config lookup, staged diff, identities
//   gate                              repository lookup, HEAD and config lookup, and
//                                     whether HEAD has the file the action edits
//   hook post-commit                  HEAD's ids, identities, notes ref
// A call the command then does not make costs one idle git process and
// changes nothing else. DIFF_GUARDIAN_PREFETCH=off starts none.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { STAGED_SYNC_BYTES, stagedDiffArgs } from '../git/diff-flags.js';
import {
  HEAD_IDS_ARGS,
  HEAD_LOOKUP_ARGS,
  headLookupInput,
  IDENTITY_ARGS,
  NOTES_TIP_ARGS,
  PROJECT_LOOKUP_ARGS,
  trackedLookupInput,
} from '../git/first-calls.js';
import { PREFETCH_TEXT_BYTES, prefetchGit, type PrefetchCall } from '../git/prefetch.js';
import { readStdinEarly } from './stdin.js';

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
    prefetchGate(rest, cwd, env);
  }
}

// Actions larger than this are not parsed twice, so the gate makes its own calls for them.
const GATE_ACTION_BYTES = 256 * 1024;

/**
 * Starts the gate's first git calls: the repository lookup in the action's
 * directory, HEAD's config, and whether HEAD has the file the action edits. The
 * action is read from stdin here for them, and its bytes wait for the gate (see stdin.ts).
 */
function prefetchGate(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): void {
  // The gate checks its arguments before it reads stdin, so with any other argument the
  // action is left unread here: a usage error then appears without waiting for stdin to end.
  const bytes = args.every(isPlainGateArgument) ? readStdinEarly() : null;
  const action = bytes !== null && bytes.length <= GATE_ACTION_BYTES ? actionOf(bytes) : null;
  const dir = action?.cwd ?? cwd;
  const calls: PrefetchCall[] = [{ args: PROJECT_LOOKUP_ARGS, cwd: dir, maxBytes: PREFETCH_TEXT_BYTES }];
  const root = workTreeRoot(dir, env);
  // The gate reads HEAD's config at the working tree root, unless --config replaces it.
  if (root && !args.some((arg) => arg.startsWith('--config'))) {
    calls.push({ args: HEAD_LOOKUP_ARGS, cwd: root, input: headLookupInput(), maxBytes: PREFETCH_TEXT_BYTES });
  }
  const input = root && action?.file ? trackedInput(action.file, root) : null;
  if (root && input) calls.push({ args: HEAD_LOOKUP_ARGS, cwd: root, input, maxBytes: PREFETCH_TEXT_BYTES });
  prefetchGit(calls);
}

/** Tells whether an argument is one a gate hook passes and the gate accepts as it is. */
function isPlainGateArgument(arg: string, index: number, args: readonly string[]): boolean {
  if (arg === '--no-log' || arg === '--approve') return true;
  if (arg === '--protocol=claude-code' || arg === '--protocol=generic') return true;
  if (arg === '--protocol') return args[index + 1] === 'claude-code' || args[index + 1] === 'generic';
  if (arg === 'claude-code' || arg === 'generic') return args[index - 1] === '--protocol';
  return false;
}

/** Reads the directory and the edited file of a Claude Code or generic gate action, when it names them. */
function actionOf(bytes: Buffer): { cwd: string | null; file: string | null } | null {
  let payload: unknown;
  try {
    payload = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const { cwd, tool_input: toolInput, path } = payload as Record<string, unknown>;
  const input = typeof toolInput === 'object' && toolInput !== null ? (toolInput as Record<string, unknown>) : {};
  const file = [input.file_path, input.notebook_path, path].find((value) => typeof value === 'string') as string | undefined;
  return { cwd: typeof cwd === 'string' && cwd !== '' ? cwd : null, file: file ?? null };
}

/**
 * Returns the query for an absolute path to an existing file inside `root`, by
 * its real path as the gate resolves it. Other paths get no early query.
 */
function trackedInput(file: string, root: string): string | null {
  if (!isAbsolute(file)) return null;
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return null;
  }
  const rel = relative(root, real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return trackedLookupInput(rel.split(sep).join('/'));
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
