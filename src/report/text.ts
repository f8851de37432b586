import { styleText } from 'node:util';
import { printablePath } from '../git/paths.js';
import type { Finding } from '../model/types.js';
import type { Reporter } from './types.js';

type Style = Parameters<typeof styleText>[0];

/** Human-readable report grouped by commit and file. */
export const textReport: Reporter = (verdict, options) => {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
  const out: string[] = [];
  for (const commit of verdict.commits) {
    const findings = options.quiet ? commit.findings.filter((f) => f.action === 'block') : commit.findings;
    const label = commit.sha === 'STAGED' ? 'staged changes' : `commit ${commit.sha.slice(0, 12)}`;
    const agent = commit.agent.agent ? ` (agent: ${commit.agent.name ?? 'unnamed'}; ${commit.agent.matchedBy.join(', ')})` : '';
    if (findings.length === 0 && commit.skipped.length === 0 && verdict.commits.length > 1) continue;
    out.push(`${paint('bold', label)}${agent}: ${verdictLabel(commit.verdict, paint)}`);
    for (const [file, group] of groupByFile(findings)) {
      out.push(`  ${paint('underline', printablePath(file))}`);
      for (const finding of group) out.push(formatFinding(finding, paint));
    }
    for (const skip of commit.skipped) {
      out.push(`  ${printablePath(skip.file)}: not scanned (${skip.reason === 'too-large' ? 'over the size limit, settings.maxFileBytes' : skip.reason})`);
    }
  }
  const counts = countActions(verdict.findings);
  const blockedCommits = verdict.commits.filter((c) => c.verdict === 'block').length;
  out.push(
    `${verdictLabel(verdict.verdict, paint)}: ${blockedCommits} of ${verdict.commits.length} commit(s) blocked; ` +
      `findings: ${counts.block} blocking, ${counts.warn} warning(s), ${counts.acknowledged} acknowledged`,
  );
  return `${out.join('\n')}\n`;
};

function verdictLabel(action: string, paint: (style: Style, text: string) => string): string {
  if (action === 'block') return paint(['red', 'bold'], 'BLOCK');
  if (action === 'warn') return paint('yellow', 'WARN');
  return paint('green', 'ALLOW');
}

function formatFinding(finding: Finding, paint: (style: Style, text: string) => string): string {
  const where = finding.line > 0 ? `${finding.line}` : '-';
  const tag = finding.suppressed
    ? paint('dim', 'acknowledged')
    : finding.action === 'block'
      ? paint('red', 'block')
      : finding.action === 'warn'
        ? paint('yellow', 'warn ')
        : paint('dim', 'info ');
  const lines = [`    ${where.padStart(5)}  ${tag}  ${finding.message}  ${paint('dim', finding.ruleId)}`];
  lines.push(`           ${paint('dim', `evidence: ${finding.evidence}  fingerprint: ${finding.fingerprint}`)}`);
  if (finding.suppressed) lines.push(`           ${paint('dim', `acknowledged by ${finding.suppressed.by}: ${finding.suppressed.reason}`)}`);
  return lines.join('\n');
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = groups.get(finding.file) ?? [];
    list.push(finding);
    groups.set(finding.file, list);
  }
  return groups;
}

export function countActions(findings: Finding[]): { block: number; warn: number; acknowledged: number } {
  let block = 0;
  let warn = 0;
  let acknowledged = 0;
  for (const f of findings) {
    if (f.suppressed) acknowledged += 1;
    else if (f.action === 'block') block += 1;
    else if (f.action === 'warn') warn += 1;
  }
  return { block, warn, acknowledged };
}
