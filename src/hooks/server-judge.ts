import { attribute } from '../attribution/attribute.js';
import { checkCommits, type CheckResult } from '../engine/check.js';
import { RepoIgnores } from '../engine/repo-ignores.js';
import { readCommitInfos } from '../git/commits.js';
import type { AgentAttribution, CommitVerdict } from '../model/types.js';
import { NOTES_REF } from '../notes/index.js';
import { strongestAction } from '../packs/decide.js';
import type { Policy } from '../packs/types.js';
import { gitSync } from '../git/exec.js';
import type { RefPlan, RefUpdate } from './push-plan.js';
import { runtimeFromNotes } from './pushed-notes.js';
import type { RuntimeSignal } from './runtime.js';
import { commitsSignedBy } from './signatures.js';

interface Group {
  shas: string[];
  /** The commit already on the server whose allowlist and ignore files apply, or null for none. */
  ignoresFrom: string | null;
  runtime?: RuntimeSignal;
  attribution?: AgentAttribution;
}

/** Returns the notes commit to read client notes from: the one this push brings, else the stored ref. */
function notesCommit(cwd: string, updates: readonly RefUpdate[]): string | null {
  const pushed = updates.find((u) => u.ref === NOTES_REF && !/^0+$/.test(u.newSha));
  if (pushed) return pushed.newSha;
  const out = gitSync(['rev-parse', '--verify', '--quiet', NOTES_REF], { cwd, okCodes: [1] }).trim();
  return out || null;
}

/**
 * Groups commits by the attribution evidence only the server has: a runtime
 * signal in a pushed note, or, under `settings.agentByDefault`, a signature by
 * one of `settings.humanSigningKeys` that makes the commit human-authored
 * unless a trailer or identity names an agent.
 */
function groupByEvidence(
  cwd: string,
  shas: readonly string[],
  updates: readonly RefUpdate[],
  policy: Policy,
  ignoreBases: ReadonlyMap<string, string | null>,
): Group[] {
  const notes = notesCommit(cwd, updates);
  const runtimes = notes ? runtimeFromNotes(cwd, notes, shas) : new Map<string, RuntimeSignal>();
  const keys = policy.settings.humanSigningKeys ?? [];
  const human = policy.settings.agentByDefault && keys.length > 0 ? commitsSignedBy(cwd, shas, keys) : new Set<string>();
  const infos = human.size > 0 ? readCommitInfos(cwd, [...human]) : new Map();
  const groups = new Map<string, Group>();
  for (const sha of shas) {
    const runtime = runtimes.get(sha);
    let key = '';
    let group: Omit<Group, 'shas' | 'ignoresFrom'> = {};
    if (human.has(sha)) {
      const attribution = attribute({ commit: infos.get(sha)!, matchers: policy.agents, runtime, agentByDefault: false });
      key = `attribution:${JSON.stringify(attribution)}`;
      group = { attribution };
    } else if (runtime) {
      key = `runtime:${JSON.stringify(runtime)}`;
      group = { runtime };
    }
    const ignoresFrom = ignoreBases.get(sha) ?? null;
    key += `\0ignores:${ignoresFrom}`;
    const existing = groups.get(key) ?? { shas: [], ...group, ignoresFrom };
    existing.shas.push(sha);
    groups.set(key, existing);
  }
  return [...groups.values()];
}

function commitOf(cwd: string, sha: string): string | null {
  return gitSync(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], { cwd, okCodes: [1, 128] }).trim() || null;
}

/**
 * Chooses, for each commit a push brings, the commit already on the server
 * whose allowlist and ignore files may acknowledge its findings, so that no
 * file carried by the push itself acknowledges anything. An updated ref uses
 * its old tip. A new ref uses the nearest first-parent ancestor that is
 * already on the server, or none when its history is new.
 */
export function trustedIgnoreBases(cwd: string, plans: readonly RefPlan[]): Map<string, string | null> {
  const pushed = new Set(plans.flatMap((p) => p.commits));
  const result = new Map<string, string | null>();
  const created = plans.filter((p) => p.commits.length > 0 && (p.kind === 'create' || !commitOf(cwd, p.oldSha)));
  const infos = created.length > 0 ? readCommitInfos(cwd, created.flatMap((p) => p.commits)) : new Map();
  for (const plan of plans) {
    if (plan.commits.length === 0) continue;
    const oldTip = created.includes(plan) ? null : commitOf(cwd, plan.oldSha);
    for (const sha of plan.commits) {
      if (oldTip) {
        result.set(sha, oldTip);
        continue;
      }
      let current: string | undefined = sha;
      // Commits of other plans in this push have no CommitInfo here, and count as pushed too.
      while (current !== undefined && pushed.has(current)) current = infos.get(current)?.parents[0];
      result.set(sha, current ?? null);
    }
  }
  return result;
}

/**
 * Judges the commits of a push with the server's policy, oldest first. The
 * allowlist and ignore files come from `ignoreBases` (see
 * `trustedIgnoreBases`), never from the judged commits' own parents.
 */
export async function judgeCommits(
  cwd: string,
  shas: readonly string[],
  updates: readonly RefUpdate[],
  policy: Policy,
  ignoreBases: ReadonlyMap<string, string | null>,
): Promise<CheckResult> {
  const byCommit = new Map<string, CommitVerdict>();
  const ignores = new RepoIgnores(cwd);
  for (const group of groupByEvidence(cwd, shas, updates, policy, ignoreBases)) {
    const result = await checkCommits(group.shas, {
      cwd,
      policy: ignores.applyFrom(policy, group.ignoresFrom),
      mergeParents: 'all',
      runtime: group.runtime ?? null,
      ...(group.attribution ? { attribution: group.attribution } : {}),
    });
    for (const verdict of result.commits) byCommit.set(verdict.sha, verdict);
  }
  const commits = shas.map((sha) => byCommit.get(sha)!).filter(Boolean);
  return {
    verdict: strongestAction(commits.map((c) => c.verdict)),
    commits,
    findings: commits.flatMap((c) => c.findings),
    policies: [policy],
  };
}
