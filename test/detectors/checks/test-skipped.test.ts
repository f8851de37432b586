import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import testSkipped from '../../../src/detectors/checks/test-skipped.js';
import { changeFromUnifiedDiff, runDetectors } from '../../helpers/change.js';
import { tempDir } from '../../helpers/repo.js';
import { runTable } from './table.js';

const SUITE = [
  "import { describe, expect, it } from 'vitest';",
  "import { total } from './invoice';",
  '',
  "describe('invoice totals', () => {",
  "  it('adds tax', () => {",
  '    expect(total(100, 0.2)).toBe(120);',
  '  });',
  "  it('rounds to cents', () => {",
  '    expect(total(0.1, 0.2)).toBe(0.12);',
  '  });',
  '});',
  '',
].join('\n');

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return text.replace(from, to);
}

const ts = (from: string, to: string) => ({ 'src/invoice.test.ts': { old: SUITE, new: edit(SUITE, from, to) } });
const NODE_TEST = "import { test } from 'node:test';\n\ntest('adds tax', () => {\n  assert.equal(total(100, 0.2), 120);\n});\n";
const nodeTest = (to: string) => ({ 'test/invoice.test.mjs': { old: NODE_TEST, new: NODE_TEST.replace("test('adds tax', () => {", to) } });

describe('disabled-check/test-skipped', () => {
  runTable(testSkipped, {
    flag: [
      { name: 'a node:test skip option', files: nodeTest("test('adds tax', { skip: true }, () => {"), expected: [{ file: 'test/invoice.test.mjs', line: 3, messageId: 'testSkipped' }] },
      { name: 'a node:test todo option with a reason', files: nodeTest("test('adds tax', { todo: 'rates change' }, () => {"), expected: [{ file: 'test/invoice.test.mjs', line: 3, messageId: 'testSkipped' }] },
      { name: 'a node:test t.skip call', files: nodeTest("test('adds tax', (t) => {\n  t.skip('flaky');"), expected: [{ file: 'test/invoice.test.mjs', line: 4, messageId: 'testSkipped' }] },
      { name: 'describe.skip', files: ts("describe('invoice", "describe.skip('invoice"), expected: [{ file: 'src/invoice.test.ts', line: 4, messageId: 'suiteSkipped' }] },
      { name: 'xdescribe', files: ts("describe('invoice", "xdescribe('invoice"), expected: [{ file: 'src/invoice.test.ts', line: 4, messageId: 'suiteSkipped' }] },
      { name: 'describe.only', files: ts("describe('invoice", "describe.only('invoice"), expected: [{ file: 'src/invoice.test.ts', line: 4, messageId: 'testsFocused' }] },
      { name: 'it.only', files: ts("it('adds tax'", "it.only('adds tax'"), expected: [{ file: 'src/invoice.test.ts', line: 5, messageId: 'testsFocused' }] },
      { name: 'fit', files: ts("it('adds tax'", "fit('adds tax'"), expected: [{ file: 'src/invoice.test.ts', line: 5, messageId: 'testsFocused' }] },
      { name: 'it.skip', files: ts("it('rounds", "it.skip('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'test.skip with spaces', files: ts("it('rounds", "test .skip('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'xit', files: ts("it('rounds", "xit('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'xtest', files: ts("it('rounds", "xtest('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'it.concurrent.skip', files: ts("it('rounds", "it.concurrent.skip('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'describe.concurrent.skip', files: ts("describe('invoice", "describe.concurrent.skip('invoice"), expected: [{ file: 'src/invoice.test.ts', line: 4, messageId: 'suiteSkipped' }] },
      { name: 'describe.sequential.only', files: ts("describe('invoice", "describe.sequential.only('invoice"), expected: [{ file: 'src/invoice.test.ts', line: 4, messageId: 'testsFocused' }] },
      { name: 'it.skipIf', files: ts("it('rounds", "it.skipIf(process.env.CI)('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'test.skipIf(true)', files: ts("it('rounds", "test.skipIf(true)('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'it.runIf(false)', files: ts("it('rounds", "it.runIf(false)('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'describe.skipIf', files: ts("describe('invoice", "describe.skipIf(isWindows)('invoice"), expected: [{ file: 'src/invoice.test.ts', line: 4, messageId: 'suiteSkipped' }] },
      { name: "it['skip']", files: ts("it('rounds", "it['skip']('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'it["skip"]', files: ts("it('rounds", 'it["skip"](\'rounds'), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: 'describe[`only`]', files: ts("describe('invoice", "describe[`only`]('invoice"), expected: [{ file: 'src/invoice.test.ts', line: 4, messageId: 'testsFocused' }] },
      { name: 'it.skip after a block comment', files: ts("it('rounds", "/* flaky */ it.skip('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'testSkipped' }] },
      { name: '.skip on the next line', files: ts("  it('rounds", "  it\n    .skip('rounds"), expected: [{ file: 'src/invoice.test.ts', line: 9, messageId: 'testSkipped' }] },
      {
        name: 'test.todo replacing a test',
        files: ts("it('rounds to cents', () => {\n    expect(total(0.1, 0.2)).toBe(0.12);\n  });", "it.todo('rounds to cents');"),
        expected: [{ file: 'src/invoice.test.ts', line: 8, messageId: 'todoReplacesTest' }],
      },
      {
        name: 'pytest skip, skipif and xfail marks',
        files: {
          'tests/test_rates.py': {
            old: 'import pytest\n\ndef test_rate():\n    assert rate() == 2\n\ndef test_other():\n    assert other()\n',
            new: 'import pytest\n\n@pytest.mark.skip(reason="flaky")\ndef test_rate():\n    assert rate() == 2\n\n@pytest.mark.xfail\ndef test_other():\n    pytest.skip("later")\n    assert other()\n',
          },
        },
        expected: [
          { file: 'tests/test_rates.py', line: 3, messageId: 'testSkipped' },
          { file: 'tests/test_rates.py', line: 7 },
          { file: 'tests/test_rates.py', line: 9 },
        ],
      },
      {
        name: 'module-level pytestmark',
        files: { 'tests/test_db.py': { old: 'import pytest\n', new: 'import pytest\n\npytestmark = pytest.mark.skipif(True, reason="db down")\n' } },
        expected: [{ file: 'tests/test_db.py', line: 3, messageId: 'suiteSkipped' }],
      },
      {
        name: 'unittest.skip',
        files: { 'tests/test_api.py': { old: 'class T(unittest.TestCase):\n    def test_a(self):\n        self.assertTrue(a())\n', new: 'class T(unittest.TestCase):\n    @unittest.skip("later")\n    def test_a(self):\n        self.assertTrue(a())\n' } },
        expected: [{ file: 'tests/test_api.py', line: 2 }],
      },
      {
        name: 'Go t.Skip',
        files: { 'pkg/rate_test.go': { old: 'func TestRate(t *testing.T) {\n\tif Rate() != 2 {\n\t\tt.Fatal("rate")\n\t}\n}\n', new: 'func TestRate(t *testing.T) {\n\tt.Skip("flaky on CI")\n\tif Rate() != 2 {\n\t\tt.Fatal("rate")\n\t}\n}\n' } },
        expected: [{ file: 'pkg/rate_test.go', line: 2 }],
      },
      {
        name: 'JUnit @Disabled and @Ignore',
        files: { 'src/test/java/RateTest.java': { old: 'class RateTest {\n  @Test\n  void rate() {}\n  @Test\n  void other() {}\n}\n', new: 'class RateTest {\n  @Disabled("flaky")\n  @Test\n  void rate() {}\n  @Ignore\n  @Test\n  void other() {}\n}\n' } },
        expected: [
          { file: 'src/test/java/RateTest.java', line: 2 },
          { file: 'src/test/java/RateTest.java', line: 5 },
        ],
      },
      {
        name: 'RSpec xit, skip and pending',
        files: { 'spec/rate_spec.rb': { old: "describe Rate do\n  it 'adds' do\n    expect(1).to eq 1\n  end\n  it 'subtracts' do\n    expect(0).to eq 0\n  end\nend\n", new: "describe Rate do\n  xit 'adds' do\n    expect(1).to eq 1\n  end\n  it 'subtracts' do\n    skip 'later'\n    pending\n    expect(0).to eq 0\n  end\nend\n" } },
        expected: [
          { file: 'spec/rate_spec.rb', line: 2 },
          { file: 'spec/rate_spec.rb', line: 6 },
          { file: 'spec/rate_spec.rb', line: 7 },
        ],
      },
      {
        name: 'Rust #[ignore] in a source file',
        files: { 'src/rate.rs': { old: '#[cfg(test)]\nmod tests {\n    #[test]\n    fn rate() {}\n}\n', new: '#[cfg(test)]\nmod tests {\n    #[test]\n    #[ignore]\n    fn rate() {}\n}\n' } },
        expected: [{ file: 'src/rate.rs', line: 4 }],
      },
      {
        name: 'RSpec xexample and fspecify alone',
        files: { 'spec/rate_spec.rb': { old: "describe Rate do\n  example 'adds' do\n  end\n  specify 'rounds' do\n  end\nend\n", new: "describe Rate do\n  xexample 'adds' do\n  end\n  fspecify 'rounds' do\n  end\nend\n" } },
        expected: [
          { file: 'spec/rate_spec.rb', line: 2, messageId: 'testSkipped' },
          { file: 'spec/rate_spec.rb', line: 4, messageId: 'testsFocused' },
        ],
      },
      {
        name: 'a skipped test in a new test file',
        files: { 'test/new.spec.js': { new: "it.skip('works', () => {});\n" } },
        expected: [{ file: 'test/new.spec.js', line: 1 }],
      },
    ],
    pass: [
      {
        name: 'a focused suite turned into .each with a marker word in a string',
        files: {
          'src/invoice.test.ts': {
            old: edit(SUITE, "describe('invoice", "describe.only('invoice"),
            new: edit(SUITE, "describe('invoice totals', () => {", "describe.only\n  .each([['EUR']])('skip rounding in %s', () => {"),
          },
        },
      },
      {
        name: 'a skipped suite turned into .each',
        files: {
          'src/invoice.test.ts': {
            old: edit(SUITE, "describe('invoice", "describe.skip('invoice"),
            new: edit(SUITE, "describe('invoice totals', () => {", "describe.skip\n  .each([['EUR'], ['USD']])('invoice totals in %s', () => {"),
          },
        },
      },
      { name: 'a node:test skip option set to false', files: nodeTest("test('adds tax', { skip: false }, () => {") },
      { name: 'a node:test timeout option', files: nodeTest("test('adds tax', { timeout: 5000 }, () => {") },
      { name: 'a skip key in an object outside a test call', files: nodeTest("const options = { skip: true };\ntest('adds tax', () => {") },
      { name: 'a re-enabled suite', files: { 'src/invoice.test.ts': { old: edit(SUITE, "describe('invoice", "describe.skip('invoice"), new: SUITE } } },
      { name: 'a renamed test that was already skipped', files: { 'src/a.test.ts': { old: "it.skip('old name', () => {});\n", new: "it.skip('new name', () => {});\n" } } },
      { name: 'describe.skip in Markdown', files: { 'docs/testing.md': { old: '# Testing\n', new: '# Testing\n\nNever commit `describe.skip` or `it.only`.\n' } } },
      { name: 'describe.skip in a comment', files: ts("describe('invoice", "// describe.skip would hide these tests\ndescribe('invoice") },
      { name: 'it.only in a string literal', files: ts("  it('adds tax'", "  const banned = 'it.only(';\n  it('adds tax'") },
      { name: 'describe.skip in a non-test source file', files: { 'src/lint-rules.ts': { new: "export const focus = (describe: any) => describe.skip;\n" } } },
      { name: 'test.todo that replaces no test', files: ts('});\n', "});\nit.todo('handles refunds');\n") },
      { name: 'it.skipIf in a string', files: ts("  it('adds tax'", "  const doc = 'use it.skipIf(cond) sparingly';\n  it('adds tax'") },
      { name: 'it.skipIf in a comment', files: ts("  it('adds tax'", "  // it.skipIf(isWindows) is not allowed here\n  it('adds tax'") },
      { name: "it['skip'] in a string", files: ts("  it('adds tax'", "  const doc = \"it['skip']\";\n  it('adds tax'") },
      { name: 'it.skip inside a block comment', files: ts("  it('adds tax'", "  /* it.skip('x') */ it('adds tax'") },
      { name: 'a skipIf helper of another object', files: ts("  it('adds tax'", "  const skip = runner.skipIf(false);\n  it('adds tax'") },
      { name: 'a chain of another object on the next line', files: ts("  it('adds tax'", "  const q = query\n    .skip(10);\n  it('adds tax'") },
      { name: 'a fitness function named fitness', files: ts("  it('adds tax'", "  const fitness = (x: number) => x;\n  it('adds tax'") },
      { name: 'Go Skip on a non-test file', files: { 'pkg/reader.go': { new: 'func (r *R) Read() { r.Skip(2) }\n' } } },
      { name: 'pytest skip inside a comment', files: { 'tests/test_x.py': { new: '# use @pytest.mark.skip only with an issue link\ndef test_x():\n    assert x()\n' } } },
      { name: 'RSpec skip: false metadata', files: { 'spec/x_spec.rb': { new: "it 'runs', skip: false do\n  expect(1).to eq 1\nend\n" } } },
    ],
  });

  const SUITE_SKIP_DIFF = [
    'diff --git a/src/billing/invoice.test.ts b/src/billing/invoice.test.ts',
    '--- a/src/billing/invoice.test.ts',
    '+++ b/src/billing/invoice.test.ts',
    "@@ -3,5 +3,5 @@ import { total } from './invoice'",
    ' ',
    "-describe('invoice totals', () => {",
    "+describe.skip('invoice totals', () => {",
    "   it('adds tax', () => {",
    '     expect(total(100, 0.2)).toBe(120)',
    '   })',
    '',
  ].join('\n');

  it('warns on a human describe.skip and names the skipped suite', async () => {
    const verdict = await runDetectors(testSkipped, changeFromUnifiedDiff(SUITE_SKIP_DIFF), { agent: false });
    expect(verdict.findings).toHaveLength(1);
    const [finding] = verdict.findings;
    expect(finding!.line).toBe(4);
    expect(finding!.message.toLowerCase()).toContain('test suite skipped');
    expect(finding!.action).toBe('warn');
    expect(verdict.verdict).toBe('warn');
  });

  it('blocks the same describe.skip when an agent wrote it', async () => {
    const verdict = await runDetectors(testSkipped, changeFromUnifiedDiff(SUITE_SKIP_DIFF), { agent: true });
    expect(verdict.verdict).toBe('block');
  });

  it('blocks a human describe.skip under the strict pack', async () => {
    const dir = tempDir();
    const config = join(dir, 'strict.yml');
    writeFileSync(config, 'extends: [strict]\n');
    for (const marker of ['describe.skip', 'xdescribe', 'describe.only']) {
      const diff = SUITE_SKIP_DIFF.replace("+describe.skip('invoice", `+${marker}('invoice`);
      const verdict = await runDetectors(testSkipped, changeFromUnifiedDiff(diff), { agent: false, configPath: config });
      expect(verdict.findings.map((f) => f.line)).toEqual([4]);
      expect(verdict.verdict).toBe('block');
    }
  });

  it('can be tuned per path', async () => {
    const dir = tempDir();
    const config = join(dir, 'tuned.yml');
    writeFileSync(config, ['rules:', '  - id: disabled-check/test-skipped', '    action: off', "    paths: ['src/billing/**']", ''].join('\n'));
    const inPath = await runDetectors(testSkipped, changeFromUnifiedDiff(SUITE_SKIP_DIFF), { agent: true, configPath: config });
    expect(inPath.findings).toEqual([]);
    const elsewhere = SUITE_SKIP_DIFF.replaceAll('src/billing/', 'src/orders/');
    const outsidePath = await runDetectors(testSkipped, changeFromUnifiedDiff(elsewhere), { agent: true, configPath: config });
    expect(outsidePath.verdict).toBe('block');
  });
});
