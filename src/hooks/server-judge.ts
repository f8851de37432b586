import { attribute } from '../attribution/attribute.js';
import { checkCommits, type CheckResult } from '../engine/check.js';
import { readCommitInfos } from '../git/commits.js';
import type { AgentAttribution, CommitVerdict } from '../model/types.js';
import { NOTES_REF } from '../notes/index.js';
import { strongestAction } from '../packs/decide.js';
import type { Policy } from '../packs/types.js';
import { gitSync } from '../git/exec.js';
import type { RefUpdate } from './push-plan.js';
import { runtimeFromNotes } from './pushed-notes.js';
import type { RuntimeSignal } from './runtime.js';
import { commitsSignedBy } from './signatures.js';

interface Group {
  shas: string[];
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
function groupByEvidence(cwd: string, shas: readonly string[], updates: readonly RefUpdate[], policy: Policy): Group[] {
  const notes = notesCommit(cwd, updates);
  const runtimes = notes ? runtimeFromNotes(cwd, notes, shas) : new Map<string, RuntimeSignal>();
  const keys = policy.settings.humanSigningKeys ?? [];
  const human = policy.settings.agentByDefault && keys.length > 0 ? commitsSignedBy(cwd, shas, keys) : new Set<string>();
  const infos = human.size > 0 ? readCommitInfos(cwd, [...human]) : new Map();
  const groups = new Map<string, Group>();
  for (const sha of shas) {
    const runtime = runtimes.get(sha);
    let key = '';
    let group: Omit<Group, 'shas'> = {};
    if (human.has(sha)) {
      const attribution = attribute({ commit: infos.get(sha)!, matchers: policy.agents, runtime, agentByDefault: false });
      key = `attribution:${JSON.stringify(attribution)}`;
      group = { attribution };
    } else if (runtime) {
      key = `runtime:${JSON.stringify(runtime)}`;
      group = { runtime };
    }
    const existing = groups.get(key) ?? { shas: [], ...group };
    existing.shas.push(sha);
    groups.set(key, existing);
  }
  return [...groups.values()];
}

/** Judges the commits of a push with the server's policy, oldest first. */
export async function judgeCommits(
  cwd: string,
  shas: readonly string[],
  updates: readonly RefUpdate[],
  policy: Policy,
): Promise<CheckResult> {
  const byCommit = new Map<string, CommitVerdict>();
  for (const group of groupByEvidence(cwd, shas, updates, policy)) {
    const result = await checkCommits(group.shas, {
      cwd,
      policy,
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
