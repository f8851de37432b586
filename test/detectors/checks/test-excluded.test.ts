import { describe } from 'vitest';
import testExcluded from '../../../src/detectors/checks/test-excluded.js';
import { edit, WORKFLOW } from './ci-fixtures.js';
import { runTable } from './table.js';

const JEST = "module.exports = {\n  testPathIgnorePatterns: [\n    '/node_modules/',\n  ],\n};\n";
const VITEST = "export default defineConfig({\n  test: {\n    exclude: [...configDefaults.exclude],\n  },\n});\n";
const PYTEST = '[pytest]\naddopts = -q\n';
// A minified jest.config.json: its testPathIgnorePatterns list comes after `pad` characters.
const jestJson = (pad: number, ignored: string[]): string =>
  `{"displayName":"${'x'.repeat(pad)}","testPathIgnorePatterns":[${ignored.map((item) => `"${item}"`).join(',')}]}\n`;

describe('disabled-check/test-excluded', () => {
  runTable(testExcluded, {
    flag: [
      { name: 'a test file added to testPathIgnorePatterns', files: { 'jest.config.js': { old: JEST, new: edit(JEST, "    '/node_modules/',\n", "    '/node_modules/',\n    'src/billing/invoice.test.ts',\n") } }, expected: [{ file: 'jest.config.js', line: 4, messageId: 'excluded' }] },
      { name: 'a spec added to a vitest exclude list', files: { 'vitest.config.ts': { old: VITEST, new: edit(VITEST, '[...configDefaults.exclude]', "[...configDefaults.exclude, 'src/flaky.spec.ts']") } }, expected: [{ file: 'vitest.config.ts', line: 3 }] },
      { name: 'pytest --ignore in addopts', files: { 'pytest.ini': { old: PYTEST, new: edit(PYTEST, '-q', '-q --ignore=tests/test_billing.py') } }, expected: [{ file: 'pytest.ini', line: 2 }] },
      { name: 'pytest --deselect in CI', files: { '.github/workflows/ci.yml': { old: WORKFLOW, new: edit(WORKFLOW, 'run: npm test', 'run: pytest --deselect tests/test_api.py::test_login') } }, expected: [{ file: '.github/workflows/ci.yml', line: 11 }] },
      { name: 'pytest -k not in a package.json script', files: { 'package.json': { old: '{\n  "scripts": {\n    "test": "pytest"\n  }\n}\n', new: '{\n  "scripts": {\n    "test": "pytest -k \\"not billing\\""\n  }\n}\n' } }, expected: [{ file: 'package.json', line: 3 }] },
      { name: 'a test file excluded past character 2,000 of a minified line', files: { 'jest.config.json': { old: jestJson(3000, ['/node_modules/']), new: jestJson(3000, ['/node_modules/', 'src/billing/invoice.test.ts']) } }, expected: [{ file: 'jest.config.json', line: 1, messageId: 'excluded' }] },
      { name: 'a test file excluded two windows after its list key', files: { 'jest.config.json': { old: jestJson(100, ['/node_modules/']), new: jestJson(100, ['/node_modules/', 'x'.repeat(5000), 'src/billing/invoice.test.ts']) } }, expected: [{ file: 'jest.config.json', line: 1, messageId: 'excluded' }] },
      { name: 'pytest --deselect on a continued line', files: { '.github/workflows/ci.yml': { old: WORKFLOW, new: edit(WORKFLOW, 'run: npm test', 'run: pytest \\\n          --deselect tests/test_api.py::test_login') } }, expected: [{ file: '.github/workflows/ci.yml', line: 11 }] },
    ],
    pass: [
      { name: 'a build folder added to an exclude list', files: { 'vitest.config.ts': { old: VITEST, new: edit(VITEST, '[...configDefaults.exclude]', "[...configDefaults.exclude, 'dist/**']") } } },
      { name: 'a test file removed from testPathIgnorePatterns', files: { 'jest.config.js': { old: edit(JEST, "    '/node_modules/',\n", "    '/node_modules/',\n    'src/a.test.ts',\n"), new: JEST } } },
      { name: 'a test path in an include list', files: { 'vitest.config.ts': { old: VITEST, new: edit(VITEST, '    exclude:', "    include: ['src/**/*.test.ts'],\n    exclude:") } } },
      { name: '--ignore in Markdown', files: { 'docs/testing.md': { new: 'Run `pytest --ignore=tests/test_slow.py` locally.\n' } } },
      { name: 'a test file in a minified include list', files: { 'jest.config.json': { old: '{}\n', new: `{"displayName":"${'x'.repeat(3000)}","testMatch":["src/billing/invoice.test.ts"]}\n` } } },
      { name: 'a test path in a source file', files: { 'src/paths.ts': { new: "export const exclude = ['src/a.test.ts'];\n" } } },
    ],
  });
});
