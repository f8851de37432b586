import type { DiffLine } from '../../model/types.js';
import { credentialNameKind, type NameKind } from './credential-names.js';
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
const CREDENTIAL_HINT = /pass|pwd|pw|secret|token|key|cred|auth|pat|bearer/i;
const BLOCK_SCALAR = /^(?:[|>][+-]?\d*)?$/;
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
 * Finds literal values given to names in added lines. A name whose value is
 * empty on its line takes the value at the start of the next added line of
 * the same run, so `secret =` followed by `'…'` is read as one assignment;
 * a context or removed line in between ends the run and prevents the join.
 */
export function findAssignments(
  run: readonly DiffLine[],
  kind: FileKind,
  options: { credentialNamesOnly?: boolean } = {},
): Assignment[] {
  const found: Assignment[] = [];
  let pending: { name: string; kind: NameKind | null; line: number } | null = null;
  for (const line of run) {
    const text = line.text.length > 1 << 20 ? line.text.slice(0, 1 << 20) : line.text;
    if (pending) {
      const start = text.length - text.trimStart().length;
      const value = readValue(text, start, kind !== 'code' && kind !== 'docs');
      if (value && value.value.length > 0) {
        found.push({ ...pending, value: value.value, line: line.line, nameLine: pending.line, quoted: value.quoted });
      }
      pending = null;
    }
    if (options.credentialNamesOnly && !CREDENTIAL_HINT.test(text)) continue;
    for (const match of text.matchAll(NAME_THEN_OPERATOR)) {
      const [whole, , rawName, operator] = match;
      if (operator === '>' && (match.index === 0 || text[match.index - 1] !== '<')) continue;
      const name = rawName!.replace(/^\w+\[["']|["']\]$/g, '');
      const nameKind = credentialNameKind(name);
      const valueStart = match.index + whole.length;
      if (options.credentialNamesOnly && !nameKind) continue;
      const value = readValue(text, valueStart, bareAllowed(kind, text, name, match.index, operator!));
      if (!value || value.value.length === 0 || (!value.quoted && BLOCK_SCALAR.test(value.value))) {
        const rest = text.slice(valueStart).trim();
        if (nameKind && (BLOCK_SCALAR.test(rest) || rest === '(')) pending = { name, kind: nameKind, line: line.line };
        continue;
      }
      found.push({ name, kind: nameKind, value: value.value, line: line.line, nameLine: line.line, quoted: value.quoted });
    }
  }
  return found;
}
