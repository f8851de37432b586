import { describe } from 'vitest';
import coverageThresholdLowered from '../../../src/detectors/checks/coverage-threshold-lowered.js';
import { edit, WORKFLOW } from './ci-fixtures.js';
import { runTable } from './table.js';

const VITEST = "export default {\n  test: {\n    coverage: {\n      thresholds: { lines: 90, branches: 80 },\n    },\n  },\n};\n";
const JEST = '{\n  "coverageThreshold": {\n    "global": {\n      "lines": 85,\n      "functions": 80\n    }\n  }\n}\n';
const PYPROJECT = '[tool.coverage.report]\nfail_under = 90\nshow_missing = true\n';
const NYC = '{\n  "check-coverage": true,\n  "lines": 95\n}\n';
// A minified jest.config.json whose threshold sits `pad` characters into its only line.
const minified = (pad: number, lines: number | null, extra = ''): string =>
  `{"testEnvironment":"node","displayName":"${'x'.repeat(pad)}"${lines === null ? '' : `,"coverageThreshold":{"global":{"lines":${lines}}}`}${extra}}\n`;
const jestJson = (old: string, now: string) => ({ 'jest.config.json': { old, new: now } });

describe('disabled-check/coverage-threshold-lowered', () => {
  runTable(coverageThresholdLowered, {
    flag: [
      { name: 'a vitest line threshold lowered', files: { 'vitest.config.ts': { old: VITEST, new: edit(VITEST, 'lines: 90', 'lines: 60') } }, expected: [{ file: 'vitest.config.ts', line: 4, messageId: 'lowered' }] },
      { name: 'a jest threshold lowered', files: { 'jest.config.json': { old: JEST, new: edit(JEST, '"functions": 80', '"functions": 50') } }, expected: [{ file: 'jest.config.json', line: 5 }] },
      { name: 'a coverage.py fail_under lowered', files: { 'pyproject.toml': { old: PYPROJECT, new: edit(PYPROJECT, '90', '70') } }, expected: [{ file: 'pyproject.toml', line: 2 }] },
      { name: '--cov-fail-under lowered in CI', files: { '.github/workflows/ci.yml': { old: edit(WORKFLOW, 'run: npm test', 'run: pytest --cov --cov-fail-under=90'), new: edit(WORKFLOW, 'run: npm test', 'run: pytest --cov --cov-fail-under=50') } }, expected: [{ file: '.github/workflows/ci.yml', line: 11 }] },
      { name: 'a jest threshold removed', files: { 'jest.config.json': { old: JEST, new: edit(JEST, ',\n      "functions": 80', '') } }, expected: [{ file: 'jest.config.json', line: 5, messageId: 'removed' }] },
      { name: 'nyc check-coverage turned off', files: { '.nycrc.json': { old: NYC, new: edit(NYC, 'true', 'false') } }, expected: [{ file: '.nycrc.json', line: 2, messageId: 'notEnforced' }] },
      { name: 'a codecov target lowered', files: { 'codecov.yml': { old: 'coverage:\n  status:\n    project:\n      default:\n        target: 80%\n', new: 'coverage:\n  status:\n    project:\n      default:\n        target: 40%\n' } }, expected: [{ file: 'codecov.yml', line: 5 }] },
      { name: 'a threshold lowered past character 2,000 of a minified line', files: jestJson(minified(4000, 85), minified(4000, 50)), expected: [{ file: 'jest.config.json', line: 1, messageId: 'lowered' }] },
      // Windows of 2,000 characters start every 1,488 characters, so these cases place the key across
      // the first window's end and in either half of the two windows' overlap.
      { name: 'a threshold lowered across a window edge', files: jestJson(minified(1920, 85), minified(1920, 50)), expected: [{ file: 'jest.config.json', line: 1, messageId: 'lowered' }] },
      { name: 'a threshold lowered in a window overlap', files: jestJson(minified(1700, 85), minified(1700, 50)), expected: [{ file: 'jest.config.json', line: 1, messageId: 'lowered' }] },
      { name: 'a threshold lowered early in a window overlap', files: jestJson(minified(1600, 85), minified(1600, 50)), expected: [{ file: 'jest.config.json', line: 1, messageId: 'lowered' }] },
      { name: 'a threshold removed from a minified line', files: jestJson(minified(3000, 85), minified(3000, null)), expected: [{ file: 'jest.config.json', line: 1, messageId: 'removed' }] },
      { name: 'check-coverage turned off past character 2,000', files: { '.nycrc.json': { old: `{"all":"${'x'.repeat(3000)}","check-coverage":true}\n`, new: `{"all":"${'x'.repeat(3000)}","check-coverage":false}\n` } }, expected: [{ file: '.nycrc.json', line: 1, messageId: 'notEnforced' }] },
      { name: 'a threshold lowered in the middle of a line over 64 KiB', files: jestJson(minified(40_000, 85, `,"b":"${'y'.repeat(40_000)}"`), minified(40_000, 50, `,"b":"${'y'.repeat(40_000)}"`)), expected: [{ file: 'jest.config.json', line: 1, messageId: 'lowered' }] },
    ],
    pass: [
      { name: 'a raised threshold', files: { 'vitest.config.ts': { old: VITEST, new: edit(VITEST, 'lines: 90', 'lines: 95') } } },
      { name: 'a threshold reformatted', files: { 'vitest.config.ts': { old: VITEST, new: edit(VITEST, 'thresholds: { lines: 90, branches: 80 },', 'thresholds: {\n        lines: 90,\n        branches: 80,\n      },') } } },
      { name: 'lines in a source file', files: { 'src/text.ts': { old: 'const opts = { lines: 90 };\n', new: 'const opts = { lines: 10 };\n' } } },
      { name: 'a threshold in Markdown', files: { 'docs/coverage.md': { old: 'Keep `lines: 90`.\n', new: 'Keep `lines: 80`.\n' } } },
      { name: 'a target outside codecov config', files: { 'vite.config.ts': { old: "export default { build: { target: 'es2022', x: { target: 20 } } };\n", new: "export default { build: { target: 'es2020', x: { target: 10 } } };\n" } } },
      { name: 'a threshold raised past character 2,000', files: jestJson(minified(4000, 85), minified(4000, 95)) },
      { name: 'a minified line with one threshold in a window overlap', files: jestJson(minified(1700, 85, ',"a":1'), minified(1700, 85, ',"a":2')) },
      { name: 'check-coverage turned on', files: { '.nycrc.json': { old: edit(NYC, 'true', 'false'), new: NYC } } },
    ],
  });
});
