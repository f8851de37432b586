import { createHash } from 'node:crypto';

/**
 * Returns a redacted view of a secret: up to four leading characters of a
 * value of 16 or more characters, none of a shorter one, then its length.
 * Never returns the value itself.
 */
export function redact(value: string): string {
  const trimmed = value.trim();
  const shown = trimmed.length >= 16 ? 4 : 0;
  const prefix = [...trimmed].slice(0, shown).join('').replace(/[^\x21-\x7e]/g, '?');
  return `${prefix}…[redacted ${trimmed.length} chars]`;
}

/**
 * Returns a stable fingerprint for a finding: it depends on rule, path and
 * matched content, not on line numbers or commit ids, so it survives rebases
 * and lines inserted above the finding.
 */
export function fingerprintOf(ruleId: string, path: string, match: string): string {
  const digest = createHash('sha256').update(`${ruleId}\0${path}\0${match.trim()}`).digest('hex');
  return digest.slice(0, 16);
}

/** Returns the hash of a secret value alone, to recognise it in any file. */
export function valueFingerprint(value: string): string {
  return createHash('sha256').update(value.trim()).digest('hex').slice(0, 16);
}

const TOKEN = /[A-Za-z0-9+/_\-.=~]{16,}/g;

/**
 * Masks every long token-like run in free text, for evidence of findings that
 * are not secrets (a `curl -k` line can still carry a credential).
 */
export function maskTokens(text: string, maxLength = 160): string {
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return clipped.replace(TOKEN, (run) => {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(run)).length;
    if (classes < 2 || /^[a-z._/-]+$/i.test(run)) return run;
    return redact(run);
  });
}
