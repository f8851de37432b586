import { clearCommitCaches } from '../detectors/commit-cache.js';
import type { Detector } from '../detectors/define.js';
import { BlobReader } from '../git/blob-reader.js';
import { commitInfoCalls, readCommitInfos, readCommitInfosEarly, readCommitParents, type CommitInfo } from '../git/commits.js';
import { streamCommitDiffs, type DiffRequest } from '../git/diff-source.js';
import { dropPrefetchedGit, prefetchGit } from '../git/prefetch.js';
import type { AgentAttribution, CommitVerdict } from '../model/types.js';
import type { Policy } from '../packs/types.js';
import type { PolicyResolver } from './check.js';
import type { RangeHeapBound } from './heap-bound.js';
import type { ParentDiff } from './range-merger.js';
import { scanCommit } from './scan-commit.js';

/** Settings shared by every batch of one range check. */
export interface BatchSettings {
  cwd: string;
  /** Set by the caller (`--all-parents`) for every commit. When unset, each commit's policy decides. */
  mergeParents?: 'first' | 'all';
  /** The blob reader's default size cap. Each commit's own policy sets the cap its files get. */
  maxFileBytes: number;
  runtime?: { agent: string; signal: string } | null;
  attribution?: AgentAttribution;
}

/** Per-thread tools of a batch: the blob reader and the detectors. */
export interface BatchTools {
  blobs: BlobReader;
  detectors: readonly Detector[];
  /** Called once for each commit of the batch as soon as it is judged. */
  onCommitDone?(): void;
}

/**
 * Verdicts of consecutive commits of a range. A merge's findings are not yet
 * compared with the rest of the range: `RangeMerger` (range-merger.ts) does
 * that in range order.
 */
export interface BatchResult {
  verdicts: CommitVerdict[];
  /** For each verdict, whether its commit is a merge. */
  merges: boolean[];
  /**
   * For each verdict of a merge diffed against every parent, what each of those diffs reported, in
   * parent order. Null for other commits and for merges diffed against the first parent only.
   */
  parentDiffs: Array<ParentDiff[] | null>;
  /** The distinct policies that judged the batch. */
  policies: Policy[];
}

function diffRequests(infos: readonly CommitInfo[], mergeParentsOf: (info: CommitInfo) => 'first' | 'all'): DiffRequest[] {
  const requests: DiffRequest[] = [];
  for (const info of infos) {
    if (info.parents.length === 0) requests.push({ info, base: null });
    else if (mergeParentsOf(info) === 'all') for (const parent of info.parents) requests.push({ info, base: parent });
    else requests.push({ info, base: info.parents[0]! });
  }
  return requests;
}

/** The commits of a batch, with their metadata when read, and the policy of each. */
export interface PreparedBatch {
  shas: string[];
  /** Metadata of the commits, or null when the thread that checks the batch reads it. */
  infos: CommitInfo[] | null;
  /**
   * Policies by first parent, with the key '' for a root commit, and by
   * `repairedKey(sha)` for a commit that repairs the config of its parent.
   */
  policies: Map<string, Policy>;
}

/** Key of the policy of commit `sha`, whose parent's config does not load, in `PreparedBatch.policies`. */
export function repairedKey(sha: string): string {
  return `repaired:${sha}`;
}

/** Returns the policy that judges a commit with `sha` and first parent `parent`. */
function policyOfCommit(batch: PreparedBatch, sha: string, parent: string | undefined): Policy {
  return batch.policies.get(repairedKey(sha)) ?? batch.policies.get(parent ?? '')!;
}

/**
 * Resolves the policies of a batch's commits, reading their metadata too
 * unless `withInfos` is false. The calling thread prepares every batch, also
 * those that workers check, so that one resolver chooses each policy as it
 * would for a check in one thread. A worker reads the metadata of its own
 * batches: metadata read ahead here would survive young collections of the
 * calling thread, whose young generation then grows over a long range.
 */
export function prepareBatch(shas: readonly string[], cwd: string, resolver: PolicyResolver, withInfos = true): PreparedBatch {
  let infos: CommitInfo[] | null = null;
  let bases: Array<string | null>;
  if (withInfos) {
    infos = [...readCommitInfos(cwd, shas).values()];
    bases = infos.map((i) => i.parents[0] ?? null);
  } else {
    bases = readCommitParents(cwd, shas).map((parents) => parents[0] ?? null);
  }
  return preparedOf(shas, infos, bases, resolver.prepare(bases), resolver);
}

/**
 * Does what prepareBatch does, with its git calls started early for a batch
 * that this thread checks: the metadata calls at once, and the config lookup
 * as soon as the metadata names the parents. The thread's own work, such as
 * loading detectors, runs meanwhile: `whileReadingMetadata` during the first
 * calls and `whileLookingUpConfigs` during the lookup.
 */
export async function prepareBatchEarly(
  shas: readonly string[],
  cwd: string,
  resolver: PolicyResolver,
  work: { whileReadingMetadata(): Promise<void>; whileLookingUpConfigs(): void },
): Promise<PreparedBatch> {
  prefetchGit(commitInfoCalls(cwd, shas));
  let infos: CommitInfo[];
  let bases: Array<string | null>;
  let policies: () => Promise<Map<string, Policy>>;
  try {
    await work.whileReadingMetadata();
    infos = [...(await readCommitInfosEarly(cwd, shas)).values()];
    bases = infos.map((i) => i.parents[0] ?? null);
    policies = resolver.prepareSoon(bases);
    work.whileLookingUpConfigs();
  } catch (error) {
    // Stops the calls started above that nothing will read, and closes their files.
    dropPrefetchedGit();
    throw error;
  }
  return preparedOf(shas, infos, bases, await policies(), resolver);
}

/** Builds a prepared batch from its commits' first parents and the policies prepared for them. */
function preparedOf(
  shas: readonly string[],
  infos: CommitInfo[] | null,
  bases: ReadonlyArray<string | null>,
  prepared: Map<string, Policy>,
  resolver: PolicyResolver,
): PreparedBatch {
  const policies = new Map<string, Policy>();
  const commits = infos ? infos.map((info) => info.sha) : shas;
  bases.forEach((base, index) => {
    const sha = commits[index]!;
    if (resolver.isBroken(base)) policies.set(repairedKey(sha), resolver.policyFor(base, prepared, sha));
    else policies.set(base ?? '', resolver.policyFor(base, prepared));
  });
  resolver.forgetBases();
  return { shas: [...shas], infos, policies };
}

// Milliseconds of detector time on one commit after which the check returns
// to the event loop, which alone reads git's output. Without these turns, git
// diff-tree stopped on a full pipe while detectors ran on a large commit. The
// bench history check (one thread) then waited 250 to 600 ms in all for diffs
// that git could have written ahead. With 2 ms, those waits took 10 to 125 ms.
const DETECTOR_TURN_MS = 2;

/**
 * Checks consecutive commits (oldest first) with one `git diff-tree` stream.
 * Metadata and policies are read per batch, so a long range holds only a few
 * batches of them at a time.
 */
export async function scanPreparedBatch(batch: PreparedBatch, settings: BatchSettings, tools: BatchTools): Promise<BatchResult> {
  const infos = batch.infos ?? [...readCommitInfos(settings.cwd, batch.shas).values()];
  const verdicts = new Map<string, CommitVerdict>();
  const policies = new Set<Policy>();
  // Each commit is read with the settings of the policy that judges it, as a check of it alone would.
  const policyOf = (info: CommitInfo): Policy => policyOfCommit(batch, info.sha, info.parents[0]);
  const maxFileBytes = new Map(infos.map((info) => [info.sha, policyOf(info).settings.maxFileBytes]));
  const parentDiffs = new Map<string, ParentDiff[]>();
  await streamCommitDiffs(
    diffRequests(infos, (info) => settings.mergeParents ?? policyOf(info).settings.mergeParents),
    {
      cwd: settings.cwd,
      maxFileBytes: settings.maxFileBytes,
      maxFileBytesFor: (sha) => maxFileBytes.get(sha) ?? settings.maxFileBytes,
      blobs: tools.blobs,
    },
    async (change) => {
      const policy = policyOfCommit(batch, change.sha, change.parents[0]);
      policies.add(policy);
      const verdict = await scanCommit(change, {
        policy,
        cwd: settings.cwd,
        detectors: tools.detectors,
        runtime: settings.runtime,
        attribution: settings.attribution,
        turnEveryMs: DETECTOR_TURN_MS,
      });
      // Commits are scanned one at a time, so no detector needs this commit's cached values now.
      clearCommitCaches();
      if (change.parents.length > 1) {
        const diffs = parentDiffs.get(change.sha) ?? [];
        diffs.push(parentDiffOf(change.base!, verdict));
        parentDiffs.set(change.sha, diffs);
      }
      const previous = verdicts.get(change.sha);
      if (previous) mergeVerdicts(previous, verdict);
      else {
        verdicts.set(change.sha, verdict);
        tools.onCommitDone?.();
      }
    },
  );
  return {
    verdicts: infos.map((info) => verdicts.get(info.sha)!),
    merges: infos.map((info) => info.parents.length > 1),
    parentDiffs: infos.map((info) => {
      const diffs = parentDiffs.get(info.sha);
      return diffs && diffs.length === info.parents.length ? diffs : null;
    }),
    policies: [...policies],
  };
}

function parentDiffOf(parent: string, verdict: CommitVerdict): ParentDiff {
  return {
    parent,
    fingerprints: [...new Set(verdict.findings.map((f) => f.fingerprint))],
    skippedFiles: verdict.skipped.map((s) => s.file),
  };
}

/** Adds the findings and skipped files of another diff of the same merge commit. */
function mergeVerdicts(into: CommitVerdict, from: CommitVerdict): void {
  const known = new Set(into.findings.map((f) => `${f.fingerprint}:${f.line}`));
  for (const finding of from.findings) {
    if (!known.has(`${finding.fingerprint}:${finding.line}`)) into.findings.push(finding);
  }
  for (const skipped of from.skipped) {
    if (!into.skipped.some((t) => t.file === skipped.file)) into.skipped.push(skipped);
  }
}

/**
 * Checks batches one after another in the calling thread. `first` is the
 * first batch, already prepared. `heap`, when given, bounds the heap after
 * each commit and between batches.
 */
export async function* scanInThread(
  batches: readonly string[][],
  first: PreparedBatch,
  settings: BatchSettings,
  resolver: PolicyResolver,
  tools: Omit<BatchTools, 'blobs'> & { heap?: RangeHeapBound | null },
): AsyncGenerator<BatchResult> {
  const { heap, ...batchTools } = tools;
  const blobs = new BlobReader(settings.cwd, settings.maxFileBytes);
  const onCommitDone = heap
    ? (): void => {
        heap.afterCommit();
        tools.onCommitDone?.();
      }
    : tools.onCommitDone;
  try {
    for (let index = 0; index < batches.length; index += 1) {
      if (index > 0) heap?.betweenBatches();
      const prepared = index === 0 ? first : prepareBatch(batches[index]!, settings.cwd, resolver);
      yield await scanPreparedBatch(prepared, settings, { ...batchTools, blobs, onCommitDone });
    }
  } finally {
    blobs.close();
    heap?.finish();
  }
}

/**
 * The distinct policies of a range. Workers send copies, so policies from
 * other threads count as the same when their content is equal.
 */
export class PolicySet {
  private readonly byIdentity = new WeakSet<Policy>();
  private readonly byContent = new Map<string, Policy>();

  add(policy: Policy): void {
    if (this.byIdentity.has(policy)) return;
    this.byIdentity.add(policy);
    const key = JSON.stringify(policy);
    if (!this.byContent.has(key)) this.byContent.set(key, policy);
  }

  values(): Policy[] {
    return [...this.byContent.values()];
  }
}
