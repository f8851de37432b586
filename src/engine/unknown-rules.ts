import { allDetectors } from '../detectors/index.js';
import { maskMessage } from '../errors.js';
import type { Finding } from '../model/types.js';
import { ruleSelects } from '../packs/decide.js';
import { BUILTIN_PACKS } from '../packs/generated/builtin-packs.js';
import type { Policy } from '../packs/types.js';

/**
 * Lists the rules of `policies` whose `id` selects no rule that ships: a
 * misspelt id such as `secrte/aws-access-key` would otherwise change nothing
 * without a word. The gate's command rules load only when some id is not a
 * detector's, so a config without such an id costs no extra start-up.
 */
export async function unknownRuleIds(policies: readonly Policy[]): Promise<Array<{ id: string; origin: string }>> {
  // The built-in packs' ids are checked by the tests, so a check with no config of its own does no work here.
  const builtinFiles = new Set(Object.values(BUILTIN_PACKS).map((pack) => pack.file));
  const rules = new Map<string, { id: string; origin: string }>();
  for (const policy of policies) {
    for (const rule of policy.rules) {
      if (builtinFiles.has(rule.origin.slice(0, rule.origin.lastIndexOf('#')))) continue;
      rules.set(`${rule.origin}\0${rule.id}`, { id: rule.id, origin: rule.origin });
    }
  }
  if (rules.size === 0) return [];
  const known: Array<Pick<Finding, 'ruleId' | 'category'>> = allDetectors().map((d) => ({ ruleId: d.meta.id, category: d.meta.category }));
  const selectsAny = (id: string): boolean => known.some((finding) => ruleSelects(id, finding));
  let unknown = [...rules.values()].filter((rule) => !selectsAny(rule.id));
  if (unknown.length === 0) return [];
  const { gateDetectors } = await import('../gate/commands/index.js');
  known.push(...gateDetectors.map((d) => ({ ruleId: d.meta.id, category: d.meta.category })));
  unknown = unknown.filter((rule) => !selectsAny(rule.id));
  return unknown;
}

/** Prints a warning for each rule id that selects no rule that ships. */
export async function warnAboutUnknownRules(policies: readonly Policy[], write: (line: string) => void): Promise<void> {
  for (const rule of await unknownRuleIds(policies)) {
    // The id and the file's path come from the config, where a credential may be pasted by mistake.
    const line = `${rule.origin}: rule id ${JSON.stringify(rule.id)} selects no rule, so it changes nothing`;
    write(`diff-guardian: warning: ${maskMessage(line)}; \`diff-guardian rules\` lists the ids\n`);
  }
}
