import { describe, expect, it } from 'vitest';
import type { Detector } from '../../../src/detectors/define.js';
import type { Finding, Severity } from '../../../src/model/types.js';
import { changeOfFiles, runDetectors, type FileSpec } from '../../helpers/change.js';
import { generatedSecrets } from '../../helpers/secrets.js';

export interface ExpectedFinding {
  line: number;
  file?: string;
  severity?: Severity;
  /** A fragment of the message, standing in for its message id. */
  message?: string;
}

export interface TableCase {
  name: string;
  /** Built inside the test, so every secret is generated at run time. */
  files: () => Record<string, FileSpec>;
  message?: () => string;
  expect?: ExpectedFinding[];
}

export interface Table {
  flag: TableCase[];
  pass: TableCase[];
  /** Cases the rule still gets wrong, asserted to stay wrong so a fix shows up. */
  todo?: TableCase[];
}

export async function findingsFor(detectors: Detector | Detector[], testCase: TableCase): Promise<Finding[]> {
  const files = testCase.files();
  const change = changeOfFiles(files, { message: testCase.message?.() });
  return (await runDetectors(detectors, change)).findings;
}

/** Asserts that no generated secret shows up in what a finding prints. */
export function expectNoLeak(findings: Finding[]): void {
  const printed = JSON.stringify(findings);
  for (const secret of generatedSecrets()) expect(printed).not.toContain(secret);
}

function firstPath(testCase: TableCase, files: Record<string, FileSpec>): string {
  return Object.keys(files)[0] ?? testCase.name;
}

/** Runs a detector's flag, pass and todo tables. */
export function runTable(detectors: Detector | Detector[], table: Table): void {
  const id = Array.isArray(detectors) ? detectors.map((d) => d.meta.id).join('+') : detectors.meta.id;
  describe(id, () => {
    describe('flag', () => {
      for (const testCase of table.flag) {
        it(testCase.name, async () => {
          const files = testCase.files();
          const change = changeOfFiles(files, { message: testCase.message?.() });
          const findings = (await runDetectors(detectors, change)).findings;
          const expected = testCase.expect ?? [{ line: 1 }];
          expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(
            expected.map((e) => `${e.file ?? firstPath(testCase, files)}:${e.line}`),
          );
          expected.forEach((e, index) => {
            const finding = findings[index]!;
            expect(finding.category).toBe('secret');
            if (e.severity) expect(finding.severity).toBe(e.severity);
            if (e.message) expect(finding.message).toContain(e.message);
          });
          expectNoLeak(findings);
        });
      }
    });
    describe('pass', () => {
      for (const testCase of table.pass) {
        it(testCase.name, async () => {
          expect(await findingsFor(detectors, testCase)).toEqual([]);
        });
      }
    });
    if (table.todo && table.todo.length > 0) {
      describe('todo (known misses)', () => {
        for (const testCase of table.todo!) {
          it(testCase.name, async () => {
            expect(await findingsFor(detectors, testCase)).toEqual([]);
          });
        }
      });
    }
  });
}
