// A small reader for the block structure of Terraform HCL: enough to find
// `resource`, `ingress` or `statement` blocks and their attributes with line
// numbers. Expressions are kept as text, and the caller reads what it needs.
import { maskStrings } from './support.js';

export interface HclAttribute {
  /** The value expression as written, joined across lines for multi-line lists. */
  value: string;
  line: number;
}

export interface HclBlock {
  /** Block type and labels, such as ['resource', 'aws_security_group', 'web']. */
  header: string[];
  startLine: number;
  endLine: number;
  attributes: Map<string, HclAttribute>;
  children: HclBlock[];
  parent: HclBlock | null;
}

const BLOCK_START = /^\s*([\w-]+)((?:\s+"[^"]*"|\s+[\w-]+)*)\s*\{\s*$/;
const ATTRIBUTE = /^\s*([\w-]+)\s*=\s*(.*)$/;

function bracketBalance(masked: string): number {
  let balance = 0;
  for (const char of masked) {
    if (char === '[' || char === '(' || char === '{') balance += 1;
    else if (char === ']' || char === ')' || char === '}') balance -= 1;
  }
  return balance;
}

/** Parses HCL text into a tree of blocks under a synthetic root block. */
export function parseHcl(text: string): HclBlock {
  const root: HclBlock = {
    header: [],
    startLine: 0,
    endLine: 0,
    attributes: new Map(),
    children: [],
    parent: null,
  };
  const lines = text.split('\n');
  let current = root;
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index]!;
    const masked = maskStrings(raw);
    const comment = masked.search(/#|\/\//);
    const code = comment === -1 ? masked : masked.slice(0, comment);
    const start = BLOCK_START.exec(code);
    if (start) {
      const labels = raw.slice(raw.indexOf(start[1]!) + start[1]!.length, raw.lastIndexOf('{'));
      const header = [
        start[1]!,
        ...[...labels.matchAll(/"([^"]*)"|([\w-]+)/g)].map((m) => m[1] ?? m[2]!),
      ];
      const block: HclBlock = {
        header,
        startLine: index + 1,
        endLine: 0,
        attributes: new Map(),
        children: [],
        parent: current,
      };
      current.children.push(block);
      current = block;
      continue;
    }
    if (/^\s*\}\s*$/.test(code)) {
      current.endLine = index + 1;
      current = current.parent ?? root;
      continue;
    }
    const attribute = ATTRIBUTE.exec(code);
    if (!attribute) continue;
    const line = index + 1;
    const valueStart = raw.indexOf('=', raw.indexOf(attribute[1]!)) + 1;
    let value = raw.slice(valueStart).trim();
    const heredoc = /^<<-?\s*(\w+)\s*$/.exec(value);
    if (heredoc) {
      // Keep heredoc bodies (inline JSON policies) whole, one line per source line.
      const body: string[] = [];
      for (index += 1; index < lines.length && lines[index]!.trim() !== heredoc[1]; index += 1)
        body.push(lines[index]!);
      value = `<<${body.join('\n')}`;
    } else {
      let balance = bracketBalance(maskStrings(value));
      while (balance > 0 && index + 1 < lines.length) {
        index += 1;
        value += ` ${lines[index]!.trim()}`;
        balance += bracketBalance(maskStrings(lines[index]!));
      }
    }
    current.attributes.set(attribute[1]!, { value, line });
  }
  return root;
}

/** Visits every block of the tree, depth first. */
export function eachBlock(root: HclBlock, visit: (block: HclBlock) => void): void {
  for (const block of root.children) {
    visit(block);
    eachBlock(block, visit);
  }
}

/** Returns the string literals of an attribute value (`"a"` or `["a", "b"]`). */
export function hclStrings(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}
