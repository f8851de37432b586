import { allDetectors } from '../detectors/index.js';
import { maskMessage } from '../errors.js';
import type { CommitVerdict, Finding } from '../model/types.js';
import { ruleSelects } from '../packs/decide.js';
import { BUILTIN_PACKS } from '../packs/generated/builtin-packs.js';
import type { Policy } from '../packs/types.js';

/** A rule id that selects no rule that ships, with the first place that names it. */
export interface UnknownRuleId {
  id: string;
  /** Place that names the id: a pack rule, an `acknowledged` entry, or a commit line with an inline comment. */
  origin: string;
  kind: 'rule' | 'acknowledged' | 'inline';
}

/**
 * Lists the ids that select no rule that ships, one entry per distinct id: a
 * pack rule's `id`, an `acknowledged` entry's `rule` and the rule an inline
 * allow comment in `verdicts` names. A misspelt id such as
 * `secrte/aws-access-key` would otherwise change nothing without a word. The
 * gate's command rules load only when some id is not a detector's, so a
 * check without such an id costs no extra start-up.
 */
export async function unknownRuleIds(
  policies: readonly Policy[],
  verdicts: readonly CommitVerdict[] = [],
): Promise<UnknownRuleId[]> {
  const named = namedRuleIds(policies, verdicts);
  if (named.size === 0) return [];
  const known: Array<Pick<Finding, 'ruleId' | 'category'>> = allDetectors().map((d) => ({ ruleId: d.meta.id, category: d.meta.category }));
  const selectsAny = (id: string): boolean => known.some((finding) => ruleSelects(id, finding));
  let unknown = [...named.values()].filter((rule) => !selectsAny(rule.id));
  if (unknown.length === 0) return [];
  const { gateDetectors } = await import('../gate/commands/index.js');
  known.push(...gateDetectors.map((d) => ({ ruleId: d.meta.id, category: d.meta.category })));
  unknown = unknown.filter((rule) => !selectsAny(rule.id));
  return unknown;
}

/** Collects the rule ids that configs and inline comments name, keeping the first place of each. */
function namedRuleIds(policies: readonly Policy[], verdicts: readonly CommitVerdict[]): Map<string, UnknownRuleId> {
  // The built-in packs' ids are checked by the tests, so a check with no config of its own does no work here.
  const builtinFiles = new Set(Object.values(BUILTIN_PACKS).map((pack) => pack.file));
  const named = new Map<string, UnknownRuleId>();
  const add = (id: string, origin: string, kind: UnknownRuleId['kind']): void => {
    if (!named.has(id)) named.set(id, { id, origin, kind });
  };
  for (const policy of policies) {
    for (const rule of policy.rules) {
      if (!builtinFiles.has(rule.origin.slice(0, rule.origin.lastIndexOf('#')))) add(rule.id, rule.origin, 'rule');
    }
    for (const ack of policy.acknowledged) {
      if (ack.rule !== undefined && !builtinFiles.has(ack.origin)) add(ack.rule, ack.origin, 'acknowledged');
    }
  }
  for (const verdict of verdicts) {
    const commit = verdict.sha === 'STAGED' ? 'staged' : verdict.sha.slice(0, 12);
    for (const inline of verdict.inlineRules ?? []) add(inline.rule, `${commit} ${inline.file}:${inline.line}`, 'inline');
  }
  return named;
}

const WHAT_IT_DOES: Record<UnknownRuleId['kind'], string> = {
  rule: 'rule id {{id}} selects no rule, so it changes nothing',
  acknowledged: 'acknowledged rule {{id}} selects no rule, so the entry acknowledges nothing',
  inline: 'inline allow comment names rule {{id}}, which selects no rule, so it acknowledges nothing',
};

/** Prints one warning for each distinct id that selects no rule that ships (see `unknownRuleIds`). */
export async function warnAboutUnknownRules(
  policies: readonly Policy[],
  write: (line: string) => void,
  verdicts: readonly CommitVerdict[] = [],
): Promise<void> {
  for (const rule of await unknownRuleIds(policies, verdicts)) {
    // The id and the path come from a config or a commit, where a credential may be pasted by mistake.
    const line = `${rule.origin}: ${WHAT_IT_DOES[rule.kind].replace('{{id}}', JSON.stringify(rule.id))}`;
    write(`diff-guardian: warning: ${maskMessage(line)}; \`diff-guardian rules\` lists the ids\n`);
  }
}
