import { GitError, UsageError } from '../errors.js';
import type { CommitHeader, Identity, Trailer } from '../model/types.js';
import { objectsInput, objectsOf, READ_OBJECTS_ARGS } from './batch-objects.js';
import { gitPrefetchedBuffer, gitStatus, gitSync, gitSyncBuffer } from './exec.js';
import type { PrefetchCall } from './prefetch.js';
import { rawCommitDetailsOf, readRawCommitDetails, type RawCommitDetails } from './raw-messages.js';

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: Identity;
  committer: Identity;
  message: string;
  trailers: Trailer[];
  /** Headers beyond tree, parent, author, committer and signatures; present only when the object has some. */
  headers?: CommitHeader[];
}

const FIELDS = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'];
const FORMAT = FIELDS.join('%x00') + '%x00';

/**
 * Lists the commits that `check` arguments name, oldest first and without
 * repeats. Each argument adds its own commits: a plain revision is that one
 * commit, and a range (`A..B`, `A...B`, `A^!`, `A^@`, `A^-`) is every commit
 * git lists for it alone, so one range never hides another argument's commits.
 * Exclusions written as `^A` work as in `git rev-list`: they remove A and its
 * ancestors from every range, and together with the plain revisions they form
 * one range.
 */
export function resolveCommits(cwd: string, specs: readonly string[], options: { noMerges?: boolean } = {}): string[] {
  if (specs.length === 0) throw new UsageError('no commit or range given; try `diff-guardian check HEAD`');
  for (const spec of specs) {
    if (spec.startsWith('-')) throw new UsageError(`invalid revision ${JSON.stringify(spec)}: revisions cannot start with "-"`);
  }
  const ranges = specs.filter(isRangeSpec);
  const exclusions = specs.filter((spec) => !isRangeSpec(spec) && spec.startsWith('^'));
  const revisions = specs.filter((spec) => !isRangeSpec(spec) && !spec.startsWith('^'));
  const groups: string[][] = ranges.map((range) => listRange(cwd, [range, ...exclusions], options));
  if (exclusions.length === 0) {
    groups.push(...revisions.map((revision) => [verifyCommit(cwd, revision)]));
  } else if (revisions.length > 0) {
    groups.push(listRange(cwd, [...revisions, ...exclusions], options));
  }
  if (groups.length === 1) return groups[0]!;
  return oldestFirst(cwd, [...new Set(groups.flat())]);
}

/** True for an argument that names a set of commits rather than one revision. */
function isRangeSpec(spec: string): boolean {
  return spec.includes('..') || /\^(?:!|@|-\d*)$/.test(spec);
}

function listRange(cwd: string, specs: readonly string[], options: { noMerges?: boolean }): string[] {
  const args = ['rev-list', '--reverse', '--topo-order'];
  if (options.noMerges) args.push('--no-merges');
  args.push(...specs, '--');
  try {
    return gitSync(args, { cwd }).split('\n').filter(Boolean);
  } catch (error) {
    // A timeout is reported as it is, because only git's complaints about the revisions make a range invalid.
    if (error instanceof GitError && !error.message.includes('timed out')) {
      throw new UsageError(`invalid range ${specs.join(' ')}: ${error.message.replace(/^git rev-list failed \([^)]*\): /, '')}`);
    }
    throw error;
  }
}

/**
 * Sorts commits so that each comes after its ancestors. The walk stops at the
 * parents of a common ancestor of all the commits. No listed commit is an
 * ancestor of those parents, because the common ancestor descends from each.
 */
function oldestFirst(cwd: string, shas: readonly string[]): string[] {
  if (shas.length < 2) return [...shas];
  const base = commonAncestor(cwd, shas);
  const stops = base ? gitSync(['rev-parse', `${base}^@`], { cwd }).split('\n').filter(Boolean) : [];
  const listed = new Set(shas);
  const input = [...shas, ...stops.map((stop) => `^${stop}`)].join('\n') + '\n';
  const walk = gitSync(['rev-list', '--reverse', '--topo-order', '--stdin'], { cwd, input }).split('\n');
  const ordered = walk.filter((sha) => listed.has(sha));
  if (ordered.length !== listed.size) throw new GitError(`git rev-list did not list all ${listed.size} commits to check`);
  return ordered;
}

/** Maximum commits given to one `git merge-base` call, which keeps its command line short. */
const MERGE_BASE_BATCH = 500;

/**
 * Returns a common ancestor of all the commits, or '' when they share none.
 * A common ancestor of the batches' common ancestors is one of all the commits.
 */
function commonAncestor(cwd: string, shas: readonly string[]): string {
  let candidates = [...shas];
  while (candidates.length > 1) {
    const bases: string[] = [];
    for (let start = 0; start < candidates.length; start += MERGE_BASE_BATCH) {
      const batch = candidates.slice(start, start + MERGE_BASE_BATCH);
      const base = gitSync(['merge-base', '--octopus', ...batch], { cwd, okCodes: [1] }).trim();
      if (!base) return '';
      bases.push(base);
    }
    candidates = bases;
  }
  return candidates[0] ?? '';
}

/** Resolves one revision to a commit id, or raises a UsageError naming it. */
export function verifyCommit(cwd: string, spec: string): string {
  try {
    return gitSync(['rev-parse', '--verify', '--quiet', '--end-of-options', `${spec}^{commit}`], { cwd }).trim();
  } catch {
    throw new UsageError(`unknown commit ${JSON.stringify(spec)}: git cannot resolve it in ${cwd}`);
  }
}

const COMMIT_LOG_ARGS: readonly string[] = ['log', '--no-walk=unsorted', '--stdin', `--format=${FORMAT}`, '-z'];

/** Output bound of each call of `commitInfoCalls` when it is started early. */
const EARLY_INFO_BYTES = 16 * 1024 * 1024;

/**
 * Returns the git calls that readCommitInfos makes for `shas` (`git log` for the
 * metadata, `git cat-file` for the raw objects), for starting them early with
 * prefetchGit. readCommitInfosEarly then uses their outputs.
 */
export function commitInfoCalls(cwd: string, shas: readonly string[]): PrefetchCall[] {
  if (shas.length === 0) return [];
  return [
    { args: COMMIT_LOG_ARGS, cwd, input: shas.join('\n') + '\n', maxBytes: EARLY_INFO_BYTES },
    { args: READ_OBJECTS_ARGS, cwd, input: objectsInput(shas), maxBytes: EARLY_INFO_BYTES },
  ];
}

/** Reads metadata for many commits with two git processes. */
export function readCommitInfos(cwd: string, shas: readonly string[]): Map<string, CommitInfo> {
  if (shas.length === 0) return new Map();
  const log = gitSyncBuffer(COMMIT_LOG_ARGS, { cwd, input: shas.join('\n') + '\n' });
  return commitInfosOf(shas, log, readRawCommitDetails(cwd, shas));
}

/**
 * Returns what readCommitInfos returns, from the calls of `commitInfoCalls` when
 * they were started and succeeded, and otherwise from calls made now.
 */
export async function readCommitInfosEarly(cwd: string, shas: readonly string[]): Promise<Map<string, CommitInfo>> {
  if (shas.length === 0) return new Map();
  const [logCall, objectsCall] = commitInfoCalls(cwd, shas) as [PrefetchCall, PrefetchCall];
  // One after the other, as readCommitInfos runs them, so a failure or a timeout names the same call.
  const log = await gitPrefetchedBuffer(logCall.args, { cwd, input: logCall.input }, EARLY_INFO_BYTES);
  const objects = await gitPrefetchedBuffer(objectsCall.args, { cwd, input: objectsCall.input }, EARLY_INFO_BYTES);
  return commitInfosOf(shas, log, rawCommitDetailsOf(shas, objectsOf(objects, shas)));
}

/** Reads the output of COMMIT_LOG_ARGS for `shas`, adding the details read from the raw objects. */
function commitInfosOf(shas: readonly string[], out: Buffer, rawDetails: Map<string, RawCommitDetails>): Map<string, CommitInfo> {
  const result = new Map<string, CommitInfo>();
  const fields = splitAtNul(out);
  for (let i = 0; i + FIELDS.length <= fields.length; i += FIELDS.length + 1) {
    // git -z puts one NUL between records and %x00 ends each field, hence the +1.
    const f = fields.slice(i, i + FIELDS.length);
    const sha = f[0]!.replace(/^\n/, '');
    if (!/^[0-9a-f]{40,64}$/.test(sha)) break;
    const raw = rawDetails.get(sha);
    const message = raw?.message ?? f[9] ?? '';
    result.set(sha, {
      sha,
      tree: f[1]!,
      parents: f[2] ? f[2].split(' ') : [],
      author: { name: f[3]!, email: f[4]!, date: f[5]! },
      committer: { name: f[6]!, email: f[7]!, date: f[8]! },
      message,
      trailers: parseTrailers(message),
      ...(raw?.headers ? { headers: raw.headers } : {}),
    });
  }
  for (const sha of shas) {
    if (!result.has(sha)) throw new GitError(`git log did not return commit ${sha}`);
  }
  return result;
}

/** Reads the parents of many commits with one git process, in the order of `shas`. */
export function readCommitParents(cwd: string, shas: readonly string[]): string[][] {
  if (shas.length === 0) return [];
  const out = gitSync(['log', '--no-walk=unsorted', '--stdin', '--format=%H %P'], { cwd, input: shas.join('\n') + '\n' });
  const parents = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const [sha, ...rest] = line.split(' ');
    if (sha && /^[0-9a-f]{40,64}$/.test(sha)) parents.set(sha, rest.filter(Boolean));
  }
  return shas.map((sha) => {
    const found = parents.get(sha);
    if (!found) throw new GitError(`git log did not return commit ${sha}`);
    return found;
  });
}

/**
 * Splits git output at NUL bytes and decodes each field on its own. A field cut
 * from one decoded string would keep that whole string alive as long as any
 * verdict refers to the field, so a long range would pin every batch's output.
 */
function splitAtNul(out: Buffer): string[] {
  const fields: string[] = [];
  let offset = 0;
  for (;;) {
    const end = out.indexOf(0, offset);
    if (end < 0) {
      fields.push(out.toString('utf8', offset));
      return fields;
    }
    fields.push(out.toString('utf8', offset, end));
    offset = end + 1;
  }
}

/**
 * Parses the trailer block: the last paragraph of the message, when every line
 * in it is `Key: value` or a continuation line starting with whitespace.
 */
export function parseTrailers(message: string): Trailer[] {
  const paragraphs = message.trimEnd().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return [];
  const lines = paragraphs[paragraphs.length - 1]!.split('\n');
  const trailers: Trailer[] = [];
  for (const line of lines) {
    const match = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:\s*(.*)$/.exec(line);
    if (match) trailers.push({ key: match[1]!, value: match[2]!.trim() });
    else if (/^\s/.test(line) && trailers.length > 0) trailers[trailers.length - 1]!.value += ` ${line.trim()}`;
    else return [];
  }
  return trailers;
}

/** Location of a repository: its git directory and, unless it is bare, its work tree root. */
export interface RepositoryLocation {
  gitDir: string;
  topLevel: string | null;
}

/**
 * Finds the repository containing `cwd` with one git process, or returns null
 * outside a repository. In a bare repository git prints the git directory and
 * then fails on --show-toplevel, so that case has a git directory and no root.
 */
export function locateRepository(cwd: string): RepositoryLocation | null {
  const out = gitSync(['rev-parse', '--git-dir', '--show-toplevel'], { cwd, okCodes: [128] }).split('\n');
  const gitDir = out[0]?.trim();
  if (!gitDir) return null;
  return { gitDir, topLevel: out[1]?.trim() || null };
}

/** Returns true when `cwd` is inside a git repository. */
export function isGitRepository(cwd: string): boolean {
  return gitStatus(['rev-parse', '--git-dir'], { cwd }) === 0;
}

/** Returns the object id of HEAD, or null before the first commit. */
export function headCommit(cwd: string): string | null {
  try {
    return gitSync(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd, okCodes: [] }).trim() || null;
  } catch {
    return null;
  }
}

/** Returns the empty tree id for the repository's hash algorithm. */
export function emptyTree(cwd: string): string {
  return gitSync(['hash-object', '-t', 'tree', '--stdin'], { cwd, input: '' }).trim();
}
