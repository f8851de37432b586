import { maskTokens } from '../engine/redact.js';
import type { ErrorObject } from 'ajv';
import type { Document, Node, LineCounter } from 'yaml';
import { isMap, isScalar, isSeq, newLineCounter, parseDocument } from '../util/yaml.js';
import { ConfigError } from '../errors.js';
import { packValidator } from './generated/pack-validator.js';
import type { PackDocument } from './types.js';

/**
 * Parses and validates one pack or config file. Raises a ConfigError naming the
 * file, the line, the field and what is allowed there.
 */
export function parsePack(text: string, display: string): PackDocument {
  // The yaml package accepts NUL bytes, so a binary file could parse as one long string.
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const before = text.slice(0, nul).split('\n');
    const position = `${before.length}:${before.at(-1)!.length + 1}`;
    throw new ConfigError(`${display}:${position}: contains a NUL byte, so the file is binary, not a YAML pack`);
  }
  const lineCounter = newLineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const pos = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(`${display}:${pos.line}:${pos.col}: invalid YAML: ${yamlReason(first.message)}`);
  }
  keepFingerprintsAsWritten(doc);
  let data: unknown;
  try {
    // The alias limit stops "billion laughs" documents from expanding without bound.
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ConfigError(`${display}:1:1: invalid YAML: ${yamlReason((error as Error).message)}`);
  }
  const validatePack = packValidator();
  if (!validatePack(data)) {
    const errors = validatePack.errors ?? [];
    const lines = pickErrors(errors).map((error) => describeSchemaError(error, doc, lineCounter, display));
    throw new ConfigError(lines.join('\n'));
  }
  checkPatterns(data as PackDocument, doc, lineCounter, display);
  checkGlobs(data as PackDocument, doc, lineCounter, display);
  return data as PackDocument;
}

/**
 * Returns the reason of a yaml parse error without the position suffix and
 * source excerpt that the package's pretty messages add. Callers print the
 * position themselves, and the excerpt can contain a credential.
 */
export function yamlReason(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

/** Formats a yaml package parse error as `FILE:LINE:COL: invalid YAML: REASON`. */
export function describeYamlError(error: unknown, display: string): string {
  const pos = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0] ?? { line: 1, col: 1 };
  return `${display}:${pos.line}:${pos.col}: invalid YAML: ${yamlReason((error as Error).message)}`;
}

/**
 * Keeps each `acknowledged` fingerprint written without quotes as its text.
 * YAML reads one made of digits alone (about 1 in 2,000) as a number, which
 * drops leading zeros and fails the schema's string type.
 */
function keepFingerprintsAsWritten(doc: Document): void {
  const list = doc.get('acknowledged', true);
  if (!isSeq(list)) return;
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const node = item.get('fingerprint', true);
    if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string') node.value = node.source;
  }
}

/**
 * Returns why a pattern could backtrack for a long time, or null. These
 * patterns come from the repository and run on names the pusher chooses, so a
 * repeated group (such as (a|a)*) and more than three unbounded quantifiers
 * (a*a*a*a*b) are rejected outright.
 */
function backtrackingRisk(source: string): string | null {
  if (/\)[*+{]/.test(source.replace(/\\./g, ''))) {
    return 'a repeated group can backtrack without bound; repeat single characters or classes instead';
  }
  const unbounded = (source.replace(/\\./g, '').match(/[*+]|\{\d+,\}/g) ?? []).length;
  if (unbounded > 3) return `${unbounded} unbounded quantifiers can backtrack for a long time; use at most 3`;
  return null;
}

/** Rejects path globs with so many wildcards that matching a long path backtracks for a long time. */
function checkGlobs(pack: PackDocument, doc: Document, lineCounter: LineCounter, display: string): void {
  (pack.rules ?? []).forEach((rule, index) => {
    (rule.paths ?? []).forEach((glob, pathIndex) => {
      const stars = glob.replace(/\*\*/g, '').split('*').length - 1;
      if (stars <= 4 && glob.length <= 1024) return;
      const node = nodeAt(doc, ['rules', String(index), 'paths', String(pathIndex)]);
      const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
      throw new ConfigError(
        `${display}:${pos.line}:${pos.col}: /rules/${index}/paths/${pathIndex} has too many wildcards (at most 4 single * and 1,024 characters)`,
      );
    });
  });
}

/** Rejects agent matchers whose regular expressions do not compile. */
function checkPatterns(pack: PackDocument, doc: Document, lineCounter: LineCounter, display: string): void {
  (pack.agents ?? []).forEach((matcher, index) => {
    for (const field of ['trailer', 'author', 'committer'] as const) {
      const source = matcher[field];
      if (source === undefined) continue;
      // A quantified group that contains a quantifier, such as (a+)+, can backtrack
      // exponentially, and these patterns run on author names the pusher chooses.
      const problem = backtrackingRisk(source);
      try {
        if (problem) throw new Error(problem);
        new RegExp(source, 'i');
      } catch (error) {
        const node = nodeAt(doc, ['agents', String(index), field]);
        const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
        const reason = (error as Error).message.replace(/^Invalid regular expression: /, '');
        throw new ConfigError(`${display}:${pos.line}:${pos.col}: /agents/${index}/${field} is not a valid regular expression (${reason})`);
      }
    }
  });
}

// ajv reports every failed branch of an anyOf; the most specific error is the useful one.
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, 5);
}

function describeSchemaError(error: ErrorObject, doc: Document, lineCounter: LineCounter, display: string): string {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const where = error.instancePath || '/';
  let node = nodeAt(doc, segments);
  let detail: string;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      node = keyNode(node, field) ?? node;
      // ConfigError masks a credential used as the key and keeps the rest of the pointer readable.
      detail = `${joinPointer(where, field)} is not a known field (allowed: ${allowedKeys(error).join(', ')})`;
      break;
    }
    case 'enum':
      detail = `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${describeValue(node)})`;
      break;
    case 'required':
      detail = `${where} is missing the required field "${String(params.missingProperty)}"`;
      break;
    case 'type':
      detail = `${where} must be ${String(params.type)} (got ${describeValue(node)})`;
      break;
    case 'pattern':
      detail = `${where} must match ${String(params.pattern)} (got ${describeValue(node)})`;
      break;
    default:
      detail = `${where} ${error.message ?? 'is invalid'}`;
  }
  const offset = node?.range?.[0];
  const pos = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
  return `${display}:${pos.line}:${pos.col}: ${detail}`;
}

function allowedKeys(error: ErrorObject): string[] {
  const schema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(schema?.properties ?? {}).filter((key) => key !== '$schema');
}

function nodeAt(doc: Document, segments: string[]): Node | null {
  const path = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return (node as Node | undefined) ?? null;
}

function keyNode(node: Node | null, key: string): Node | null {
  if (!node || !isMap(node)) return null;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair.key as Node;
  }
  return null;
}

function describeValue(node: Node | null): string {
  if (!node) return 'nothing';
  // Config values can be credentials pasted in the wrong place; generated-looking ones are masked.
  if (isScalar(node)) return maskTokens(JSON.stringify(node.value), 200);
  return isMap(node) ? 'a mapping' : 'a list';
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function joinPointer(base: string, field: string): string {
  return `${base === '/' ? '' : base}/${field}`;
}
