import { expect, it } from 'vitest';
import type { Detector } from '../../../src/detectors/define.js';
import type { Finding } from '../../../src/model/types.js';
import { changeFromUnifiedDiff, changeOfFiles, runDetectors, type FileSpec } from '../../helpers/change.js';

/** One case: whole-file contents (diffed by git) or a unified diff text. */
export interface CaseInput {
  name: string;
  files?: Record<string, FileSpec>;
  diff?: string;
  agent?: boolean;
}

export interface FlagCase extends CaseInput {
  /** Expected findings, in report order: file, line and message id. */
  expected: Array<{ file: string; line: number; messageId?: string }>;
}

/** Runs a detector on a case and returns its findings. */
export async function findingsFor(detector: Detector, input: CaseInput): Promise<Finding[]> {
  const change = input.diff !== undefined ? changeFromUnifiedDiff(input.diff) : changeOfFiles(input.files ?? {});
  const verdict = await runDetectors(detector, change, { agent: input.agent ?? true });
  return verdict.findings;
}

/** Message text of a detector message id with its placeholders left in, for prefix checks. */
function messageStart(detector: Detector, messageId: string): string {
  const template = detector.meta.messages[messageId];
  if (template === undefined) throw new Error(`${detector.meta.id} has no message ${messageId}`);
  return template.split('{{')[0]!;
}

/**
 * Declares one test per flag case, asserting rule id, file, line and message,
 * and one per pass case, asserting no finding. `todo` cases are known misses:
 * each asserts the current (wrong) outcome, so fixing one fails its test and
 * prompts moving it to `flag` or `pass`.
 */
export function runTable(
  detector: Detector,
  tables: { flag: FlagCase[]; pass: CaseInput[]; todo?: Array<CaseInput & { currentCount: number }> },
): void {
  for (const testCase of tables.flag) {
    it(`flags ${testCase.name}`, async () => {
      const findings = await findingsFor(detector, testCase);
      expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(testCase.expected.map((e) => `${e.file}:${e.line}`));
      findings.forEach((finding, index) => {
        const expected = testCase.expected[index]!;
        expect(finding.ruleId).toBe(detector.meta.id);
        if (expected.messageId) expect(finding.message.startsWith(messageStart(detector, expected.messageId))).toBe(true);
      });
    });
  }
  for (const testCase of tables.pass) {
    it(`passes ${testCase.name}`, async () => {
      const findings = await findingsFor(detector, testCase);
      expect(findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([]);
    });
  }
  for (const testCase of tables.todo ?? []) {
    it(`still misreads ${testCase.name}`, async () => {
      const findings = await findingsFor(detector, testCase);
      expect(findings.length).toBe(testCase.currentCount);
    });
  }
}
