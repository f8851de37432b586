import { describe, expect, it } from 'vitest';
import type { Detector } from '../../../src/detectors/define.js';
import type { CommitChange, Finding, Severity } from '../../../src/model/types.js';
import { changeFromUnifiedDiff, changeOfFiles, runDetectors, type FileSpec } from '../../helpers/change.js';

/** One expected finding of the detector under test. */
export interface Expected {
  /** Defaults to the only file of the case. */
  file?: string;
  line: number;
  /** A fragment the message must contain. */
  message?: string;
  severity?: Severity;
}

export interface TableCase {
  name: string;
  /** Whole old and new contents, diffed by git. */
  files?: Record<string, FileSpec>;
  /** A unified diff, for changes that plain contents cannot express (symlinks). */
  diff?: string;
  /** Findings the detector must report, in file and line order. Empty for pass cases. */
  expect?: Expected[];
}

export interface Table {
  flag: TableCase[];
  pass: TableCase[];
  /** Known misses or false alarms: `expect` records what the detector reports today. */
  todo?: TableCase[];
}

function changeOf(testCase: TableCase): CommitChange {
  if (testCase.diff !== undefined) return changeFromUnifiedDiff(testCase.diff);
  return changeOfFiles(testCase.files ?? {});
}

/** Runs the detector alone on a case and returns its findings, sorted by file and line. */
export async function findingsOfCase(detector: Detector, testCase: TableCase): Promise<Finding[]> {
  const verdict = await runDetectors(detector, changeOf(testCase));
  return verdict.findings.filter((finding) => finding.ruleId === detector.meta.id);
}

function defaultFile(testCase: TableCase): string | undefined {
  const paths = Object.keys(testCase.files ?? {});
  return paths.length === 1 ? paths[0] : undefined;
}

async function assertCase(detector: Detector, testCase: TableCase): Promise<void> {
  const findings = await findingsOfCase(detector, testCase);
  const expected = testCase.expect ?? [];
  const summary = findings.map((f) => `${f.file}:${f.line} ${f.message}`);
  expect(findings.length, summary.join('\n')).toBe(expected.length);
  expected.forEach((want, index) => {
    const got = findings[index]!;
    expect(got.ruleId).toBe(detector.meta.id);
    expect(got.category).toBe('permission');
    expect(got.file).toBe(want.file ?? defaultFile(testCase));
    expect(got.line).toBe(want.line);
    if (want.message !== undefined) expect(got.message).toContain(want.message);
    if (want.severity !== undefined) expect(got.severity).toBe(want.severity);
  });
}

/** Declares the flag, pass and todo tables of one detector as vitest cases. */
export function detectorTable(detector: Detector, table: Table): void {
  describe(detector.meta.id, () => {
    describe('flag', () => {
      for (const testCase of table.flag) {
        it(testCase.name, async () => {
          expect(testCase.expect?.length ?? 0).toBeGreaterThan(0);
          await assertCase(detector, testCase);
        });
      }
    });
    describe('pass', () => {
      for (const testCase of table.pass) {
        it(testCase.name, async () => {
          await assertCase(detector, { ...testCase, expect: [] });
        });
      }
    });
    if (table.todo && table.todo.length > 0) {
      describe('todo (known gaps, asserted as they behave today)', () => {
        for (const testCase of table.todo!) {
          it(testCase.name, async () => {
            await assertCase(detector, testCase);
          });
        }
      });
    }
  });
}
