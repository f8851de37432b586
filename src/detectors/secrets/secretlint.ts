import { maskTokens } from '../../engine/redact.js';
import { defineDetector } from '../define.js';
import { addedTextOf, lineAtOffset, type AddedText } from './added-text.js';
import { anchorHitsOf, confirmedEntriesOf } from './anchor-scan.js';
import { keyMaterialOf } from './private-key.js';
import { PRESET_SOURCE, presetEntryOf, rulesOfEntries } from './secretlint-anchors.js';
import { lintWithSecretlint, type SecretlintHit } from './secretlint-engine.js';
import { isPlausibleSecret } from './values.js';

const PRESET_ANCHORS = new RegExp(PRESET_SOURCE, 'gi');
const PRESET_ANCHOR = new RegExp(PRESET_SOURCE, 'i');

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
    found.add(presetEntryOf(match[0]));
    // Resume one character on, so an anchor that starts inside this match is still seen.
    PRESET_ANCHORS.lastIndex = match.index + 1;
  }
  return rulesOfEntries(found);
}

/**
 * Tests whether secretlint could report something in a file whose anchors
 * occur. Only entries whose stricter text occurs can report, because
 * filter-comments, the one rule that always runs, never reports.
 */
function mayReport(added: AddedText): boolean {
  return confirmedEntriesOf(added).size > 0;
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
      const rules = rulesOfEntries(anchorHitsOf(added).presetEntries);
      if (rules === null || !mayReport(added)) continue;
      // secretlint's debug log (DEBUG=*) prints the path, which may itself hold a credential.
      for (const hit of await lintWithSecretlint(added.text, maskTokens(file.path, file.path.length), rules)) {
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
