import { globMatcher } from '../util/picomatch.js';
import type { Action, Finding, Severity } from '../model/types.js';
import type { Policy, ResolvedRule } from './types.js';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warn: 1, block: 2 };
const ACTION_RANK: Record<Action, number> = { allow: 0, warn: 1, block: 2 };

/** Returns the action a finding gets when no pack rule matches it. */
export function actionOfSeverity(severity: Severity): Action {
  return severity === 'info' ? 'allow' : severity;
}

export function strongerAction(a: Action, b: Action): Action {
  return ACTION_RANK[a] >= ACTION_RANK[b] ? a : b;
}

export function strongestAction(actions: Iterable<Action>): Action {
  let result: Action = 'allow';
  for (const action of actions) result = strongerAction(result, action);
  return result;
}

const matcherCache = new Map<string, (path: string) => boolean>();

function pathMatcher(glob: string): (path: string) => boolean {
  let matcher = matcherCache.get(glob);
  if (!matcher) {
    matcher = globMatcher(glob, { dot: true });
    matcherCache.set(glob, matcher);
  }
  return matcher;
}

/** Tests whether a rule's `id` selects the finding: exact id, category, or glob over ids. */
export function ruleSelects(selector: string, finding: Pick<Finding, 'ruleId' | 'category'>): boolean {
  if (selector === finding.ruleId || selector === finding.category || selector === '*') return true;
  if (/[*?[]/.test(selector)) return pathMatcher(selector)(finding.ruleId);
  return finding.ruleId.startsWith(`${selector}/`);
}

function ruleApplies(rule: ResolvedRule, finding: Finding, agent: boolean): boolean {
  if (!ruleSelects(rule.id, finding)) return false;
  const authoredBy = rule.authoredBy ?? 'any';
  if (authoredBy === 'agent' && !agent) return false;
  if (authoredBy === 'human' && agent) return false;
  if (rule.minSeverity && SEVERITY_RANK[finding.severity] < SEVERITY_RANK[rule.minSeverity]) return false;
  if (rule.paths && rule.paths.length > 0) {
    if (!rule.paths.some((glob) => pathMatcher(glob)(finding.file))) return false;
  }
  return true;
}

/**
 * Returns the action for one finding: the last pack rule that matches it wins,
 * and with no match the detector's severity decides. `off` drops the finding.
 */
export function decide(policy: Policy, finding: Finding, agent: boolean): { action: Action | 'off'; decidedBy?: string } {
  for (let i = policy.rules.length - 1; i >= 0; i -= 1) {
    const rule = policy.rules[i]!;
    if (ruleApplies(rule, finding, agent)) return { action: rule.action, decidedBy: rule.origin };
  }
  return { action: actionOfSeverity(finding.severity) };
}
