import { describe } from 'vitest';
import coverageThresholdLowered from '../../../src/detectors/checks/coverage-threshold-lowered.js';
import { edit, WORKFLOW } from './ci-fixtures.js';
import { runTable } from './table.js';

const VITEST = "export default {\n  test: {\n    coverage: {\n      thresholds: { lines: 90, branches: 80 },\n    },\n  },\n};\n";
const JEST = '{\n  "coverageThreshold": {\n    "global": {\n      "lines": 85,\n      "functions": 80\n    }\n  }\n}\n';
const PYPROJECT = '[tool.coverage.report]\nfail_under = 90\nshow_missing = true\n';
const NYC = '{\n  "check-coverage": true,\n  "lines": 95\n}\n';

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
    ],
    pass: [
      { name: 'a raised threshold', files: { 'vitest.config.ts': { old: VITEST, new: edit(VITEST, 'lines: 90', 'lines: 95') } } },
      { name: 'a threshold reformatted', files: { 'vitest.config.ts': { old: VITEST, new: edit(VITEST, 'thresholds: { lines: 90, branches: 80 },', 'thresholds: {\n        lines: 90,\n        branches: 80,\n      },') } } },
      { name: 'lines in a source file', files: { 'src/text.ts': { old: 'const opts = { lines: 90 };\n', new: 'const opts = { lines: 10 };\n' } } },
      { name: 'a threshold in Markdown', files: { 'docs/coverage.md': { old: 'Keep `lines: 90`.\n', new: 'Keep `lines: 80`.\n' } } },
      { name: 'a target outside codecov config', files: { 'vite.config.ts': { old: "export default { build: { target: 'es2022', x: { target: 20 } } };\n", new: "export default { build: { target: 'es2020', x: { target: 10 } } };\n" } } },
      { name: 'check-coverage turned on', files: { '.nycrc.json': { old: edit(NYC, 'true', 'false'), new: NYC } } },
    ],
  });
});
