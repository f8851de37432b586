import { defineDetector } from '../define.js';
import { joinAddedLines, lineAtOffset } from './added-text.js';
import { keyMaterialOf } from './private-key.js';
import { lintWithSecretlint, type SecretlintHit } from './secretlint-engine.js';
import { isPlausibleSecret } from './values.js';

// Literal text that every rule of secretlint's recommended preset (version 13)
// needs in a match. The test is case-insensitive, so it accepts everything each
// rule accepts. It covers the token prefixes, `secret` for AWS secret keys, PEM
// and service-account key markers, and `scheme://user:password@` for the
// basic-auth and database URL rules. AWS key ids and account ids are left out because the preset reports
// them only with enableIDScanRule, which this engine does not set. Most source
// files hold none of these, so secretlint does not run on them.
// NOTE: a rule added to the preset needs its prefix here; the prefilter test
// runs a sample of every rule through both this pattern and secretlint.
const PRESET_ANCHOR =
  /secret|private.?key|_authtoken|npm_|xox|xapp|hooks\.slack|x-oauth-basic|:\/\/[^\s/:]+:[^\s/@]+@|t3blbkfj|sk-ant-|gsk_|hf_|lin_api_|ntn_|sg\.|shp|[sr]k_live|[sr]k_test|gh[pousr]_|github_pat_|glpat-|glc_|glsa_|ops_|hv[sbr]\.|vc[pciark]_|dapi|dckr_pat_|figd_|cf(?:k|ut|at)_|tskey-/i;

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
      const added = joinAddedLines(file.added);
      if (!mayMatchPreset(added.text)) continue;
      for (const hit of await lintWithSecretlint(added.text, file.path)) {
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
    if (commit.message && mayMatchPreset(commit.message)) {
      for (const hit of await lintWithSecretlint(commit.message, 'COMMIT_EDITMSG')) {
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
