import type { Node } from 'yaml';
import { isMap } from '../../util/yaml.js';
import { isDoc, isJson, isTerraform, isYaml } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { eachBlock, hclStrings, parseHcl, type HclBlock } from './hcl-blocks.js';
import { newContentMatches } from './support.js';
import { child, parseYaml, scalarOf, stringsOf, walkTree } from './yaml-tree.js';

// Remote administration and database ports that should never face the whole internet.
const ADMIN_PORTS = new Map<number, string>([
  [22, 'SSH'],
  [23, 'Telnet'],
  [3389, 'RDP'],
  [5900, 'VNC'],
  [5985, 'WinRM'],
  [5986, 'WinRM'],
  [445, 'SMB'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [27017, 'MongoDB'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [5984, 'CouchDB'],
  [11211, 'Memcached'],
  [9042, 'Cassandra'],
  [2375, 'Docker API'],
  [2376, 'Docker API'],
  [2379, 'etcd'],
  [10250, 'kubelet'],
]);
const OPEN_SOURCES = new Set(['0.0.0.0/0', '::/0', '*', 'Internet', 'Any', 'any']);

interface IngressRule {
  source: string;
  from: number;
  to: number;
  sourceLine: number;
  portLine: number;
  identity: string;
}

function exposedPorts(rule: IngressRule): string[] {
  if (rule.from <= 0 && rule.to >= 65535) return ['all ports'];
  return [...ADMIN_PORTS]
    .filter(([port]) => port >= rule.from && port <= rule.to)
    .map(([port, name]) => `${port} (${name})`);
}

function portRange(from: unknown, to: unknown, protocol: unknown): [number, number] {
  if (protocol === '-1' || protocol === -1 || protocol === 'all' || protocol === '*')
    return [0, 65535];
  const low = Number(from ?? 0);
  const high = Number(to ?? from ?? 65535);
  return [Number.isFinite(low) ? low : 0, Number.isFinite(high) ? high : 65535];
}

function rangeOfText(text: string): [number, number] {
  if (text === '*' || text === '') return [0, 65535];
  const [low, high] = text.split('-').map(Number);
  return [low ?? 0, high ?? low ?? 0];
}

function hclRules(text: string): IngressRule[] {
  const rules: IngressRule[] = [];
  eachBlock(parseHcl(text), (block: HclBlock) => {
    const attr = (name: string) => block.attributes.get(name);
    const value = (name: string) => hclStrings(attr(name)?.value)[0] ?? attr(name)?.value.trim();
    const identity = `${block.header.join('.')}@${block.parent?.header.join('.') ?? ''}`;
    const resource = block.header[0] === 'resource' ? block.header[1] : undefined;
    const isIngress =
      block.header[0] === 'ingress' ||
      (resource === 'aws_security_group_rule' && value('type') === 'ingress') ||
      resource === 'aws_vpc_security_group_ingress_rule';
    if (isIngress) {
      for (const name of ['cidr_blocks', 'ipv6_cidr_blocks', 'cidr_ipv4', 'cidr_ipv6']) {
        const source = hclStrings(attr(name)?.value).find((s) => OPEN_SOURCES.has(s));
        if (source === undefined) continue;
        const [from, to] = portRange(
          value('from_port'),
          value('to_port'),
          value('protocol') ?? value('ip_protocol'),
        );
        rules.push({
          source,
          from,
          to,
          sourceLine: attr(name)!.line,
          portLine: attr('from_port')?.line ?? attr(name)!.line,
          identity,
        });
      }
    }
    if (resource === 'google_compute_firewall' && (value('direction') ?? 'INGRESS') === 'INGRESS') {
      const source = hclStrings(attr('source_ranges')?.value).find((s) => OPEN_SOURCES.has(s));
      for (const allow of block.children.filter((c) => c.header[0] === 'allow')) {
        if (source === undefined) break;
        const ports = hclStrings(allow.attributes.get('ports')?.value);
        for (const range of ports.length > 0 ? ports : ['*']) {
          const [from, to] = rangeOfText(range);
          rules.push({
            source,
            from,
            to,
            sourceLine: attr('source_ranges')!.line,
            portLine: allow.attributes.get('ports')?.line ?? allow.startLine,
            identity,
          });
        }
      }
    }
    const azure =
      resource === 'azurerm_network_security_rule' || block.header[0] === 'security_rule';
    if (azure && value('direction') === 'Inbound' && value('access') === 'Allow') {
      const source = [
        value('source_address_prefix'),
        ...hclStrings(attr('source_address_prefixes')?.value),
      ].find((s) => s !== undefined && OPEN_SOURCES.has(s));
      const portAttribute = attr('destination_port_range') ?? attr('destination_port_ranges');
      if (source !== undefined) {
        for (const range of hclStrings(portAttribute?.value)) {
          const [from, to] = rangeOfText(range);
          const line = (attr('source_address_prefix') ?? attr('source_address_prefixes'))!.line;
          rules.push({
            source,
            from,
            to,
            sourceLine: line,
            portLine: portAttribute?.line ?? line,
            identity,
          });
        }
      }
    }
  });
  return rules;
}

/** CloudFormation (CidrIp) and Terraform JSON (cidr_blocks) ingress entries. */
function treeRules(text: string): IngressRule[] {
  const parsed = parseYaml(text);
  const rules: IngressRule[] = [];
  for (const root of parsed.roots) {
    walkTree(parsed, root, (entry) => {
      if (
        !['CidrIp', 'CidrIpv6', 'cidr_blocks', 'ipv6_cidr_blocks'].includes(entry.key) ||
        !isMap(entry.parent)
      )
        return;
      if (entry.path.some((segment) => /egress/i.test(segment))) return;
      const source = stringsOf(entry.value).find((s) => OPEN_SOURCES.has(s));
      if (source === undefined) return;
      const sibling = (name: string) => scalarOf(child(entry.parent, name));
      const [from, to] = portRange(
        sibling('FromPort') ?? sibling('from_port'),
        sibling('ToPort') ?? sibling('to_port'),
        sibling('IpProtocol') ?? sibling('protocol'),
      );
      const portNode = child(entry.parent, 'FromPort') ?? child(entry.parent, 'from_port');
      rules.push({
        source,
        from,
        to,
        sourceLine: entry.line,
        portLine: portNode ? parsed.lineOf(portNode as Node) : entry.line,
        identity: entry.path.join('.'),
      });
    });
  }
  return rules;
}

function readsRules(path: string): boolean {
  return /\.tf$/i.test(path) || isJson(path) || isYaml(path) || isTerraform(path);
}

// Every rule above is read from an attribute or key naming its source range, so text without these
// words is not parsed. Quoted YAML and JSON keys can also be spelt with escapes (`\u0043`, `\x43`,
// an escaped line break), so text with those is parsed too.
const SOURCE_WORDS = /CidrIp|cidr_|source_ranges|source_address_prefix|\\[xuU\r\n]/;

function rulesOf(path: string, text: string | null): IngressRule[] {
  if (text === null || !SOURCE_WORDS.test(text)) return [];
  if (/\.tf$/i.test(path)) return hclRules(text);
  return isJson(path) || isYaml(path) || isTerraform(path) ? treeRules(text) : [];
}

export default defineDetector({
  meta: {
    id: 'permission/security-group-open',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description:
      'Report firewall and security group rules that open administration or database ports to the whole internet.',
    messages: {
      open: 'This rule opens {{ports}} to {{source}}, so anyone on the internet can reach the service and try to log in. Restrict the source to known address ranges or reach the port through a VPN or bastion.',
    },
  },
  keywords: [
    '0.0.0.0/0', '::/0', 'cidr', 'source_ranges', 'source_address_prefix', 'from_port', 'to_port', 'fromport',
    'toport', 'ports', 'destination_port', 'protocol',
  ],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || isDoc(file.path) || file.added.length === 0) continue;
      if (!readsRules(file.path)) continue;
      if (!(await newContentMatches(file, (text) => SOURCE_WORDS.test(text)))) continue;
      const added = new Set(file.added.map((line) => line.line));
      const signature = (rule: IngressRule) =>
        `${rule.identity}|${rule.source}|${exposedPorts(rule).join(',')}`;
      const newRules = rulesOf(file.path, await file.newContent());
      if (newRules.length === 0) continue;
      const old = new Set(rulesOf(file.path, await file.oldContent()).map(signature));
      for (const rule of newRules) {
        const ports = exposedPorts(rule);
        if (ports.length === 0 || old.has(signature(rule))) continue;
        const line = added.has(rule.sourceLine)
          ? rule.sourceLine
          : added.has(rule.portLine)
            ? rule.portLine
            : 0;
        if (line === 0) continue;
        context.report({
          messageId: 'open',
          data: { ports: ports.join(', '), source: rule.source },
          file: file.path,
          line,
          match: signature(rule),
          evidence: `${rule.source} -> ${ports.join(', ')}`,
        });
      }
    }
  },
});
