// Reads YAML (and JSON, which the YAML parser accepts) into node trees that
// keep source positions, so structural rules can compare old and new values
// and report the line a value sits on.
import type { Node, LineCounter } from 'yaml';
import { newLineCounter, isMap, isScalar, isSeq, parseAllDocuments } from '../../util/yaml.js';

/** One entry of a mapping or sequence, reached by a path of keys and item names. */
export interface TreeEntry {
  /** Keys from the document root; sequence items are named by their `name` field or index. */
  path: string[];
  /** The key's text, or the index for a sequence item. */
  key: string;
  value: Node | null;
  /** 1-based line of the key (or of the item for sequence items). */
  line: number;
  /** The mapping that contains this entry, for reading siblings. */
  parent: Node;
}

export interface ParsedYaml {
  roots: Node[];
  lineOf(node: Node | null | undefined): number;
}

/**
 * Parses every document of a YAML stream. Documents with syntax errors (such
 * as Helm templates) are dropped, so a rule reads only what parsed cleanly.
 */
export function parseYaml(text: string | null): ParsedYaml {
  const lineCounter = newLineCounter();
  const roots: Node[] = [];
  if (text !== null) {
    for (const doc of parseAllDocuments(text, { lineCounter, uniqueKeys: false })) {
      if (doc.errors.length === 0 && doc.contents !== null) roots.push(doc.contents as Node);
    }
  }
  return {
    roots,
    lineOf: (node) => (node?.range ? lineCounter.linePos(node.range[0]).line : 0),
  };
}

/** Returns the plain value of a scalar node, or undefined for anything else. */
export function scalarOf(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** Returns the value node under `key` of a mapping node. */
export function child(node: unknown, key: string): Node | null {
  if (!isMap(node)) return null;
  for (const pair of node.items) {
    if (String(scalarOf(pair.key)) === key) return (pair.value as Node | null) ?? null;
  }
  return null;
}

/** Visits every mapping entry and sequence item under `root`, depth first. */
export function walkTree(
  parsed: ParsedYaml,
  root: Node,
  visit: (entry: TreeEntry) => void,
  path: string[] = [],
): void {
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = String(scalarOf(pair.key) ?? '');
      const value = (pair.value as Node | null) ?? null;
      visit({ path, key, value, line: parsed.lineOf(pair.key as Node), parent: root });
      if (value) walkTree(parsed, value, visit, [...path, key]);
    }
  } else if (isSeq(root)) {
    root.items.forEach((item, index) => {
      const name = scalarOf(child(item, 'name')) ?? scalarOf(child(item, 'Sid'));
      const key = name === undefined ? String(index) : String(name);
      visit({ path, key, value: item as Node, line: parsed.lineOf(item as Node), parent: root });
      walkTree(parsed, item as Node, visit, [...path, key]);
    });
  }
}

/** Returns the strings of a scalar or a sequence of scalars. */
export function stringsOf(node: unknown): string[] {
  if (isSeq(node))
    return node.items
      .map((item) => scalarOf(item))
      .filter((v) => v !== undefined)
      .map(String);
  const value = scalarOf(node);
  return value === undefined || value === null ? [] : [String(value)];
}
