import type { Reporter } from './types.js';

/**
 * JSON report. Top level: `version`, `verdict` (allow, warn or block),
 * `findings` (every finding, flat) and `commits` (each with `sha`, `agent`,
 * `verdict`, `findings` and `skipped`). The README documents each field.
 */
export const jsonReport: Reporter = (verdict, options) => {
  const commits = verdict.commits.map((c) => ({
    sha: c.sha,
    agent: c.agent,
    verdict: c.verdict,
    findings: filter(c.findings, options.quiet),
    skipped: c.skipped,
  }));
  const body = {
    tool: 'diff-guardian',
    version: options.version,
    verdict: verdict.verdict,
    findings: filter(verdict.findings, options.quiet),
    commits,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
};

function filter<T extends { action: string }>(findings: T[], quiet: boolean): T[] {
  return quiet ? findings.filter((f) => f.action === 'block') : findings;
}
