// Text that each rule of secretlint's recommended preset (version 13) needs in
// a match, by short rule id. Most entries are a token prefix with the
// character class that must follow it. The others are `secret` for AWS secret
// keys, PEM key markers, and `scheme://user:password@` for the basic-auth and
// database URL rules. The test is case-insensitive, so it accepts everything
// each rule accepts. AWS key ids and account ids are left out because the
// preset reports them only with enableIDScanRule, which this engine does not
// set. A file is linted only with the rules whose text it contains, and most
// source files contain none, so secretlint does not run on them.
// NOTE: a rule added to the preset needs its entry here. A test fails while a
// preset rule is in none of this table, ALWAYS_ON_RULES and UNUSED_RULES.
const URL_CREDENTIALS = ':\\/\\/[^\\s/:]+:[^\\s/@]+@';

export interface AnchorEntry {
  /** Short ids of the preset rules that need one of the anchors. */
  rules: readonly string[];
  /**
   * Pattern sources. Each starts with a literal lower-case character, so the
   * sources can be grouped by it.
   */
  anchors: readonly string[];
  /**
   * A stricter pattern source that every report of the rules contains, tested
   * where an anchor starts. An entry without it counts on its anchor alone.
   */
  confirm?: string;
}

export const RULE_ANCHORS: readonly AnchorEntry[] = [
  // The AWS rule reports `(AWS_)SECRET_ACCESS_KEY = <40 characters>` and the key rule a PEM
  // block, and `secret` and `privateKey` occur far more often in code than either.
  { rules: ['aws'], anchors: ['secret'], confirm: 'secret_?access' },
  { rules: ['privatekey'], anchors: ['private.?key'], confirm: 'private key' },
  { rules: ['npm'], anchors: ['_authtoken', 'npm_', 'x-oauth-basic'] },
  { rules: ['slack'], anchors: ['xox[bpaor]-', 'xapp-', 'hooks\\.slack'] },
  { rules: ['basicauth', 'database-connection-string'], anchors: [URL_CREDENTIALS] },
  { rules: ['openai'], anchors: ['t3blbkfj'] },
  { rules: ['anthropic'], anchors: ['sk-ant-'] },
  { rules: ['groq'], anchors: ['gsk_'] },
  { rules: ['huggingface'], anchors: ['hf_[a-z]'] },
  { rules: ['linear'], anchors: ['lin_api_'] },
  { rules: ['notion'], anchors: ['ntn_[0-9]'] },
  // The SendGrid rule requires no letter before `SG.`, which rules out `msg.text`.
  { rules: ['sendgrid'], anchors: ['sg\\.\\w'], confirm: '(?<![a-z])sg\\.\\w' },
  { rules: ['shopify'], anchors: ['shp(?:pa|ca|at|ss)_'] },
  { rules: ['stripe'], anchors: ['sk_live', 'sk_test', 'rk_live', 'rk_test'] },
  { rules: ['github'], anchors: ['gh[pousr]_', 'github_pat_'] },
  { rules: ['gitlab'], anchors: ['glpat-'] },
  { rules: ['grafana'], anchors: ['glc_', 'glsa_'] },
  { rules: ['1password'], anchors: ['ops_ey'] },
  { rules: ['hashicorp-vault'], anchors: ['hv[sbr]\\.'] },
  { rules: ['vercel'], anchors: ['vc[pciark]_'] },
  { rules: ['databricks'], anchors: ['dapi[a-f0-9]'] },
  { rules: ['docker'], anchors: ['dckr_pat_'] },
  { rules: ['figma'], anchors: ['figd_'] },
  { rules: ['cloudflare'], anchors: ['cf(?:k|ut|at)_'] },
  { rules: ['tailscale'], anchors: ['tskey-'] },
];

/** Preset rules that run on every linted file. filter-comments applies `secretlint-disable`. */
export const ALWAYS_ON_RULES: readonly string[] = ['filter-comments'];
/**
 * Preset rules that never run. The gcp rule reads only sources whose `ext` is
 * `.json` or `.p12`, and lintWithSecretlint sets no `ext`, so it cannot report
 * (checked with secretlint 13.1). Run on every .json file, it only cost time.
 * secret/gcp-service-account reports service-account key files instead.
 */
export const UNUSED_RULES: readonly string[] = ['gcp'];
/** Short ids of the preset rules that RULE_ANCHORS gates. */
export const ANCHORED_RULES: readonly string[] = RULE_ANCHORS.flatMap((entry) => entry.rules);

/**
 * Joins the alternatives into one pattern, grouped by their first character
 * (`s(?:ecret|k-ant-|…)|…`). V8 searches the grouped form about 40% faster
 * than the flat alternation on the bench history.
 */
export function groupedAlternation(alternatives: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const alternative of alternatives) {
    const first = alternative[0] ?? '';
    if (!/^[a-z0-9_:-]$/.test(first)) {
      throw new Error(`anchor ${JSON.stringify(alternative)} must start with a literal character`);
    }
    byFirst.set(first, [...(byFirst.get(first) ?? []), alternative.slice(1)]);
  }
  return [...byFirst].map(([first, rests]) => `${first}(?:${rests.join('|')})`).join('|');
}

// All anchors in one pattern, and each entry alone to tell which one a match
// of the pattern is. No two entries can match at the same offset, because
// their literal prefixes differ before either one ends. A capture group per
// entry made the search about twice as slow on the bench history.
/** Source of one pattern that matches the anchor of every entry. */
export const PRESET_SOURCE = groupedAlternation(RULE_ANCHORS.flatMap((entry) => entry.anchors));
const WHOLE_ANCHORS = RULE_ANCHORS.map((entry) => {
  return new RegExp(`^(?:${entry.anchors.join('|')})$`, 'i');
});

/** Returns the index into RULE_ANCHORS of the entry that a match of PRESET_SOURCE belongs to. */
export function presetEntryOf(anchorText: string): number {
  return WHOLE_ANCHORS.findIndex((anchor) => anchor.test(anchorText));
}

/** Returns the rules to run for the entries whose anchors occur, or null when none does. */
export function rulesOfEntries(entries: ReadonlySet<number>): Set<string> | null {
  if (entries.size === 0) return null;
  const anchored = [...entries].flatMap((index) => RULE_ANCHORS[index]!.rules);
  return new Set([...ALWAYS_ON_RULES, ...anchored]);
}
