import { allDetectors } from '../detectors/index.js';
import type { Finding } from '../model/types.js';
import type { Reporter } from './types.js';

const LEVEL = { block: 'error', warn: 'warning', allow: 'note' } as const;
const SEVERITY_LEVEL = { block: 'error', warn: 'warning', info: 'note' } as const;

/** SARIF 2.1.0 log with one run; findings become results with partial fingerprints. */
export const sarifReport: Reporter = (verdict, options) => {
  const used = new Set(verdict.findings.map((f) => f.ruleId));
  const rules = allDetectors()
    .filter((d) => used.has(d.meta.id))
    .map((d) => ({
      id: d.meta.id,
      name: d.meta.id.replace(/[^A-Za-z0-9]+/g, '-'),
      shortDescription: { text: d.meta.description },
      defaultConfiguration: { level: SEVERITY_LEVEL[d.meta.severity] },
      properties: { category: d.meta.category, confidence: d.meta.confidence },
    }));
  const findings = options.quiet ? verdict.findings.filter((f) => f.action === 'block') : verdict.findings;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'diff-guardian', version: options.version, informationUri: 'https://www.npmjs.com/package/diff-guardian', rules } },
        results: findings.map(toResult),
        properties: { verdict: verdict.verdict },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

// Texts that are no file of the tree: the commit message, an extra commit header, a tag message, ref names.
const PSEUDO_PATH = /^<(?:commit-message|tag-message|ref-name|commit-header [^<>]*)>$/;

function toResult(finding: Finding) {
  const inFile = !PSEUDO_PATH.test(finding.file);
  const properties: Record<string, unknown> = {
    category: finding.category,
    commit: finding.commit,
    action: finding.action,
    severity: finding.severity,
  };
  // A result without a file location names the text in its properties, as the JSON report does.
  if (!inFile) Object.assign(properties, { file: finding.file, line: finding.line });
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    level: LEVEL[finding.action],
    message: { text: `${finding.message} Evidence: ${finding.evidence}` },
    partialFingerprints: { 'diffGuardian/v1': finding.fingerprint },
    properties,
  };
  if (inFile) {
    const region = finding.line > 0 ? { startLine: finding.line } : undefined;
    result.locations = [
      { physicalLocation: { artifactLocation: { uri: encodeURI(finding.file) }, ...(region ? { region } : {}) } },
    ];
  }
  if (finding.suppressed) {
    result.suppressions = [{ kind: 'inSource', justification: `${finding.suppressed.reason} (${finding.suppressed.by})` }];
  }
  return result;
}
