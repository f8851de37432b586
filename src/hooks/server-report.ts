import { maskTokens } from '../engine/redact.js';
import { printablePath } from '../git/paths.js';
import type { CheckResult } from '../engine/check.js';
import type { CommitVerdict } from '../model/types.js';
import { fixAdvice } from './advice.js';
import type { RefPlan } from './push-plan.js';

const PREFIX = 'diff-guardian: ';

function subjectOf(message: string | undefined): string {
  const line = (message ?? '').split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/**
 * Returns the subject as the pusher may see it: withheld when a finding is on
 * the message's first line, and with generated-looking values masked otherwise.
 */
function safeSubject(verdict: CommitVerdict, subject: string): string {
  if (verdict.findings.some((f) => f.file === '<commit-message>' && f.line === 1)) {
    return '(subject withheld: it contains a credential)';
  }
  return JSON.stringify(maskTokens(subjectOf(subject), 200));
}

/**
 * Returns a ref name as the pusher may see it, with generated-looking parts
 * masked. The refs/heads/ or refs/tags/ prefix is left out of the test, since
 * it makes a short name such as v1.0.0 look like a generated token.
 */
function shownRef(ref: string): string {
  const prefix = /^refs\/(?:heads|tags)\//.exec(ref)?.[0] ?? '';
  return prefix + maskTokens(ref.slice(prefix.length), 200);
}

/**
 * Names what a verdict judged: a commit of the push, the message of an
 * annotated tag (its verdict is keyed by the tag object id), or the pushed ref
 * names (keyed REFS, one name per line of its message).
 */
function headingOf(verdict: CommitVerdict, plans: readonly RefPlan[], subject: string): string {
  const ref = plans.find((p) => p.commits.includes(verdict.sha))?.ref;
  if (ref !== undefined) {
    const agent = verdict.agent.agent ? ` (agent: ${verdict.agent.name ?? 'unnamed'})` : '';
    return `  commit ${verdict.sha.slice(0, 12)} on ${shownRef(ref)}${agent}: ${safeSubject(verdict, subject)}`;
  }
  const tag = plans.find((p) => p.newSha === verdict.sha);
  if (tag !== undefined) return `  message of tag object ${verdict.sha.slice(0, 12)} pushed to ${shownRef(tag.ref)}`;
  const lines = verdict.findings.map((f) => f.line).filter((line) => line > 0);
  if (lines.length === 0) return '  pushed ref names';
  return `  pushed ref names (line ${[...new Set(lines)].join(', ')} of the pushed ref list, names withheld)`;
}

/** True when the verdict judged a commit of the push rather than a tag message or the ref names. */
function isCommit(verdict: CommitVerdict, plans: readonly RefPlan[]): boolean {
  return plans.some((p) => p.commits.includes(verdict.sha));
}

/** Formats one verdict: a heading naming what was judged, then its findings without their matched text. */
export function commitLines(verdict: CommitVerdict, plans: readonly RefPlan[], subject: string, onlyBlocking: boolean): string[] {
  const lines = [headingOf(verdict, plans, subject)];
  for (const finding of verdict.findings) {
    if (finding.suppressed || finding.action === 'allow') continue;
    if (onlyBlocking && finding.action !== 'block') continue;
    const where = finding.line > 0 ? `${printablePath(finding.file)}:${finding.line}` : printablePath(finding.file);
    lines.push(`    ${where}  ${finding.action}  ${finding.ruleId}`);
    lines.push(`      ${finding.message}`);
    lines.push(`      evidence: ${finding.evidence}  fingerprint: ${finding.fingerprint}`);
  }
  return lines;
}

export interface ReportInput {
  plans: readonly RefPlan[];
  result: CheckResult | null;
  subjects: ReadonlyMap<string, string>;
  overrideHint: boolean;
  overrideProblem?: string;
}

/** Formats the lines git shows the pusher (as `remote:` lines) for a rejected push. */
export function rejectionReport(input: ReportInput): string[] {
  const out = [`${PREFIX}push rejected`];
  for (const plan of input.plans) {
    if (plan.rejection) out.push(`  ${plan.rejection}`);
  }
  const blocked = input.result?.commits.filter((c) => c.verdict === 'block') ?? [];
  if (blocked.length > 0) {
    const commits = input.result!.commits.filter((c) => isCommit(c, input.plans));
    const blockedCommits = blocked.filter((c) => isCommit(c, input.plans)).length;
    const others = blocked.length - blockedCommits;
    const parts = [];
    if (blockedCommits > 0) parts.push(`${blockedCommits} of ${commits.length} new commit(s)`);
    if (others > 0) parts.push(`${others} tag message(s) or ref name list(s)`);
    out.push(`  ${parts.join(' and ')} blocked:`);
    for (const verdict of blocked) {
      out.push(...commitLines(verdict, input.plans, input.subjects.get(verdict.sha) ?? '', true));
    }
    out.push('  To fix:');
    for (const line of fixAdvice(input.result!.findings)) out.push(`    - ${line}`);
    out.push('    then rewrite the listed commits (git rebase -i, or git commit --amend for the last one)');
    out.push('    and push again: a later commit that deletes the value still leaves it in the history.');
    out.push('    This server judges with its own config: acknowledgements in a pushed .diff-guardian.yml do');
    out.push('    not count here, and an allowlist entry counts once it is on the server, in an earlier push.');
    if (input.overrideProblem) out.push(`  ${input.overrideProblem}`);
    else if (input.overrideHint) out.push('  A listed identity can override: git push -o diff-guardian.override="<reason>"');
  }
  return out.map((line) => (line.startsWith(PREFIX) ? line : `${PREFIX}${line}`));
}

/** Formats the lines for an accepted push that has warnings or an override. */
export function acceptanceReport(input: ReportInput, override: string | null): string[] {
  const out: string[] = [];
  const result = input.result;
  for (const verdict of result?.commits ?? []) {
    if (verdict.verdict === 'allow') continue;
    out.push(...commitLines(verdict, input.plans, input.subjects.get(verdict.sha) ?? '', false));
  }
  if (override) out.unshift(`override accepted: ${override}`);
  else if (out.length > 0) out.unshift('push accepted with warnings:');
  return out.map((line) => `${PREFIX}${line}`);
}
