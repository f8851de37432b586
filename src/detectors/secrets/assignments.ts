import type { DiffLine } from '../../model/types.js';
import { addedTextOf, lineIndexAt } from './added-text.js';
import { anchorHitsOf, CREDENTIAL_HINT_WORDS } from './anchor-scan.js';
import { CREDENTIAL_WORDS, credentialNameKind, type NameKind } from './credential-names.js';
import type { FileKind } from './file-kind.js';
import { MAX_VALUE_LENGTH } from './values.js';

/** A literal value given to a name, found in one added line (or the line after its name). */
export interface Assignment {
  name: string;
  kind: NameKind | null;
  value: string;
  /** Line of the value. */
  line: number;
  /** Line of the name, when the value sits on the next line. */
  nameLine: number;
  quoted: boolean;
}

// A name, optionally quoted, then an assignment, mapping or comparison operator.
// `--name=` (command-line options) and `<name>` (XML elements) are handled too.
const NAME_THEN_OPERATOR =
  /(?<![A-Za-z0-9_$])(["'`]?)([A-Za-z_$][A-Za-z0-9_.$-]{0,80}|[A-Za-z_]+\[["'][A-Za-z0-9_.-]{1,80}["']\])\1[ \t]*(:=|=>|===?|\?\?=|\|\|=|=|:|<-|>)[ \t]*/g;
// Every credential name contains one of these fragments, so a line without any is skipped cheaply.
const CREDENTIAL_HINT = new RegExp(CREDENTIAL_HINT_WORDS.join('|'), 'i');
const BLOCK_SCALAR = /^(?:[|>][+-]?\d*)?$/;
// The letter of a `\n` or `\r` escape, followed by the start of a name.
const ESCAPE_LETTER = /^[nr][A-Za-z_$]/;
const ESCAPED_LINE_END = /^\\[nr]/;
// A bare word ending in a colon (`Authorization:`) is the key of the next entry, not a value.
const KEY_OF_NEXT_LINE = /^[A-Za-z_][\w.-]{0,80}:$/;
const CONCAT = /^[ \t]*(?:(?:\+|\.\.?|&|\|\|)[ \t]*)?(?=[bruf@]?["'`])/i;

interface Literal {
  value: string;
  end: number;
}

// NOTE: concatenation that continues on the next line (`'abc' +` then `'def'`) is not joined.
/** Reads a quoted literal at `start`, following `+`, `.`, `..` or juxtaposed concatenation on the same line. */
function readQuoted(text: string, start: number): Literal | null {
  let value = '';
  let position = start;
  for (let parts = 0; parts < 16; parts += 1) {
    const prefix = /^[bruf@]?/i.exec(text.slice(position, position + 1))![0];
    const quote = text[position + prefix.length];
    if (quote !== '"' && quote !== "'" && quote !== '`') break;
    let i = position + prefix.length + 1;
    let part = '';
    while (i < text.length && text[i] !== quote && part.length <= MAX_VALUE_LENGTH) {
      if (text[i] === '\\' && i + 1 < text.length) {
        part += text[i + 1] === quote || text[i + 1] === '\\' ? text[i + 1] : text.slice(i, i + 2);
        i += 2;
        continue;
      }
      part += text[i];
      i += 1;
    }
    if (text[i] !== quote) return parts === 0 ? null : { value, end: position };
    // An interpolated template literal is an expression, not a literal.
    if (quote === '`' && part.includes('${')) return null;
    value += part;
    position = i + 1;
    const joint = CONCAT.exec(text.slice(position, position + 8));
    if (!joint) break;
    position += joint[0].length;
  }
  return value === '' && position === start ? null : { value, end: position };
}

function readBare(text: string, start: number): Literal | null {
  const match = /^[^\s'"`;,&<]{1,4096}/.exec(text.slice(start, start + MAX_VALUE_LENGTH));
  if (!match) return null;
  let value = match[0];
  // A closing bracket of a flow mapping or a call is not part of a value that never opened one.
  while (/[)}\]]$/.test(value) && !/[({[]/.test(value)) value = value.slice(0, -1);
  return { value, end: start + value.length };
}

function readValue(text: string, start: number, acceptBare: boolean): (Literal & { quoted: boolean }) | null {
  const quoted = readQuoted(text, start);
  if (quoted) return { ...quoted, quoted: true };
  if (!acceptBare) return null;
  const bare = readBare(text, start);
  return bare ? { ...bare, quoted: false } : null;
}

// Keys of ADO.NET, JDBC and Azure connection strings that hold a credential.
const CONNECTION_STRING_KEY = /^(?:password|pwd|passwd|accountkey|sharedaccesskey)$/i;

/**
 * Tests whether an unquoted value may be a literal here. In config files it
 * always may. In code and documentation, whose examples are mostly code, it may
 * only as a `Password=x;` member of a connection string inside a string literal.
 */
function bareAllowed(kind: FileKind, text: string, name: string, nameStart: number, operator: string): boolean {
  const codeLike = kind === 'code' || kind === 'docs';
  if (operator === '>') return !codeLike;
  if (operator === '<-' || operator.startsWith('==')) return false;
  if (!codeLike) return true;
  return operator === '=' && CONNECTION_STRING_KEY.test(name) && /[;"'`]\s*$/.test(text.slice(Math.max(0, nameStart - 2), nameStart));
}

/**
 * Returns the lines that contain a fragment of a credential name, each with
 * the offsets of those fragments, found with one search of the joined text.
 */
export function credentialHints(lines: readonly DiffLine[]): Map<DiffLine, number[]> {
  const added = addedTextOf(lines);
  const hints = new Map<DiffLine, number[]>();
  for (const offset of anchorHitsOf(added).hintOffsets) {
    const index = lineIndexAt(added, offset);
    const line = lines[index]!;
    const offsets = hints.get(line) ?? [];
    offsets.push(offset - added.starts[index]!);
    hints.set(line, offsets);
  }
  return hints;
}

// For each hint, the characters that follow it inside some credential word.
const FOLLOWERS = new Map(
  CREDENTIAL_HINT_WORDS.map((hint) => {
    const followers = new Set<string>();
    for (const word of CREDENTIAL_WORDS) {
      for (let at = word.indexOf(hint); at !== -1; at = word.indexOf(hint, at + 1)) {
        const next = word[at + hint.length];
        if (next !== undefined) followers.add(next);
      }
    }
    return [hint, followers];
  }),
);
const WORD_CONTINUES = /^[a-z0-9]$/;

/**
 * Tests whether the hint at `offset` of a line may lie in the credential word
 * of a name. A lower-case letter or a digit after the hint continues the word
 * that contains the hint's last character, because nameWords splits only before
 * an upper-case letter and at punctuation. So `path`, `keys`, `tokens` and
 * `author` hold no credential word there, while `pat`, `key`, `passwd` and
 * `authToken` may. Every credential word contains a hint, so dropping the
 * others loses no name that credentialNameKind accepts.
 */
export function mayLieInCredentialWord(text: string, offset: number): boolean {
  for (const hint of CREDENTIAL_HINT_WORDS) {
    if (!startsWithIgnoringCase(text, offset, hint)) continue;
    const end = offset + hint.length;
    // findAssignments cuts lines at 1 MiB, where a word ends.
    if (end >= Math.min(text.length, 1 << 20)) return true;
    const next = text[end]!;
    if (!WORD_CONTINUES.test(next) || FOLLOWERS.get(hint)!.has(next)) return true;
  }
  return false;
}

/** Tests whether `text` has the lower-case letters of `word` at `offset`, in either case. */
function startsWithIgnoringCase(text: string, offset: number, word: string): boolean {
  if (offset + word.length > text.length) return false;
  for (let i = 0; i < word.length; i += 1) {
    // Setting bit 0x20 lowers an ASCII upper-case letter, keeps a lower-case one and makes no other character a letter.
    if ((text.charCodeAt(offset + i) | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Returns credentialHints without the hints that cannot lie in a credential
 * word, and without the lines left with none, together with the indexes in
 * `lines` of the lines kept, in rising order. findAssignments with
 * `credentialNamesOnly` finds the same assignments with either set of hints.
 */
export function credentialWordHints(lines: readonly DiffLine[]): { hints: Map<DiffLine, number[]>; indexes: number[] } {
  const added = addedTextOf(lines);
  const hints = new Map<DiffLine, number[]>();
  const indexes: number[] = [];
  // The line of the last hint, where it starts and ends in the joined text, and its kept offsets.
  let line: DiffLine | undefined;
  let lineIndex = 0;
  let lineStart = 0;
  let lineEnd = 0;
  let offsets: number[] | null = null;
  for (const offset of anchorHitsOf(added).hintOffsets) {
    // The offsets rise, so a hint before `lineEnd` is on the line of the one before.
    if (offset >= lineEnd) {
      lineIndex = lineIndexAt(added, offset);
      line = lines[lineIndex]!;
      lineStart = added.starts[lineIndex]!;
      lineEnd = added.starts[lineIndex + 1] ?? Infinity;
      offsets = null;
    }
    if (!mayLieInCredentialWord(line!.text, offset - lineStart)) continue;
    if (offsets === null) {
      offsets = [];
      hints.set(line!, offsets);
      indexes.push(lineIndex);
    }
    offsets.push(offset - lineStart);
  }
  return { hints, indexes };
}

// Characters that NAME_THEN_OPERATOR can match: name characters, quotes,
// brackets, blanks and operator characters. Any other character ends every
// match before it, so a scan of the whole line and a scan that starts just
// after such a character find the same matches from there on.
const IN_MATCH = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$-"\'`[] \t:=><?|') {
  IN_MATCH[ch.charCodeAt(0)] = 1;
}
const NAME_SCAN = new RegExp(NAME_THEN_OPERATOR.source, 'g');

function inMatch(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code < 128 && IN_MATCH[code] === 1;
}

/**
 * Returns the NAME_THEN_OPERATOR matches of the stretches of a line that hold
 * a hint offset. Only the stretches between characters that no match can hold
 * are scanned, which keeps a minified line with one hint cheap. A stretch
 * without an operator character after its first hint is not scanned: every
 * match ends in an operator, so no match there contains a hint, and a name
 * without a hint is never a credential name.
 */
export function matchesAroundHints(text: string, offsets: readonly number[]): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let scannedTo = 0;
  for (const offset of offsets) {
    if (offset < scannedTo) continue;
    let end = offset;
    let operator = false;
    for (; end < text.length && inMatch(text, end); end += 1) {
      const code = text.charCodeAt(end);
      // `:`, `<`, `=` and `>`: each operator NAME_THEN_OPERATOR accepts contains one of them.
      if (code === 58 || (code >= 60 && code <= 62)) operator = true;
    }
    scannedTo = end;
    if (!operator) continue;
    let start = offset;
    while (start > 0 && inMatch(text, start - 1)) start -= 1;
    NAME_SCAN.lastIndex = start;
    for (let match = NAME_SCAN.exec(text); match !== null; match = NAME_SCAN.exec(text)) {
      if (match.index >= end) break;
      found.push(match);
    }
  }
  return found;
}

/**
 * Finds literal values given to names in added lines. A name whose value is
 * empty on its line takes the value at the start of the next added line of
 * the same run, so `secret =` followed by `'…'` is read as one assignment;
 * a context or removed line in between ends the run and prevents the join.
 * With `credentialNamesOnly`, `hints` may pass the result of credentialHints
 * for the run's lines. Lines without hints are then read only as the value of
 * a name on the line before, and only the names around each hint are read.
 * `positions`, when given with `hints`, lists in rising order the indexes in
 * `run` of the lines that have hints, so the lines between are skipped
 * without looking them up.
 */
export function findAssignments(
  run: readonly DiffLine[],
  kind: FileKind,
  options: { credentialNamesOnly?: boolean; hints?: ReadonlyMap<DiffLine, number[]>; positions?: readonly number[] } = {},
): Assignment[] {
  const found: Assignment[] = [];
  let pending: { name: string; kind: NameKind | null; line: number } | null = null;
  const hints = options.credentialNamesOnly ? options.hints : undefined;
  const positions = hints ? options.positions : undefined;
  let nextPosition = 0;
  for (let index = 0; index < run.length; index += 1) {
    if (pending === null && positions) {
      while (nextPosition < positions.length && positions[nextPosition]! < index) nextPosition += 1;
      if (nextPosition === positions.length) break;
      index = positions[nextPosition]!;
    }
    const line = run[index]!;
    const offsets = hints?.get(line);
    if (pending === null && hints && !offsets) continue;
    const text = line.text.length > 1 << 20 ? line.text.slice(0, 1 << 20) : line.text;
    if (pending) {
      const start = text.length - text.trimStart().length;
      const value = readValue(text, start, kind !== 'code' && kind !== 'docs');
      if (value && value.value.length > 0 && !(value.quoted === false && KEY_OF_NEXT_LINE.test(value.value))) {
        found.push({ ...pending, value: value.value, line: line.line, nameLine: pending.line, quoted: value.quoted });
      }
      pending = null;
    }
    // The offsets are those of the whole line, so a cut line is searched again.
    const around = offsets && text === line.text ? offsets : null;
    if (options.credentialNamesOnly && !around && !CREDENTIAL_HINT.test(text)) continue;
    const matches = around ? matchesAroundHints(text, around) : text.matchAll(NAME_THEN_OPERATOR);
    for (const match of matches) {
      const [whole, quote, rawName, operator] = match;
      const element = operator === '>';
      if (element && (match.index === 0 || text[match.index - 1] !== '<')) continue;
      const valueStart = match.index + whole.length;
      // Inside a string with escaped line ends (`"HOST=db\nDB_PASSWORD=…"`), a name right after
      // `\n` or `\r` starts with the escape's letter. When such a name, or one that continues a
      // base64 run after `+` or `/`, is followed by another escaped line end, its value is empty:
      // that is how the base64 tail of a PEM key in JSON reads (`…\nbm90IGEgc2VjcmV0=\n-----END`).
      const before = text[match.index + quote!.length - 1];
      const escaped = before === '\\' && ESCAPE_LETTER.test(rawName!);
      if ((escaped || before === '+' || before === '/') && ESCAPED_LINE_END.test(text.slice(valueStart, valueStart + 2))) continue;
      const name = (escaped ? rawName!.slice(1) : rawName!).replace(/^\w+\[["']|["']\]$/g, '');
      const nameKind = credentialNameKind(name);
      if (options.credentialNamesOnly && !nameKind) continue;
      const value = readValue(text, valueStart, bareAllowed(kind, text, name, match.index, operator!));
      if (!value || value.value.length === 0 || (!value.quoted && BLOCK_SCALAR.test(value.value))) {
        const rest = text.slice(valueStart).trim();
        // Only a start tag alone on its line has its text on the next line: `token <your-token>` is a placeholder.
        const mayContinue = element ? text.slice(0, match.index - 1).trim() === '' : true;
        if (nameKind && mayContinue && (BLOCK_SCALAR.test(rest) || rest === '(')) {
          pending = { name, kind: nameKind, line: line.line };
        }
        continue;
      }
      // An element's text ends at its end tag. Without one, `<token> abc` is prose or a placeholder.
      if (element && !text.startsWith('</', value.end)) continue;
      found.push({ name, kind: nameKind, value: value.value, line: line.line, nameLine: line.line, quoted: value.quoted });
    }
  }
  return found;
}
