import { resolve } from 'node:path';
import { allDetectors } from '../detectors/index.js';
import type { Detector } from '../detectors/define.js';
import { EXIT, UsageError } from '../errors.js';
import type { Finding } from '../model/types.js';
import { decide } from '../packs/decide.js';
import { defaultPolicy, fileSource, loadPolicy } from '../packs/load.js';
import type { Policy } from '../packs/types.js';
import { parseCommandArgs } from './args.js';
import { EXIT_CODES_HELP } from './help.js';
import { emit, type CliIO } from './io.js';

const HELP = `Usage: diff-guardian rules [options]

Lists every detector with its category, severity and the action the packs
give its findings in agent-authored and in human commits.

Options:
  --config FILE      show the actions of this config instead of the default pack
  --format FORMAT    text (default), json or markdown
  --output FILE      write the list to FILE instead of stdout
  -h, --help         show this help

Rules limited to some paths are not applied, because the list has no path.

${EXIT_CODES_HELP}
`;

interface RuleRow {
  id: string;
  category: string;
  severity: string;
  confidence: string;
  status: string;
  agent: string;
  human: string;
  description: string;
}

function actionFor(policy: Policy, detector: Detector, agent: boolean): string {
  const probe: Finding = {
    ruleId: detector.meta.id,
    category: detector.meta.category,
    severity: detector.meta.severity,
    action: 'allow',
    message: '',
    file: '',
    line: 0,
    commit: '',
    evidence: '',
    fingerprint: '',
  };
  return decide(policy, probe, agent).action;
}

export function ruleRows(policy: Policy): RuleRow[] {
  return allDetectors().map((detector) => ({
    id: detector.meta.id,
    category: detector.meta.category,
    severity: detector.meta.severity,
    confidence: detector.meta.confidence,
    status: detector.meta.status ?? 'stable',
    agent: actionFor(policy, detector, true),
    human: actionFor(policy, detector, false),
    description: detector.meta.description,
  }));
}

function asText(rows: RuleRow[]): string {
  const width = Math.max(...rows.map((r) => r.id.length));
  const lines = rows.map(
    (r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(5)}  agent ${r.agent.padEnd(5)}  human ${r.human.padEnd(5)}  ${r.description}`,
  );
  return `${lines.join('\n')}\n`;
}

function asMarkdown(rows: RuleRow[]): string {
  const lines = [
    '| Rule | Severity | Agent commit | Human commit | Reports |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.agent} | ${r.human} | ${r.description.replace(/^Report /, '').replace(/\|/g, '\\|')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('rules', argv, {
    config: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.allowed;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) {
    throw new UsageError(`invalid --format ${JSON.stringify(format)}: use text, json or markdown`);
  }
  const policy = values.config ? loadPolicy(fileSource(), resolve(io.cwd, values.config)) : defaultPolicy();
  const rows = ruleRows(policy);
  let text: string;
  if (format === 'json') text = `${JSON.stringify(rows, null, 2)}\n`;
  else if (format === 'markdown') text = asMarkdown(rows);
  else text = asText(rows);
  emit(io, text, values.output);
  return EXIT.allowed;
}
