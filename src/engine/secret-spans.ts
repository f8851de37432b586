import type { Finding, Severity } from '../model/types.js';

const RANK: Record<Severity, number> = { info: 0, warn: 1, block: 2 };

interface Span {
  finding: Finding;
  /** The matched value with everything but letters and digits removed, so escapes and line breaks do not matter. */
  core: string;
}

/**
 * Keeps one finding per secret value. When two secret rules report values on
 * the same line of the same file and one value contains the other, only the
 * first is kept, unless the later one is more severe and takes its place.
 * This happens when a vendor rule and secretlint, or a vendor rule and the
 * generic assignment rule, see the same key.
 */
export class SecretSpans {
  private readonly byLine = new Map<string, Span[]>();

  /** Returns true when `finding` should be added; may replace an earlier finding in `findings`. */
  admit(finding: Finding, match: string, findings: Finding[]): boolean {
    const core = match.replace(/\\[nrt]/g, '').replace(/[^A-Za-z0-9]/g, '');
    const key = `${finding.file}\0${finding.line}`;
    const spans = this.byLine.get(key) ?? [];
    this.byLine.set(key, spans);
    const same = core.length >= 8 ? spans.find((span) => span.core.length >= 8 && (span.core.includes(core) || core.includes(span.core))) : undefined;
    if (!same) {
      spans.push({ finding, core });
      return true;
    }
    if (RANK[finding.severity] <= RANK[same.finding.severity]) return false;
    const index = findings.indexOf(same.finding);
    if (index >= 0) findings.splice(index, 1);
    same.finding = finding;
    same.core = core;
    return true;
  }
}
