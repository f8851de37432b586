// Reads IAM policy statements from JSON and YAML documents (IAM, bucket
// policies, CloudFormation, Terraform JSON), from JSON policies embedded as
// strings or heredocs, and from Terraform `aws_iam_policy_document` blocks.
import type { Node } from 'yaml';
import { isMap, isSeq } from '../../util/yaml.js';
import { isJson, isTerraform, isYaml } from '../file-kind.js';
import { eachBlock, hclStrings, parseHcl } from './hcl-blocks.js';
import { parseYaml, scalarOf, stringsOf, walkTree, type ParsedYaml } from './yaml-tree.js';

export interface PolicyStatement {
  effect: string;
  actions: string[];
  notActions: string[] | null;
  resources: string[];
  notResources: string[] | null;
  principals: string[];
  hasCondition: boolean;
  /** Lines of the Action (or NotAction), Resource and Principal keys, or the statement line when a key is absent. */
  actionLine: number;
  resourceLine: number;
  principalLine: number;
}

function principalsOf(node: unknown): string[] {
  if (isMap(node)) return node.items.flatMap((pair) => stringsOf(pair.value));
  return stringsOf(node);
}

function statementOf(
  parsed: ParsedYaml,
  node: Node,
  lineOffset: number,
  fixedLine: number | null,
): PolicyStatement | null {
  if (!isMap(node)) return null;
  const values = new Map<string, { node: unknown; line: number }>();
  for (const pair of node.items) {
    const key = String(scalarOf(pair.key) ?? '');
    const line = fixedLine ?? parsed.lineOf(pair.key as Node) + lineOffset;
    values.set(key, { node: pair.value, line });
  }
  if (!values.has('Effect')) return null;
  const statementLine = fixedLine ?? parsed.lineOf(node) + lineOffset;
  const lineOf = (...keys: string[]): number =>
    keys.map((k) => values.get(k)?.line).find((l) => l !== undefined) ?? statementLine;
  return {
    effect: String(scalarOf(values.get('Effect')?.node) ?? ''),
    actions: stringsOf(values.get('Action')?.node),
    notActions: values.has('NotAction') ? stringsOf(values.get('NotAction')!.node) : null,
    resources: stringsOf(values.get('Resource')?.node),
    notResources: values.has('NotResource') ? stringsOf(values.get('NotResource')!.node) : null,
    principals: principalsOf(values.get('Principal')?.node),
    hasCondition: values.has('Condition'),
    actionLine: lineOf('NotAction', 'Action'),
    resourceLine: lineOf('Resource', 'NotResource'),
    principalLine: lineOf('Principal'),
  };
}

/** Statements of a parsed document tree, including JSON policies held in string values. */
function statementsOfTree(
  parsed: ParsedYaml,
  lineOffset: number,
  fixedLine: number | null,
  depth = 0,
): PolicyStatement[] {
  const found: PolicyStatement[] = [];
  for (const root of parsed.roots) {
    walkTree(parsed, root, (entry) => {
      if (entry.key === 'Statement' && entry.value) {
        const items = isSeq(entry.value) ? (entry.value.items as Node[]) : [entry.value];
        for (const item of items) {
          const statement = statementOf(parsed, item, lineOffset, fixedLine);
          if (statement) found.push(statement);
        }
      }
      const text = scalarOf(entry.value);
      if (depth === 0 && typeof text === 'string' && text.includes('"Statement"')) {
        // An embedded policy string: every finding points at the line of the string.
        found.push(...statementsOfTree(parseYaml(text), 0, entry.line + lineOffset, depth + 1));
      }
    });
  }
  return found;
}

// NOTE: policies built with jsonencode({ ... }) in HCL are not read, only heredocs and policy documents.
function statementsOfHcl(text: string): PolicyStatement[] {
  const found: PolicyStatement[] = [];
  eachBlock(parseHcl(text), (block) => {
    for (const attribute of block.attributes.values()) {
      if (attribute.value.startsWith('<<') && attribute.value.includes('"Statement"')) {
        found.push(...statementsOfTree(parseYaml(attribute.value.slice(2)), attribute.line, null));
      }
    }
    if (block.header[0] !== 'statement') return;
    const attr = (name: string) => block.attributes.get(name);
    const principals = block.children
      .filter((c) => c.header[0] === 'principals')
      .flatMap((c) => hclStrings(c.attributes.get('identifiers')?.value));
    found.push({
      effect: hclStrings(attr('effect')?.value)[0] ?? 'Allow',
      actions: hclStrings(attr('actions')?.value),
      notActions: attr('not_actions') ? hclStrings(attr('not_actions')!.value) : null,
      resources: hclStrings(attr('resources')?.value),
      notResources: attr('not_resources') ? hclStrings(attr('not_resources')!.value) : null,
      principals,
      hasCondition: block.children.some((c) => c.header[0] === 'condition'),
      actionLine: (attr('not_actions') ?? attr('actions'))?.line ?? block.startLine,
      resourceLine: (attr('resources') ?? attr('not_resources'))?.line ?? block.startLine,
      principalLine:
        block.children.find((c) => c.header[0] === 'principals')?.startLine ?? block.startLine,
    });
  });
  return found;
}

// A statement is a mapping with an `Effect` key under a `Statement` key, or a Terraform `statement`
// block, so text without those words is not parsed. Quoted YAML and JSON keys can also be spelt
// with escapes (`\u0053`, `\x53`, an escaped line break), so text with those is parsed too.
const ESCAPE = /\\[xuU\r\n]/;
const TREE_WORDS = /\bStatement\b/;
const EFFECT_WORD = /\bEffect\b/;
const HCL_WORDS = /\b[Ss]tatement\b/;

/** Tests whether a file's text can contain a policy statement, without parsing it. */
export function mayContainStatements(path: string, text: string): boolean {
  if (ESCAPE.test(text)) return true;
  if (/\.tf$/i.test(path)) return HCL_WORDS.test(text);
  return TREE_WORDS.test(text) && EFFECT_WORD.test(text);
}

/** Reads every policy statement of a file's text, chosen by the file type. */
export function policyStatementsOf(path: string, text: string | null): PolicyStatement[] {
  if (text === null || !mayContainStatements(path, text)) return [];
  if (/\.tf$/i.test(path)) return statementsOfHcl(text);
  if (isJson(path) || isYaml(path) || isTerraform(path))
    return statementsOfTree(parseYaml(text), 0, null);
  return [];
}
