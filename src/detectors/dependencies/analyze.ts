import * as log from '../../log.js';
import type { CommitChange, FileChange } from '../../model/types.js';
import { CommitCache } from '../commit-cache.js';
import type { DependencyPolicy } from '../../packs/types.js';
import { compareLockfiles, compareManifests, type FileComparison } from './compare.js';
import { parserFor } from './files.js';
import type { DependencyFile, DependencyIssue } from './types.js';

/** A dependency issue placed on a file and line. */
export type LocatedIssue = DependencyIssue & { file: string; line: number };

const cache = new CommitCache<CommitChange, WeakMap<object, Promise<LocatedIssue[]>>>();
const NO_POLICY = {};

/** Parses a file's content, or returns null when it is absent or unreadable, which skips the file. */
function parseSafely(file: FileChange, text: string | null, parse: (text: string) => DependencyFile): DependencyFile | null {
  if (text === null) return null;
  try {
    return parse(text);
  } catch (error) {
    log.debug('dependencies', `skipped unreadable ${file.path}: ${(error as Error).message.slice(0, 200)}`);
    return null;
  }
}

/**
 * Judges every manifest and lockfile a commit changes. The result is shared by
 * all dependency detectors of one scan, so each file is parsed once.
 */
export function analyzeCommit(commit: CommitChange, policy: DependencyPolicy | undefined): Promise<LocatedIssue[]> {
  const key = policy ?? NO_POLICY;
  let byPolicy = cache.get(commit);
  if (!byPolicy) {
    byPolicy = new WeakMap();
    cache.set(commit, byPolicy);
  }
  let result = byPolicy.get(key);
  if (!result) {
    result = analyze(commit, policy ?? {});
    byPolicy.set(key, result);
  }
  return result;
}

async function analyze(commit: CommitChange, policy: DependencyPolicy): Promise<LocatedIssue[]> {
  const comparisons: FileComparison[] = [];
  for (const file of commit.files) {
    const parse = file.skipped || file.status === 'deleted' ? null : parserFor(file.path);
    if (!parse) continue;
    const newText = await file.newContent();
    // A UTF-16 manifest is binary to git but reads as text once decoded by its byte order mark.
    if (file.binary && newText?.includes('\0') !== false) continue;
    const after = parseSafely(file, newText, parse);
    if (!after) continue;
    const before = parseSafely(file, await file.oldContent(), parse);
    comparisons.push({ file, newText, before, after });
  }
  const manifests = comparisons.filter((c) => c.after.role === 'manifest');
  const lockfiles = comparisons.filter((c) => c.after.role === 'lockfile');
  const { issues, changedEcosystems } = compareManifests(manifests, policy);
  issues.push(...compareLockfiles(lockfiles, policy, changedEcosystems));
  return issues;
}
