import { describe } from 'vitest';
import assertionsRemoved from '../../../src/detectors/checks/assertions-removed.js';
import testRemoved from '../../../src/detectors/checks/test-removed.js';
import { edit } from './ci-fixtures.js';
import { runTable } from './table.js';

const SUITE = [
  "import { expect, it } from 'vitest';",
  '',
  "it('adds tax', () => {",
  '  expect(total(100, 0.2)).toBe(120);',
  '  expect(total(0, 0.2)).toBe(0);',
  '});',
  '',
  "it('rounds to cents', () => {",
  '  expect(total(0.1, 0.2)).toBe(0.12);',
  '});',
  '',
].join('\n');
const PY = 'def test_rate():\n    assert rate() == 2\n    assert rate(0) == 0\n\n\ndef test_other():\n    assert other()\n';
const GO = 'func TestRate(t *testing.T) {\n\tif Rate() != 2 {\n\t\tt.Fatal("rate")\n\t}\n}\n\nfunc TestOther(t *testing.T) {\n\tif !Other() {\n\t\tt.Error("other")\n\t}\n}\n';
const JAVA = 'class RateTest {\n  @Test\n  void rate() {\n    assertEquals(2, rate());\n  }\n\n  @Test\n  void other() {\n    assertTrue(other());\n  }\n}\n';

// A test written on one line after 3,000 characters of setup code, as a bundler or formatter may leave it.
const LONG = `const rows = [${'0, '.repeat(1000)}];\nit('sums rows', () => { const total = sum(rows); ${'noop(); '.repeat(400)}expect(total).toBe(0); expect(rows).toHaveLength(1000); });\n`;
const js = (from: string, to: string) => ({ 'src/invoice.test.ts': { old: SUITE, new: edit(SUITE, from, to) } });

describe('disabled-check/test-removed', () => {
  runTable(testRemoved, {
    flag: [
      { name: 'a deleted test file', files: { 'src/invoice.test.ts': { old: SUITE } }, expected: [{ file: 'src/invoice.test.ts', line: 0, messageId: 'fileDeleted' }] },
      { name: 'a deleted pytest module', files: { 'tests/test_rate.py': { old: PY } }, expected: [{ file: 'tests/test_rate.py', line: 0 }] },
      { name: 'a test case removed from a file that stays', files: js("it('rounds to cents', () => {\n  expect(total(0.1, 0.2)).toBe(0.12);\n});\n", ''), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testRemoved' }] },
      { name: 'a pytest function removed', files: { 'tests/test_rate.py': { old: PY, new: 'def test_rate():\n    assert rate() == 2\n    assert rate(0) == 0\n' } }, expected: [{ file: 'tests/test_rate.py', line: 6 }] },
      { name: 'a Go test removed', files: { 'pkg/rate_test.go': { old: GO, new: GO.slice(0, GO.indexOf('\nfunc TestOther')) } }, expected: [{ file: 'pkg/rate_test.go', line: 7 }] },
      { name: 'a JUnit test removed', files: { 'src/test/java/RateTest.java': { old: JAVA, new: 'class RateTest {\n  @Test\n  void rate() {\n    assertEquals(2, rate());\n  }\n}\n' } }, expected: [{ file: 'src/test/java/RateTest.java', line: 7 }] },
      {
        name: 'a removed test header in a bare patch',
        diff: ['--- a/src/a.test.ts', '+++ b/src/a.test.ts', '@@ -8,3 +8,0 @@', "-it('rounds to cents', () => {", '-  expect(total(0.1, 0.2)).toBe(0.12);', '-});', ''].join('\n'),
        expected: [{ file: 'src/a.test.ts', line: 8 }],
      },
      {
        name: 'a test case removed while another is added elsewhere',
        files: {
          'src/invoice.test.ts': { old: SUITE, new: edit(SUITE, "it('rounds to cents', () => {\n  expect(total(0.1, 0.2)).toBe(0.12);\n});\n", '') },
          'src/other.test.ts': { new: "it('formats dates', () => {\n  expect(format(0)).toBe('1970');\n});\n" },
        },
        expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testRemoved' }],
      },
      { name: 'a test header indented past character 2,000', files: { 'src/a.test.ts': { old: `${SUITE}${' '.repeat(3000)}it('pads', () => {});\n`, new: SUITE } }, expected: [{ file: 'src/a.test.ts', line: 11, messageId: 'testRemoved' }] },
    ],
    pass: [
      { name: 'a renamed test', files: js("it('rounds to cents'", "it('rounds to whole cents'") },
      { name: 'an added test', files: js('});\n\nit(', "});\n\nit('adds zero', () => {\n  expect(total(0, 0)).toBe(0);\n});\n\nit(") },
      { name: 'a test moved to another file in the same commit', files: { 'src/invoice.test.ts': { old: SUITE }, 'test/invoice.test.ts': { new: SUITE } } },
      {
        name: 'a test case split out into a new file',
        files: {
          'src/invoice.test.ts': { old: SUITE, new: edit(SUITE, "it('rounds to cents', () => {\n  expect(total(0.1, 0.2)).toBe(0.12);\n});\n", '') },
          'src/rounding.test.ts': { new: "import { expect, it } from 'vitest';\n\nit('rounds to cents', () => {\n  expect(total(0.1, 0.2)).toBe(0.12);\n});\n" },
        },
      },
      { name: 'a deleted helper that is not a test file', files: { 'src/invoice.ts': { old: 'export const total = 1;\n' } } },
      { name: 'a deleted helper in a test folder', files: { 'test/helpers/repo.ts': { old: 'export const dir = tmp();\n' } } },
      { name: 'a deleted Markdown file in a test folder', files: { 'test/README.md': { old: '# Tests\n' } } },
      { name: 'a removed line in a source file that mentions it(', files: { 'src/parse.ts': { old: "it('x', () => {});\nexport const a = 1;\n", new: 'export const a = 1;\n' } } },
    ],
  });
});

describe('disabled-check/assertions-removed', () => {
  runTable(assertionsRemoved, {
    flag: [
      { name: 'an expect removed from a test that stays', files: js('  expect(total(0, 0.2)).toBe(0);\n', ''), expected: [{ file: 'src/invoice.test.ts', line: 3, messageId: 'fewerAssertions' }] },
      { name: 'an assertion commented out', files: js('  expect(total(0.1, 0.2))', '  // expect(total(0.1, 0.2))'), expected: [{ file: 'src/invoice.test.ts', line: 8 }] },
      { name: 'a Python assert removed', files: { 'tests/test_rate.py': { old: PY, new: edit(PY, '    assert rate(0) == 0\n', '') } }, expected: [{ file: 'tests/test_rate.py', line: 1 }] },
      { name: 'a Go t.Fatal removed', files: { 'pkg/rate_test.go': { old: GO, new: edit(GO, '\tif Rate() != 2 {\n\t\tt.Fatal("rate")\n\t}\n', '\tRate()\n') } }, expected: [{ file: 'pkg/rate_test.go', line: 1 }] },
      { name: 'an assertion removed past character 2,000 of a one-line test', files: { 'src/sum.test.ts': { old: LONG, new: edit(LONG, ' expect(rows).toHaveLength(1000);', '') } }, expected: [{ file: 'src/sum.test.ts', line: 2, messageId: 'fewerAssertions' }] },
      { name: 'a JUnit assertion removed', files: { 'src/test/java/RateTest.java': { old: JAVA, new: edit(JAVA, '    assertTrue(other());\n', '    other();\n') } }, expected: [{ file: 'src/test/java/RateTest.java', line: 7 }] },
    ],
    pass: [
      { name: 'an assertion rewritten', files: js('.toBe(120)', '.toEqual(120)') },
      { name: 'a one-line test with an assertion moved within its line', files: { 'src/sum.test.ts': { old: LONG, new: edit(LONG, ' expect(rows).toHaveLength(1000); });', ' });').replace('const total', 'expect(rows).toHaveLength(1000); const total') } } },
      { name: 'an assertion added', files: js('  expect(total(0, 0.2)).toBe(0);\n', '  expect(total(0, 0.2)).toBe(0);\n  expect(total(1, 0)).toBe(1);\n') },
      { name: 'a whole test removed, reported by test-removed instead', files: js("it('rounds to cents', () => {\n  expect(total(0.1, 0.2)).toBe(0.12);\n});\n", '') },
      { name: 'an expect removed from a source file', files: { 'src/check.ts': { old: "it('a', () => {\n  expect(1).toBe(1);\n});\n", new: "it('a', () => {\n});\n" } } },
    ],
  });
});
