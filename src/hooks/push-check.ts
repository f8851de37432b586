import { checkCommits, PolicyResolver, type CheckResult } from '../engine/check.js';
import { annotatedTags, checkRefNames, checkTagMessages } from '../engine/tags.js';
import { gitSync } from '../git/exec.js';
import type { CommitVerdict } from '../model/types.js';
import { NOTES_REF } from '../notes/index.js';
import { readRef } from '../notes/store.js';
import { strongestAction } from '../packs/decide.js';
import { defaultPolicy } from '../packs/load.js';
import type { Policy } from '../packs/types.js';
import type { RefPlan } from './push-plan.js';
import { runtimeFromNotes } from './pushed-notes.js';
import type { RuntimeSignal } from './runtime.js';

const ZERO = /^0+$/;

/** One `<local ref> <local sha> <remote ref> <remote sha>` line that git gives pre-push. */
export interface PushLine {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/**
 * Judges the commits of a push oldest first. A commit is judged as an agent's
 * when `pushRuntime` (an agent running `git push`) is set, or when its local
 * verdict note recorded a runtime signal at commit time. The agent can edit
 * its own notes, so a note is only read to make a commit stricter: a note
 * without a runtime signal leaves the commit to its trailers and identities.
 */
export async function judgePushedCommits(
  cwd: string,
  shas: readonly string[],
  pushRuntime: RuntimeSignal | null,
): Promise<CheckResult> {
  const notes = pushRuntime ? null : readRef(cwd, NOTES_REF);
  const recorded = notes ? runtimeFromNotes(cwd, notes, shas) : new Map<string, RuntimeSignal>();
  const groups = new Map<string, { runtime: RuntimeSignal | null; shas: string[] }>();
  for (const sha of shas) {
    const runtime = pushRuntime ?? recorded.get(sha) ?? null;
    const key = JSON.stringify(runtime);
    const group = groups.get(key) ?? { runtime, shas: [] };
    group.shas.push(sha);
    groups.set(key, group);
  }
  const byCommit = new Map<string, CommitVerdict>();
  const policies = new Set<Policy>();
  for (const group of groups.values()) {
    const result = await checkCommits(group.shas, { cwd, runtime: group.runtime, mergeParents: 'all' });
    for (const verdict of result.commits) byCommit.set(verdict.sha, verdict);
    for (const policy of result.policies) policies.add(policy);
  }
  const commits = shas.map((sha) => byCommit.get(sha)).filter((v): v is CommitVerdict => v !== undefined);
  return {
    verdict: strongestAction(commits.map((c) => c.verdict)),
    commits,
    findings: commits.flatMap((c) => c.findings),
    policies: [...policies],
  };
}

/** Returns the policy a pushed ref is judged by: the repository config of the commit it names. */
function policyOfTarget(cwd: string, sha: string): Policy {
  const commit = gitSync(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], { cwd, okCodes: [1, 128] }).trim();
  if (!commit) return defaultPolicy();
  const resolver = new PolicyResolver({ cwd });
  return resolver.policyFor(commit, resolver.prepare([commit]));
}

/**
 * Judges what a push publishes besides commits, as the server's pre-receive
 * does: the message of each pushed annotated tag, and the pushed ref names.
 * Deletions publish nothing, and a lightweight tag has no message. Returns
 * only the verdicts with findings.
 */
export async function judgePushedRefs(cwd: string, lines: readonly PushLine[]): Promise<CommitVerdict[]> {
  const created = lines.filter((line) => !ZERO.test(line.localSha) && !line.remoteRef.startsWith('refs/notes/'));
  if (created.length === 0) return [];
  const verdicts: CommitVerdict[] = [];
  for (const tag of annotatedTags(cwd, created.map((line) => line.localSha))) {
    verdicts.push(...(await checkTagMessages(cwd, [tag], policyOfTarget(cwd, tag))));
  }
  verdicts.push(await checkRefNames(created.map((line) => line.remoteRef), policyOfTarget(cwd, created[0]!.localSha)));
  return verdicts.filter((verdict) => verdict.findings.length > 0);
}

/** Describes the push lines as the ref plans the server report formats headings from. */
export function plansOfLines(lines: readonly PushLine[]): RefPlan[] {
  return lines.map((line) => ({
    ref: line.remoteRef,
    oldSha: line.remoteSha,
    newSha: line.localSha,
    kind: ZERO.test(line.localSha) ? 'delete' : ZERO.test(line.remoteSha) ? 'create' : 'update',
    nonFastForward: false,
    commits: [],
  }));
}
