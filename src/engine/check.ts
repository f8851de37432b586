import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDetectors } from '../detectors/index.js';
import * as log from '../log.js';
import type { Detector } from '../detectors/define.js';
import { BlobReader } from '../git/blob-reader.js';
import { emptyTree, readCommitInfos, type CommitInfo } from '../git/commits.js';
import { readStagedDiff, streamCommitDiffs, toFileChange, type DiffRequest } from '../git/diff-source.js';
import { gitSync } from '../git/exec.js';
import type { AgentAttribution, CommitChange, CommitVerdict, Identity, RangeVerdict } from '../model/types.js';
import { strongestAction } from '../packs/decide.js';
import { CONFIG_FILE, defaultPolicy, fileSource, loadPolicy, treeSource } from '../packs/load.js';
import type { Policy } from '../packs/types.js';
import { RepoIgnores } from './repo-ignores.js';
import { scanCommit } from './scan-commit.js';

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

const CONFIG_LOOKUP = '--batch-check=%(objectname) %(objecttype)';

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

  constructor(private readonly options: Pick<CheckOptions, 'cwd' | 'configPath' | 'policy'>) {
    this.ignores = new RepoIgnores(options.cwd);
    if (options.policy) this.fixed = options.policy;
    else if (options.configPath) this.fixed = loadPolicy(fileSource(), options.configPath);
  }

  get isFixed(): boolean {
    return this.fixed !== null;
  }

  /** Looks up the config blob of every base commit with one git process. */
  prepare(bases: readonly (string | null)[]): Map<string, Policy> {
    const result = new Map<string, Policy>();
    this.ignores.prepare(bases);
    if (this.fixed) return result;
    const unique = [...new Set(bases.filter((b): b is string => b !== null))];
    if (unique.length === 0) return result;
    const out = gitSync(['cat-file', CONFIG_LOOKUP], {
      cwd: this.options.cwd,
      input: unique.map((b) => `${b}:${CONFIG_FILE}`).join('\n') + '\n',
    }).split('\n');
    unique.forEach((base, index) => this.addPolicy(result, base, out[index]));
    return result;
  }

  /**
   * Resolves HEAD and looks up its config, allowlist and ignore files with one
   * git process, for the staged change. `head` is null before the first commit.
   */
  prepareHead(): { head: string | null; prepared: Map<string, Policy> } {
    const paths = RepoIgnores.defaultPaths;
    const input = ['HEAD^{commit}', `HEAD^{commit}:${CONFIG_FILE}`, ...paths.map((p) => `HEAD^{commit}:${p}`)];
    const out = gitSync(['cat-file', CONFIG_LOOKUP], { cwd: this.options.cwd, input: input.join('\n') + '\n' }).split('\n');
    const [oid, type] = (out[0] ?? '').split(' ');
    const head = type === 'commit' && oid ? oid : null;
    const prepared = new Map<string, Policy>();
    if (head) {
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
      policy = loadPolicy(treeSource(this.options.cwd, base), CONFIG_FILE);
      // A config that extends files of its own tree can differ per commit, so only self-contained ones share.
      if (policy.packs.every((p) => p.file.startsWith('rules/') || p.file.endsWith(`:${CONFIG_FILE}`))) {
        this.cache.set(oid, policy);
      }
    }
    result.set(base, policy);
  }

  /** Returns the policy for a base commit, with the allowlist and ignore files of that commit's tree. */
  policyFor(base: string | null, prepared: Map<string, Policy>): Policy {
    return this.ignores.apply(this.configPolicyFor(base, prepared), base);
  }

  private configPolicyFor(base: string | null, prepared: Map<string, Policy>): Policy {
    if (this.fixed) return this.fixed;
    if (base && prepared.has(base)) return prepared.get(base)!;
    this.defaultCache ??= defaultPolicy();
    return this.defaultCache;
  }
}

function diffRequests(infos: CommitInfo[], mergeParents: 'first' | 'all'): DiffRequest[] {
  const requests: DiffRequest[] = [];
  for (const info of infos) {
    if (info.parents.length === 0) requests.push({ info, base: null });
    else if (mergeParents === 'all') for (const parent of info.parents) requests.push({ info, base: parent });
    else requests.push({ info, base: info.parents[0]! });
  }
  return requests;
}

/** Checks commits (oldest first) and returns one verdict per commit. */
export async function checkCommits(shas: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const resolver = new PolicyResolver(options);
  const infos = [...readCommitInfos(options.cwd, shas).values()];
  warnAboutShallowBoundary(options.cwd, infos);
  const prepared = resolver.prepare(infos.map((i) => i.parents[0] ?? null));
  const firstPolicy = resolver.policyFor(infos[0]?.parents[0] ?? null, prepared);
  const mergeParents = options.mergeParents ?? firstPolicy.settings.mergeParents;
  const detectors = options.detectors ?? defaultDetectors();
  const blobs = new BlobReader(options.cwd, firstPolicy.settings.maxFileBytes);
  const verdicts = new Map<string, CommitVerdict>();
  const policies = new Set<Policy>();
  const seenOutsideMerges = new Set<string>();
  let done = 0;

  try {
    await streamCommitDiffs(
      diffRequests(infos, mergeParents),
      { cwd: options.cwd, maxFileBytes: firstPolicy.settings.maxFileBytes, blobs },
      async (change) => {
        const policy = resolver.policyFor(change.parents[0] ?? null, prepared);
        policies.add(policy);
        const verdict = await scanCommit(change, {
          policy,
          detectors,
          runtime: options.runtime,
          attribution: options.attribution,
        });
        const isMerge = change.parents.length > 1;
        if (isMerge) {
          // A merge repeats what its side branch added; report only what the range has not shown yet.
          verdict.findings = verdict.findings.filter((f) => !seenOutsideMerges.has(f.fingerprint));
        } else {
          for (const f of verdict.findings) seenOutsideMerges.add(f.fingerprint);
        }
        const previous = verdicts.get(change.sha);
        if (previous) mergeVerdicts(previous, verdict);
        else {
          verdicts.set(change.sha, verdict);
          done += 1;
          options.onProgress?.(done, infos.length);
        }
      },
    );
  } finally {
    blobs.close();
  }

  const commits = infos.map((info) => {
    const verdict = verdicts.get(info.sha)!;
    verdict.verdict = strongestAction(verdict.findings.map((f) => f.action));
    return verdict;
  });
  return {
    verdict: strongestAction(commits.map((c) => c.verdict)),
    commits,
    findings: commits.flatMap((c) => c.findings),
    policies: [...policies],
  };
}

function mergeVerdicts(into: CommitVerdict, from: CommitVerdict): void {
  const known = new Set(into.findings.map((f) => `${f.fingerprint}:${f.line}`));
  for (const finding of from.findings) {
    if (!known.has(`${finding.fingerprint}:${finding.line}`)) into.findings.push(finding);
  }
  into.skipped.push(...from.skipped.filter((s) => !into.skipped.some((t) => t.file === s.file)));
}

const IDENT = /^(.*) <([^>]*)> (\d+) ([+-]\d{4})$/;

/**
 * Reads the author and committer identities the next commit would get, with
 * one `git var -l`. That command never fails for a missing identity the way
 * `git var GIT_AUTHOR_IDENT` does, so an empty or guessed e-mail address
 * (git appends `.(none)` to a guessed host) counts as no identity.
 */
function stagedIdentities(cwd: string): { author: Identity; committer: Identity } {
  let lines: string[] = [];
  try {
    lines = gitSync(['var', '-l'], { cwd }).split('\n');
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

/**
 * Checks the staged change: the index against HEAD, or against the empty tree
 * before the first commit. The config comes from HEAD, never the working tree.
 */
export async function checkStaged(options: CheckOptions & { message?: string }): Promise<CheckResult> {
  const resolver = new PolicyResolver(options);
  const { head, prepared } = resolver.prepareHead();
  const policy = resolver.policyFor(head, prepared);
  const blobs = new BlobReader(options.cwd, policy.settings.maxFileBytes);
  try {
    const base = head ?? emptyTree(options.cwd);
    const diff = await readStagedDiff(base, { cwd: options.cwd, maxFileBytes: policy.settings.maxFileBytes, blobs });
    const message = options.message ?? '';
    const change: CommitChange = {
      sha: 'STAGED',
      tree: '',
      parents: head ? [head] : [],
      base: head,
      ...stagedIdentities(options.cwd),
      message,
      trailers: [],
      files: diff.files.map((f) => toFileChange(f, { cwd: options.cwd, maxFileBytes: policy.settings.maxFileBytes, blobs })),
    };
    const verdict = await scanCommit(change, {
      policy,
      detectors: options.detectors ?? defaultDetectors(),
      runtime: options.runtime,
      attribution: options.attribution,
    });
    return { verdict: verdict.verdict, commits: [verdict], findings: verdict.findings, policies: [policy] };
  } finally {
    blobs.close();
  }
}

/**
 * Warns about commits at the boundary of a shallow clone: git lists them
 * without parents, so they are compared with the empty tree and every file
 * they contain counts as added.
 */
function warnAboutShallowBoundary(cwd: string, infos: readonly CommitInfo[]): void {
  let boundary: Set<string>;
  try {
    const path = gitSync(['rev-parse', '--git-path', 'shallow'], { cwd }).trim();
    boundary = new Set(readFileSync(resolve(cwd, path), 'utf8').split('\n').filter(Boolean));
  } catch {
    return;
  }
  for (const info of infos) {
    if (boundary.has(info.sha)) {
      log.warn(
        `commit ${info.sha.slice(0, 12)} is at the boundary of a shallow clone, so it was compared with the empty tree; run \`git fetch --deepen=1\` for its real diff`,
      );
    }
  }
}
