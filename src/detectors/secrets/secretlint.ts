import { defineDetector } from '../define.js';
import { addedTextOf, lineAtOffset } from './added-text.js';
import { keyMaterialOf } from './private-key.js';
import { lintWithSecretlint, type SecretlintHit } from './secretlint-engine.js';
import { isPlausibleSecret } from './values.js';

// Text that each rule of secretlint's recommended preset (version 13) needs in
// a match, by short rule id: a token prefix, with the character class that
// must follow it where the rule has one, `secret` for AWS secret keys, PEM key
// markers, and `scheme://user:password@` for the basic-auth and database URL
// rules. The test is case-insensitive, so it accepts everything each rule
// accepts. AWS key ids and account ids are left out because the preset reports
// them only with enableIDScanRule, which this engine does not set. A file is
// linted only with the rules whose text it contains, and most source files
// contain none, so secretlint does not run on them.
// NOTE: a rule added to the preset needs its entry here. A test fails while a
// preset rule is in neither this table nor ALWAYS_ON_RULES.
const URL_CREDENTIALS = ':\\/\\/[^\\s/:]+:[^\\s/@]+@';
const RULE_ANCHORS: ReadonlyArray<{ rules: readonly string[]; anchor: string }> = [
  { rules: ['aws'], anchor: 'secret' },
  { rules: ['privatekey'], anchor: 'private.?key' },
  { rules: ['npm'], anchor: '_authtoken|npm_|x-oauth-basic' },
  { rules: ['slack'], anchor: 'xox[bpaor]-|xapp-|hooks\\.slack' },
  { rules: ['basicauth', 'database-connection-string'], anchor: URL_CREDENTIALS },
  { rules: ['openai'], anchor: 't3blbkfj' },
  { rules: ['anthropic'], anchor: 'sk-ant-' },
  { rules: ['groq'], anchor: 'gsk_' },
  { rules: ['huggingface'], anchor: 'hf_[a-z]' },
  { rules: ['linear'], anchor: 'lin_api_' },
  { rules: ['notion'], anchor: 'ntn_[0-9]' },
  { rules: ['sendgrid'], anchor: 'sg\\.\\w' },
  { rules: ['shopify'], anchor: 'shp(?:pa|ca|at|ss)_' },
  { rules: ['stripe'], anchor: '[sr]k_live|[sr]k_test' },
  { rules: ['github'], anchor: 'gh[pousr]_|github_pat_' },
  { rules: ['gitlab'], anchor: 'glpat-' },
  { rules: ['grafana'], anchor: 'glc_|glsa_' },
  { rules: ['1password'], anchor: 'ops_ey' },
  { rules: ['hashicorp-vault'], anchor: 'hv[sbr]\\.' },
  { rules: ['vercel'], anchor: 'vc[pciark]_' },
  { rules: ['databricks'], anchor: 'dapi[a-f0-9]' },
  { rules: ['docker'], anchor: 'dckr_pat_' },
  { rules: ['figma'], anchor: 'figd_' },
  { rules: ['cloudflare'], anchor: 'cf(?:k|ut|at)_' },
  { rules: ['tailscale'], anchor: 'tskey-' },
];
/** Preset rules that run on every linted file: gcp reads whole .json and .p12 files, and filter-comments applies `secretlint-disable` comments. */
export const ALWAYS_ON_RULES: readonly string[] = ['gcp', 'filter-comments'];
/** Short ids of the preset rules that RULE_ANCHORS gates. */
export const ANCHORED_RULES: readonly string[] = RULE_ANCHORS.flatMap((entry) => entry.rules);

// All anchors in one search, and each anchor alone to tell which one a match
// of the search is. No two entries can match at the same offset, because their
// literal prefixes differ before either one ends. A capture group per entry
// made the search about twice as slow on the bench history.
const PRESET_ANCHORS = new RegExp(RULE_ANCHORS.map((entry) => entry.anchor).join('|'), 'gi');
const PRESET_ANCHOR = new RegExp(PRESET_ANCHORS.source, 'i');
const WHOLE_ANCHORS = RULE_ANCHORS.map((entry) => new RegExp(`^(?:${entry.anchor})$`, 'i'));

const TOKEN_RUN = /[A-Za-z0-9+/=_\-.~]{8,}/g;

/**
 * Returns the secret inside a secretlint hit. Some preset rules report a range
 * that starts at the key name (`secretAccessKey: '…`) with the length of the
 * value, so the longest token-like run from the range start to the end of the
 * line is taken as the value.
 */
export function secretInHit(text: string, start: number, end: number): string {
  const lineEnd = text.indexOf('\n', start);
  const window = text.slice(start, Math.max(end, lineEnd < 0 ? text.length : lineEnd));
  let best = text.slice(start, end);
  let bestLength = 0;
  for (const match of window.matchAll(TOKEN_RUN)) {
    if (match[0].length > bestLength) {
      best = match[0];
      bestLength = match[0].length;
    }
  }
  return bestLength >= end - start - 1 || bestLength >= 16 ? best : text.slice(start, end);
}

/**
 * Returns the value a hit reports, or null for hits that diff-guardian judges
 * to be no credential: a private-key header around a placeholder body, or a
 * value that is a placeholder as a whole. A private key is reported by its key
 * material, as the private-key rule reports it, so the two findings merge.
 */
function credentialOfHit(text: string, hit: SecretlintHit): string | null {
  if (hit.rule === 'privatekey') return keyMaterialOf(text.slice(hit.start, hit.end));
  const value = secretInHit(text, hit.start, hit.end);
  return isPlausibleSecret(value) ? value : null;
}

/**
 * Tests whether secretlint's recommended preset could report anything in
 * `text`. Text that fails it never loads secretlint. A test on token shapes
 * alone (a long run with a digit) would miss Hugging Face tokens, which hold
 * letters only.
 */
export function mayMatchPreset(text: string): boolean {
  return PRESET_ANCHOR.test(text);
}

/**
 * Returns the preset rules that could report something in `text`: those whose
 * anchor occurs in it and those that always run. Returns null when no anchor
 * occurs, so secretlint need not run at all.
 */
export function presetRulesFor(text: string): Set<string> | null {
  const found = new Set<number>();
  PRESET_ANCHORS.lastIndex = 0;
  for (let match = PRESET_ANCHORS.exec(text); match !== null; match = PRESET_ANCHORS.exec(text)) {
    const anchorText = match[0];
    found.add(WHOLE_ANCHORS.findIndex((anchor) => anchor.test(anchorText)));
    if (found.size === RULE_ANCHORS.length) break;
    // Resume one character on, so an anchor that starts inside this match is still seen.
    PRESET_ANCHORS.lastIndex = match.index + 1;
  }
  if (found.size === 0) return null;
  return new Set([...ALWAYS_ON_RULES, ...[...found].flatMap((index) => RULE_ANCHORS[index]!.rules)]);
}

export default defineDetector({
  meta: {
    id: 'secret/secretlint',
    category: 'secret',
    // A second opinion: a value that a diff-guardian rule also reports is shown once, under that
    // rule (the engine keeps one finding per value and line). What secretlint alone reports, such as
    // a key header whose body a diff-guardian rule judged a placeholder, warns instead of blocking.
    severity: 'warn',
    confidence: 'medium',
    description: "Report possible credentials that secretlint's recommended preset recognises in added lines.",
    messages: {
      found:
        "Possible credential reported by secretlint ({{rule}}: {{messageId}}) and not confirmed by a diff-guardian rule. If it is real, remove and rotate it; if it is test data, add an inline allow comment.",
    },
  },
  async run(context) {
    const { commit } = context;
    for (const file of commit.files) {
      if (file.skipped || file.added.length === 0 || file.newKind === 'symlink') continue;
      const added = addedTextOf(file.added);
      const rules = presetRulesFor(added.text);
      if (rules === null) continue;
      for (const hit of await lintWithSecretlint(added.text, file.path, rules)) {
        const value = credentialOfHit(added.text, hit);
        if (value === null) continue;
        context.report({
          messageId: 'found',
          data: { rule: hit.rule, messageId: hit.messageId },
          file: file.path,
          line: lineAtOffset(added, hit.start),
          match: value,
        });
      }
    }
    const messageRules = commit.message ? presetRulesFor(commit.message) : null;
    if (messageRules !== null) {
      for (const hit of await lintWithSecretlint(commit.message, 'COMMIT_EDITMSG', messageRules)) {
        const value = credentialOfHit(commit.message, hit);
        if (value === null) continue;
        const line = commit.message.slice(0, hit.start).split('\n').length;
        context.report({
          messageId: 'found',
          data: { rule: hit.rule, messageId: hit.messageId },
          file: '<commit-message>',
          line,
          match: value,
        });
      }
    }
  },
});
