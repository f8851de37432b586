import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDetectors } from '../detectors/index.js';
import { loadDetectors } from '../detectors/lazy.js';
import * as log from '../log.js';
import type { Detector } from '../detectors/define.js';
import { BlobReader } from '../git/blob-reader.js';
import { emptyTree, parseTrailers } from '../git/commits.js';
import { readStagedDiff, toFileChange } from '../git/diff-source.js';
import { gitDeadline, gitPrefetchedBuffer, gitSync, gitText } from '../git/exec.js';
import { PREFETCH_TEXT_BYTES, prefetchGit } from '../git/prefetch.js';
import { HEAD_LOOKUP_ARGS, headLookupInput, IDENTITY_ARGS } from '../git/first-calls.js';
import type { AgentAttribution, CommitChange, CommitVerdict, Identity, RangeVerdict } from '../model/types.js';
import { strongestAction } from '../packs/decide.js';
import {
  CONFIG_FILE,
  configuredFiles,
  defaultPolicy,
  fileSource,
  indexSource,
  isBuiltinPack,
  loadPolicy,
  treeSource,
  type ConfiguredFiles,
  type PackSource,
} from '../packs/load.js';
import { ConfigError } from '../errors.js';
import type { Policy, RepositoryFiles } from '../packs/types.js';
import {
  PolicySet,
  prepareBatch,
  prepareBatchEarly,
  scanInThread,
  scanPreparedBatch,
  type BatchResult,
  type BatchSettings,
  type PreparedBatch,
} from './batch.js';
import { scavengeWithoutHelpers } from './gc-threads.js';
import { raiseInterruptBudget } from './jit-budget.js';
import { RangeHeapBound } from './heap-bound.js';
import { DEFAULT_ALLOWLIST_FILE, RepoIgnores } from './repo-ignores.js';
import { availableCpus, checkThreads, checkWorkerFile, MIN_WORKER_CPUS, scanInWorkers, type WorkerJob } from './workers.js';
import { RangeMerger, type ParentDiff } from './range-merger.js';
import { declareKeywordsOf, scanCommit } from './scan-commit.js';

/** Ranges of at least this many commits load every detector module before they start. */
const PRELOAD_MIN_COMMITS = 20;

export interface CheckOptions {
  cwd: string;
  /** A config file on disk that replaces the repository's own (`--config`). */
  configPath?: string;
  /** A policy loaded by the caller, such as the server's; wins over everything else. */
  policy?: Policy;
  mergeParents?: 'first' | 'all';
  detectors?: readonly Detector[];
  runtime?: { agent: string; signal: string } | null;
  attribution?: AgentAttribution;
  onProgress?(done: number, total: number): void;
}

/** Result of a check: the verdicts plus the policies that produced them. */
export interface CheckResult extends RangeVerdict {
  policies: Policy[];
}

/**
 * Chooses the policy for each commit: `--config` or the caller's policy when
 * given, otherwise the repository config as of the commit's first parent. A
 * commit is never judged by a config it changes itself; a root commit has no
 * parent and gets the built-in default.
 */
export class PolicyResolver {
  private fixed: Policy | null = null;
  private readonly cache = new Map<string, Policy>();
  private defaultCache: Policy | null = null;
  private readonly ignores: RepoIgnores;
  /** Results of `configuredFiles` by config blob id, for configs that extend no file. */
  private readonly configured = new Map<string, ConfiguredFiles>();
  private readonly withFiles = new WeakMap<Policy, Map<string, Policy>>();
  /** Errors of the repository configs that do not load, by base commit. */
  private readonly broken = new Map<string, ConfigError>();

  constructor(private readonly options: Pick<CheckOptions, 'cwd' | 'configPath' | 'policy'>) {
    this.ignores = new RepoIgnores(options.cwd);
    if (options.policy) this.fixed = options.policy;
    else if (options.configPath) this.fixed = loadPolicy(fileSource(), options.configPath);
  }

  get isFixed(): boolean {
    return this.fixed !== null;
  }

  /** Looks up the config, allowlist and ignore files of every base commit with one git process. */
  prepare(bases: readonly (string | null)[]): Map<string, Policy> {
    const lookups = this.lookupsOf(bases);
    if (lookups.input === null) return new Map();
    return this.record(lookups, gitSync(HEAD_LOOKUP_ARGS, { cwd: this.options.cwd, input: lookups.input }));
  }

  /**
   * Starts the git call of `prepare` for `bases` in the background (see prefetchGit). Returns a
   * function that finishes what `prepare` does with that call's output. When the call did not
   * start or failed, the function runs git itself.
   */
  prepareSoon(bases: readonly (string | null)[]): () => Promise<Map<string, Policy>> {
    const lookups = this.lookupsOf(bases);
    const { input } = lookups;
    if (input === null) return async () => new Map();
    const { cwd } = this.options;
    // NOTE: sh takes the input in its one argument, which Linux caps at 128 KiB. 500 bases of
    // SHA-256 ids exceed it, so the lookup then runs when the returned function needs it.
    prefetchGit([{ args: HEAD_LOOKUP_ARGS, cwd, input, maxBytes: PREFETCH_TEXT_BYTES }]);
    return async () => {
      const out = await gitPrefetchedBuffer(HEAD_LOOKUP_ARGS, { cwd, input }, PREFETCH_TEXT_BYTES);
      return this.record(lookups, out.toString('utf8'));
    };
  }

  /** The bases whose config and the files whose blobs `prepare` looks up, and the input naming them to git. */
  private lookupsOf(bases: readonly (string | null)[]): { unique: string[]; ignoreLookups: Array<{ base: string; path: string }>; input: string | null } {
    const unique = this.fixed ? [] : [...new Set(bases.filter((b): b is string => b !== null))];
    // A fixed policy does not read the repository config, but edits to the packs
    // and allowlist it names are still reported, so it is looked up too.
    const ignoreLookups = this.ignores.lookups(bases, this.fixed ? [...RepoIgnores.defaultPaths, CONFIG_FILE] : undefined);
    const lines = [...unique.map((b) => `${b}:${CONFIG_FILE}`), ...ignoreLookups.map(({ base, path }) => `${base}:${path}`)];
    return { unique, ignoreLookups, input: lines.length === 0 ? null : lines.join('\n') + '\n' };
  }

  /** Records the lookups' output and loads the config of each base. */
  private record(lookups: { unique: string[]; ignoreLookups: Array<{ base: string; path: string }> }, output: string): Map<string, Policy> {
    const { unique, ignoreLookups } = lookups;
    const result = new Map<string, Policy>();
    const out = output.split('\n');
    ignoreLookups.forEach(({ base, path }, index) => this.ignores.record(base, path, out[unique.length + index]));
    unique.forEach((base, index) => this.ignores.record(base, CONFIG_FILE, out[index]));
    unique.forEach((base, index) => this.addPolicy(result, base, out[index]));
    return result;
  }

  /**
   * Resolves HEAD and looks up its config, allowlist and ignore files with one
   * git process, for the staged change. `head` is null before the first commit.
   */
  async prepareHead(): Promise<{ head: string | null; prepared: Map<string, Policy> }> {
    const paths = RepoIgnores.defaultPaths;
    const out = (await gitText(HEAD_LOOKUP_ARGS, { cwd: this.options.cwd, input: headLookupInput() })).split('\n');
    const [oid, type] = (out[0] ?? '').split(' ');
    const head = type === 'commit' && oid ? oid : null;
    const prepared = new Map<string, Policy>();
    if (head) {
      this.ignores.record(head, CONFIG_FILE, out[1]);
      paths.forEach((path, index) => this.ignores.record(head, path, out[2 + index]));
      if (!this.fixed) this.addPolicy(prepared, head, out[1]);
    }
    return { head, prepared };
  }

  /** Loads the config blob named by one `cat-file --batch-check` line, sharing policies between identical blobs. */
  private addPolicy(result: Map<string, Policy>, base: string, line: string | undefined): void {
    const [oid, type] = (line ?? '').split(' ');
    if (type !== 'blob' || !oid) return;
    let policy = this.cache.get(oid);
    if (!policy) {
      const source = treeSource(this.options.cwd, base);
      try {
        policy = loadPolicy(source, CONFIG_FILE);
      } catch (error) {
        // Raised by policyFor, unless the commit on top repairs the config.
        if (!(error instanceof ConfigError)) throw error;
        this.broken.set(base, error);
        return;
      }
      // A config that extends files of its own tree can differ per commit, so only
      // configs that extend built-in packs alone are shared by blob id.
      const configRecord = source.display(CONFIG_FILE);
      if (policy.packs.every((p) => p.file === configRecord || isBuiltinPack(p))) this.cache.set(oid, policy);
    }
    result.set(base, policy);
  }

  /**
   * Returns the policy for a base commit, with the allowlist and ignore files
   * of that commit's tree and the paths of the repository's own diff-guardian
   * files there. When the config at `base` does not load, this raises a
   * ConfigError, unless `commit` (a commit id, or `STAGED` for the index) has
   * a config that loads. The built-in default packs then judge that commit.
   */
  policyFor(base: string | null, prepared: Map<string, Policy>, commit?: string): Policy {
    const error = base === null ? undefined : this.broken.get(base);
    const config = error ? this.repairingPolicy(base!, error, commit) : this.configPolicyFor(base, prepared);
    return this.withRepositoryFiles(this.ignores.apply(config, base), base);
  }

  /** Tells whether the config at `base` failed to load in `prepare` or `prepareHead`. */
  isBroken(base: string | null): boolean {
    return base !== null && this.broken.has(base);
  }

  /**
   * Returns the built-in default policy for `commit` when its own config
   * loads, so that the commit that repairs a broken config can be made and
   * pushed. Any other commit on a broken config fails closed.
   */
  private repairingPolicy(base: string, error: ConfigError, commit: string | undefined): Policy {
    const problem = error.message.split('\n')[0]!;
    const label = commit === 'STAGED' ? 'the staged change' : `commit ${commit?.slice(0, 12)}`;
    if (commit !== undefined && configLoads(commit === 'STAGED' ? indexSource(this.options.cwd) : treeSource(this.options.cwd, commit))) {
      log.warn(`the config at ${base.slice(0, 12)} does not load (${problem}); ${label} repairs it, so the built-in default packs judge it`);
      this.defaultCache ??= defaultPolicy();
      return this.defaultCache;
    }
    throw new ConfigError(
      `${problem}\nNo commit on top of ${base.slice(0, 12)} can be checked until ${CONFIG_FILE} loads again. ` +
        `Fix or remove ${CONFIG_FILE} (or the pack it names) in a commit of its own, which the built-in default packs then judge.`,
    );
  }

  /** Sets `repositoryFiles` when the repository extends packs or names an allowlist of its own. */
  private withRepositoryFiles(policy: Policy, base: string | null): Policy {
    const configured = base ? this.configuredAt(base) : { packs: [] };
    const allowlists = [
      ...new Set([policy.settings.allowlistFile ?? DEFAULT_ALLOWLIST_FILE, configured.allowlistFile ?? DEFAULT_ALLOWLIST_FILE]),
    ];
    if (configured.packs.length === 0 && allowlists.length === 1) return policy;
    const files: RepositoryFiles = { packs: configured.packs, allowlists };
    const key = JSON.stringify(files);
    const known = this.withFiles.get(policy) ?? new Map<string, Policy>();
    this.withFiles.set(policy, known);
    let result = known.get(key);
    if (!result) {
      result = { ...policy, repositoryFiles: files };
      known.set(key, result);
    }
    return result;
  }

  /** Lists the packs and allowlist file that the repository config at `base` names. */
  private configuredAt(base: string): ConfiguredFiles {
    const oid = this.ignores.blobAt(base, CONFIG_FILE);
    if (oid === null) return { packs: [] };
    const cached = this.configured.get(oid);
    if (cached) return cached;
    const files = configuredFiles(treeSource(this.options.cwd, base), CONFIG_FILE);
    // Packs may change while the config stays the same, so only a config that extends none is shared.
    if (files.packs.length === 0) this.configured.set(oid, files);
    return files;
  }

  /** Drops what `prepare` looked up per base commit, so that memory stays flat over a long range. */
  forgetBases(): void {
    this.ignores.forget();
  }

  private configPolicyFor(base: string | null, prepared: Map<string, Policy>): Policy {
    if (this.fixed) return this.fixed;
    if (base && prepared.has(base)) return prepared.get(base)!;
    this.defaultCache ??= defaultPolicy();
    return this.defaultCache;
  }
}

/** Tells whether the repository config of `source` loads, or is absent so that the built-in packs apply. */
function configLoads(source: PackSource): boolean {
  try {
    if (source.read(CONFIG_FILE) !== null) loadPolicy(source, CONFIG_FILE);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

// Ranges longer than this run long enough for V8's optimizing compiler to
// cost more than it gains at its default threshold (see jit-budget.ts).
const LONG_RANGE_COMMITS = 50;

// Commits per batch. A batch's metadata and diff stream are held at once, so
// this bounds memory. Each batch costs a few git processes.
const BATCH_COMMITS = 500;
// Batches per worker thread when the range is split: small enough that a
// worker that drew the large commits does not leave the others idle.
const BATCHES_PER_THREAD = 4;
const MIN_THREAD_BATCH = 10;

/**
 * Checks commits (oldest first) and returns one verdict per commit. A long
 * range is split into batches checked on worker threads (see `checkThreads`),
 * and the verdicts are the same as those of one thread.
 */
export async function checkCommits(shas: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const unique = [...new Set(shas)];
  if (unique.length > LONG_RANGE_COMMITS) await raiseInterruptBudget();
  warnAboutShallowBoundary(options.cwd, unique);
  const resolver = new PolicyResolver(options);
  // Detectors passed by the caller are functions, which cannot be sent to a worker.
  const wanted = options.detectors ? 1 : checkThreads(unique.length);
  const workerFile = wanted > 1 ? checkWorkerFile() : null;
  const threads = workerFile ? wanted : 1;
  const batchSize =
    threads > 1
      ? Math.min(BATCH_COMMITS, Math.max(MIN_THREAD_BATCH, Math.ceil(unique.length / (threads * BATCHES_PER_THREAD))))
      : BATCH_COMMITS;
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += batchSize) batches.push(unique.slice(start, start + batchSize));

  // Each commit's own policy sets its size cap and merge handling (see scanPreparedBatch);
  // the first commit's cap is only the blob reader's default.
  const detectors = threads > 1 ? [] : (options.detectors ?? defaultDetectors());
  // A long range checked in this thread loads every detector module before its
  // first commit. Each module then declares its literals to the shared pass
  // once, instead of one by one as commits first need them, each time
  // rebuilding the pass. Git reads the first batch's metadata and configs on
  // another core meanwhile.
  const preload = threads === 1 && unique.length >= PRELOAD_MIN_COMMITS;
  const first = preload
    ? await prepareBatchEarly(batches[0]!, options.cwd, resolver, {
        whileReadingMetadata: async () => {
          await loadDetectors(detectors);
        },
        whileLookingUpConfigs: () => declareKeywordsOf(detectors),
      })
    : prepareBatch(threads > 1 ? unique.slice(0, 1) : (batches[0] ?? []), options.cwd, resolver);
  const firstPolicy = first.policies.get(first.infos?.[0]?.parents[0] ?? '') ?? resolver.policyFor(null, new Map());
  const settings: BatchSettings = {
    cwd: options.cwd,
    ...(options.mergeParents ? { mergeParents: options.mergeParents } : {}),
    maxFileBytes: firstPolicy.settings.maxFileBytes,
    runtime: options.runtime,
    attribution: options.attribution,
  };
  let done = 0;
  const onCommitDone = (): void => {
    done += 1;
    options.onProgress?.(done, unique.length);
  };

  let results: AsyncIterable<BatchResult>;
  if (threads > 1) {
    const job: WorkerJob = { settings, gitDeadline: gitDeadline(), quiet: log.isQuiet() };
    const prepare = (batch: readonly string[]): PreparedBatch => prepareBatch(batch, options.cwd, resolver, false);
    results = scanInWorkers(workerFile!, batches, prepare, job, threads, onCommitDone);
  } else {
    if (unique.length > LONG_RANGE_COMMITS && availableCpus() < MIN_WORKER_CPUS) await scavengeWithoutHelpers();
    const heap = await RangeHeapBound.start(batches.length);
    results = scanInThread(batches, first, settings, resolver, { detectors, onCommitDone, heap });
  }

  const commits: CommitVerdict[] = [];
  const policies = new PolicySet();
  const merger = new RangeMerger(options.cwd, (sha) => readMergeParentDiffs(sha, settings, resolver, options));
  for await (const batch of results) {
    await merger.add(batch, commits);
    for (const policy of batch.policies) policies.add(policy);
  }
  for (const verdict of commits) verdict.verdict = strongestAction(verdict.findings.map((f) => f.action));
  return {
    verdict: strongestAction(commits.map((c) => c.verdict)),
    commits,
    findings: commits.flatMap((c) => c.findings),
    policies: policies.values(),
  };
}

/** Diffs one merge against every parent, with the policy that judges it, for `RangeMerger`. */
async function readMergeParentDiffs(
  sha: string,
  settings: BatchSettings,
  resolver: PolicyResolver,
  options: CheckOptions,
): Promise<ParentDiff[] | null> {
  const prepared = prepareBatch([sha], options.cwd, resolver);
  const blobs = new BlobReader(options.cwd, settings.maxFileBytes);
  try {
    const detectors = options.detectors ?? defaultDetectors();
    const result = await scanPreparedBatch(prepared, { ...settings, mergeParents: 'all' }, { blobs, detectors });
    return result.parentDiffs[0] ?? null;
  } finally {
    blobs.close();
  }
}

const IDENT = /^(.*) <([^>]*)> (\d+) ([+-]\d{4})$/;

/**
 * Reads the author and committer identities the next commit would get, with
 * one `git var -l`. That command never fails for a missing identity the way
 * `git var GIT_AUTHOR_IDENT` does, so an empty or guessed e-mail address
 * (git appends `.(none)` to a guessed host) counts as no identity.
 */
export async function stagedIdentities(cwd: string): Promise<{ author: Identity; committer: Identity }> {
  let lines: string[] = [];
  try {
    lines = (await gitText(IDENTITY_ARGS, { cwd })).split('\n');
  } catch {
    // No usable git configuration: the commit itself would fail, but the check can still run.
  }
  // git prints the config first and its own variables last, so the last line of a name wins.
  const identity = (name: string): Identity => {
    let value: string | undefined;
    for (const line of lines) if (line.startsWith(`${name}=`)) value = line.slice(name.length + 1);
    const match = value === undefined ? null : IDENT.exec(value);
    if (match && match[2] !== '' && !match[2]!.endsWith('.(none)')) {
      return { name: match[1]!, email: match[2]!, date: new Date(Number(match[3]) * 1000).toISOString() };
    }
    return { name: '', email: '', date: new Date().toISOString() };
  };
  return { author: identity('GIT_AUTHOR_IDENT'), committer: identity('GIT_COMMITTER_IDENT') };
}

/** Runs the detectors on a staged change (with or without its files) and returns the result of one commit. */
export async function judgeStagedChange(change: CommitChange, policy: Policy, options: CheckOptions): Promise<CheckResult> {
  const verdict = await scanCommit(change, {
    policy,
    cwd: options.cwd,
    detectors: options.detectors ?? defaultDetectors(),
    runtime: options.runtime,
    attribution: options.attribution,
  });
  return { verdict: verdict.verdict, commits: [verdict], findings: verdict.findings, policies: [policy] };
}

/**
 * Checks the staged change: the index against HEAD, or against the empty tree
 * before the first commit. The config comes from HEAD, never the working tree.
 */
export async function checkStaged(options: CheckOptions & { message?: string }): Promise<CheckResult> {
  const resolver = new PolicyResolver(options);
  const { head, prepared } = await resolver.prepareHead();
  const policy = resolver.policyFor(head, prepared, 'STAGED');
  const blobs = new BlobReader(options.cwd, policy.settings.maxFileBytes);
  try {
    // HEAD names the commit just resolved; the launcher may have started this very diff already.
    const base = head ? 'HEAD' : emptyTree(options.cwd);
    const diff = await readStagedDiff(base, { cwd: options.cwd, maxFileBytes: policy.settings.maxFileBytes, blobs });
    const message = options.message ?? '';
    const change: CommitChange = {
      sha: 'STAGED',
      tree: '',
      parents: head ? [head] : [],
      base: head,
      ...(await stagedIdentities(options.cwd)),
      message,
      trailers: parseTrailers(message),
      files: diff.files.map((f) => toFileChange(f, { cwd: options.cwd, maxFileBytes: policy.settings.maxFileBytes, blobs })),
    };
    return await judgeStagedChange(change, policy, options);
  } finally {
    blobs.close();
  }
}

/**
 * Warns about commits at the boundary of a shallow clone: git lists them
 * without parents, so they are compared with the empty tree and every file
 * they contain counts as added.
 */
function warnAboutShallowBoundary(cwd: string, shas: readonly string[]): void {
  let boundary: Set<string>;
  try {
    const path = gitSync(['rev-parse', '--git-path', 'shallow'], { cwd }).trim();
    boundary = new Set(readFileSync(resolve(cwd, path), 'utf8').split('\n').filter(Boolean));
  } catch {
    return;
  }
  for (const sha of shas) {
    if (boundary.has(sha)) {
      log.warn(
        `commit ${sha.slice(0, 12)} is at the boundary of a shallow clone, so it was compared with the empty tree; run \`git fetch --deepen=1\` for its real diff`,
      );
    }
  }
}
