import { sha256Hex } from '../util/sha256.js';

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
  const digest = sha256Hex(`${ruleId}\0${path}\0${match.trim()}`);
  return digest.slice(0, 16);
}

/** Returns the hash of a secret value alone, to recognise it in any file. */
export function valueFingerprint(value: string): string {
  return sha256Hex(value.trim()).slice(0, 16);
}

const TOKEN = /[A-Za-z0-9+/_\-.=~]{16,}/g;

/**
 * Masks every long token-like run in free text, for evidence of findings that
 * are not secrets (a `curl -k` line can still carry a credential).
 */
export function maskTokens(text: string, maxLength = 160): string {
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return clipped.replace(TOKEN, (run) => (looksRandom(run) ? redact(run) : run));
}

/**
 * Tells whether a run of token characters looks like a generated value rather
 * than a word, identifier, version or setting: letters and digits mixed, with
 * at least two digits or all three character classes.
 */
function looksRandom(run: string): boolean {
  // Versions, including Go pseudo-versions such as v1.3.2-0.20240101000000-abcdefabcdef, stay readable.
  if (/^v?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.-]+)?$/.test(run)) return false;
  const digits = run.replace(/[^0-9]/g, '').length;
  const letters = run.replace(/[^A-Za-z]/g, '').length;
  if (digits === 0 || letters === 0) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(run)).length;
  return digits >= 2 || classes === 3;
}

const MIN_INFIX_VALUE = 4;
const WORD_CHAR = /[A-Za-z0-9]/;

/**
 * Tests whether a value found at `at` in `text` may be masked there: a value
 * of fewer than MIN_INFIX_VALUE characters only where no letter or digit
 * touches it, so a two-letter password does not shred the words around it.
 */
export function maskableAt(text: string, at: number, length: number): boolean {
  if (length >= MIN_INFIX_VALUE) return true;
  return !WORD_CHAR.test(text[at - 1] ?? '') && !WORD_CHAR.test(text[at + length] ?? '');
}

/**
 * Replaces every occurrence of each known secret value in `text` with its
 * redacted form, whatever the value's length. Occurrences are found in the
 * original text, and overlapping ones are merged, so a short value inside a
 * longer one never leaves part of the longer one readable. A merged stretch
 * shows no leading characters. A value of fewer than MIN_INFIX_VALUE
 * characters is masked only where no letter or digit touches it, so a
 * two-letter password does not shred every word that contains those letters.
 */
export function maskValues(text: string, values: Iterable<string>): string {
  const spans: Array<[number, number]> = [];
  for (const value of values) {
    if (value.length === 0) continue;
    for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
      if (!maskableAt(text, at, value.length)) continue;
      spans.push([at, at + value.length]);
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let masked = '';
  let copied = 0;
  let index = 0;
  while (index < spans.length) {
    const [start] = spans[index]!;
    let [, end] = spans[index]!;
    let merged = false;
    for (index += 1; index < spans.length && spans[index]![0] < end; index += 1) {
      merged = true;
      end = Math.max(end, spans[index]![1]);
    }
    const secret = text.slice(start, end);
    masked += text.slice(copied, start) + (merged ? `…[redacted ${secret.length} chars]` : redact(secret));
    copied = end;
  }
  return masked + text.slice(copied);
}

/**
 * Masks each of `values` in `text`, then shortens the text to `maxLength`
 * and masks generated-looking runs with `maskTokens`. Known values are masked
 * in the whole text before the cut. A piece of a value that any cut (this one
 * or a detector's own) left at either end of the text is masked as well.
 */
export function maskForDisplay(text: string, values: ReadonlySet<string>, maxLength: number): string {
  if (values.size === 0) return maskTokens(text, maxLength);
  // Masking can shorten the text by any amount, so all of it is masked up to a bound that only huge lines reach.
  const head = text.length > MASK_SEARCH_CHARS ? text.slice(0, MASK_SEARCH_CHARS) : text;
  return maskCutValues(maskTokens(maskValues(head, values), maxLength), values);
}

const MASK_SEARCH_CHARS = 64 * 1024;
// A shorter end piece matches too many ordinary words to be worth masking.
const MIN_CUT_PIECE = 4;
// Written as an escape: esbuild keeps regular expression literals as they are,
// and one character outside ASCII makes the launcher decode the whole bundle as UTF-8.
const ELLIPSIS = /(?:\u2026|\.\.\.)$/;

/**
 * Masks the part of a known value that a cut left at the end of `text`
 * (before a trailing ellipsis) or at its start: text cut short by a
 * detector or a display limit shows no more than `redact` would.
 */
export function maskCutValues(text: string, values: Iterable<string>): string {
  const ellipsis = ELLIPSIS.exec(text)?.[0] ?? '';
  let body = text.slice(0, text.length - ellipsis.length);
  let end = 0;
  let start = 0;
  for (const value of values) {
    if (value.length <= MIN_CUT_PIECE) continue;
    // The end piece starts where the value's first character appears in the body's last value.length - 1 characters.
    for (let at = body.indexOf(value[0]!, Math.max(0, body.length - value.length + 1)); at !== -1; at = body.indexOf(value[0]!, at + 1)) {
      const length = body.length - at;
      if (length < MIN_CUT_PIECE || length <= end) break;
      if (value.startsWith(body.slice(at))) {
        end = length;
        break;
      }
    }
    // The start piece is a suffix of the value that begins with the body's first character.
    for (let at = value.indexOf(body[0] ?? '', 1); at !== -1 && body.length > 0; at = value.indexOf(body[0]!, at + 1)) {
      const length = value.length - at;
      if (length < MIN_CUT_PIECE || length <= start) break;
      if (length <= body.length && body.startsWith(value.slice(at))) {
        start = length;
        break;
      }
    }
  }
  if (end === 0 && start === 0) return text;
  if (start + end > body.length) start = 0;
  if (end > 0) body = body.slice(0, body.length - end) + redact(body.slice(body.length - end));
  if (start > 0) body = redact(body.slice(0, start)) + body.slice(start);
  return body + ellipsis;
}
