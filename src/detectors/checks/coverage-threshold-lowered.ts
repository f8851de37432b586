import type { DiffLine, FileChange } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { isCiFile, isMakefile, isPackageJson } from './ci-files.js';
import { lineWindows, windowMatches, windowStart } from '../line-windows.js';
import { lineEvidence, MAX_LINE } from './source-text.js';

// Files that set coverage thresholds: test runner and coverage tool configs,
// Python tool configs, and the CI and make files that pass them as flags.
const COVERAGE_CONFIG =
  /(?:^|\/)(?:(?:jest|vitest|vite|karma)\.config\.[cm]?[jt]s|vitest\.workspace\.[cm]?[jt]s|jest\.config\.json|\.nycrc(?:\.json|\.ya?ml)?|\.c8rc(?:\.json)?|\.coveragerc|setup\.cfg|tox\.ini|pytest\.ini|pyproject\.toml|\.simplecov|\.?codecov\.ya?ml)$/;

const CODECOV = /(?:^|\/)\.?codecov\.ya?ml$/;

// `key: 80`, `"key": 80`, `key = 80`, `--key=80` or `--key 80`; the key is group 1, the number group 2.
const THRESHOLD = /(?:^|[\s{,'"-])(lines|branches|functions|statements|fail[_-]under|cov-fail-under|minimum_coverage|target)['"]?(?:\s*[:=]\s*|\s+)['"]?(\d{1,3}(?:\.\d+)?)%?/gi;
const ENFORCEMENT_OFF = /\b(check[-_]?coverage)['"]?\s*[:=]\s*false\b/i;

interface Threshold {
  key: string;
  value: number;
  line: DiffLine;
  /** Offset of the match in the line, for evidence taken from a long line. */
  index: number;
}

function thresholdsOf(file: FileChange, lines: DiffLine[]): Threshold[] {
  const result: Threshold[] = [];
  for (const line of lines) {
    for (const match of windowMatches(line, MAX_LINE, THRESHOLD)) {
      const key = match[1]!.toLowerCase().replace('-', '_');
      if (key === 'target' && !CODECOV.test(file.path)) continue;
      result.push({ key, value: Number(match[2]), line, index: match.index });
    }
  }
  return result;
}

/** Returns group 1 of the first window of a line matching `pattern`, with its offset in the line. */
function firstMatch(line: DiffLine, pattern: RegExp): { key: string; index: number } | null {
  for (const window of lineWindows(line, MAX_LINE)) {
    const match = pattern.exec(window.text);
    if (match) return { key: match[1]!, index: windowStart(window) + match.index };
  }
  return null;
}

export default defineDetector({
  meta: {
    id: 'disabled-check/coverage-threshold-lowered',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report coverage thresholds that were lowered, removed or no longer enforced.',
    messages: {
      lowered: 'Coverage threshold lowered: `{{key}}` went from {{before}} to {{after}}, so less tested code now passes. Restore {{before}}.',
      removed: 'Coverage threshold removed: `{{key}}` ({{before}}) is no longer set, so coverage can drop without failing. Restore the threshold.',
      notEnforced: 'Coverage threshold no longer enforced: `{{key}}` is now false, so the run passes below the thresholds. Set it back to true.',
    },
  },
  keywords: ['lines', 'branches', 'functions', 'statements', 'fail_under', 'fail-under', 'minimum_coverage', 'target', 'check-coverage', 'checkcoverage'],
  async run(context) {
    for (const file of context.commit.files) {
      const path = file.path;
      if (file.skipped || file.newPath === null || file.status === 'added') continue;
      if (!(COVERAGE_CONFIG.test(path) || isPackageJson(path) || isCiFile(path) || isMakefile(path))) continue;
      const removed = thresholdsOf(file, file.removed);
      const added = thresholdsOf(file, file.added);
      const newText = ((await file.newContent()) ?? file.added.map((l) => l.text).join('\n')).toLowerCase().replaceAll('-', '_');
      for (const old of removed) {
        const index = added.findIndex((t) => t.key === old.key);
        if (index >= 0) {
          const [now] = added.splice(index, 1);
          if (now!.value >= old.value) continue;
          const data = { key: old.key, before: old.value, after: now!.value };
          context.report({ messageId: 'lowered', data, file: path, line: now!.line.line, match: `lowered:${old.key}:${now!.value}`, evidence: lineEvidence(now!.line.text, now!.index) });
        } else if (!newText.includes(old.key)) {
          const data = { key: old.key, before: old.value };
          context.report({ messageId: 'removed', data, file: path, line: old.line.line, match: `removed:${old.key}`, evidence: lineEvidence(old.line.text, old.index) });
        }
      }
      for (const line of file.added) {
        const off = firstMatch(line, ENFORCEMENT_OFF);
        if (!off || file.removed.some((r) => firstMatch(r, ENFORCEMENT_OFF))) continue;
        const evidence = lineEvidence(line.text, off.index);
        const data = { key: off.key };
        context.report({ messageId: 'notEnforced', data, file: path, line: line.line, match: `off:${off.key}`, evidence });
      }
    }
  },
});
