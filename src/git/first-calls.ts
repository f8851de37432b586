// The first git calls of a staged check and of a gate decision. They are
// built here from names alone, without loading the policy or gate code, so
// that the launcher can start them early (see prefetch.ts).
import { NOTES_REF } from '../notes/types.js';
import { CONFIG_FILE, IGNORE_FILES } from '../repository-files.js';

/** `cat-file` output format: one `<object id> <type>` line per query, `<query> missing` when absent. */
export const CONFIG_LOOKUP = '--batch-check=%(objectname) %(objecttype)';

/** Resolves HEAD and finds the config and ignore files in its tree, with the queries of `headLookupInput`. */
export const HEAD_LOOKUP_ARGS: readonly string[] = ['cat-file', CONFIG_LOOKUP];

/** Queries HEAD, then the config, then each of IGNORE_FILES, one per line. */
export function headLookupInput(): string {
  const queries = ['HEAD^{commit}', ...[CONFIG_FILE, ...IGNORE_FILES].map((path) => `HEAD^{commit}:${path}`)];
  return queries.join('\n') + '\n';
}

/**
 * The query, for HEAD_LOOKUP_ARGS, that shows whether HEAD's tree has an entry at `path`
 * (relative to the working tree root, with `/` separators): the output line names its
 * type, or ends in ` missing`. Returns null for a path that cannot be one query line.
 */
export function trackedLookupInput(path: string): string | null {
  return path === '' || /[\n\r]/.test(path) ? null : `HEAD:${path}\n`;
}

/** The author and committer the next commit would get, among git's other variables. */
export const IDENTITY_ARGS: readonly string[] = ['var', '-l'];

/** The working tree root, git directory, common git directory and hooks directory around a directory. */
export const PROJECT_LOOKUP_ARGS: readonly string[] = ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir', '--git-path', 'hooks'];

/** HEAD's commit id, tree and parents on one line; no output when HEAD has no commit yet. */
export const HEAD_IDS_ARGS: readonly string[] = ['log', '-1', '--format=%H %T %P', '--ignore-missing', 'HEAD', '--'];

/** The object id, type and name of the verdict notes ref, when it exists. */
export const NOTES_TIP_ARGS: readonly string[] = ['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)', NOTES_REF];
