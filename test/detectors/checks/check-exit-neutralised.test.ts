import { describe } from 'vitest';
import checkExitNeutralised from '../../../src/detectors/checks/check-exit-neutralised.js';
import { edit, WORKFLOW } from './ci-fixtures.js';
import { runTable } from './table.js';

const CI = '.github/workflows/ci.yml';
const gh = (from: string, to: string) => ({ [CI]: { old: WORKFLOW, new: edit(WORKFLOW, from, to) } });
const PKG = '{\n  "name": "demo",\n  "scripts": {\n    "test": "vitest run",\n    "lint": "eslint ."\n  }\n}\n';
const pkg = (from: string, to: string) => ({ 'package.json': { old: PKG, new: edit(PKG, from, to) } });
const SCRIPT = '#!/bin/sh\nset -e\nnpm ci\npytest -q\n';

describe('disabled-check/check-exit-neutralised', () => {
  runTable(checkExitNeutralised, {
    flag: [
      { name: '|| echo after npm audit', files: gh('--audit-level=high', '--audit-level=high || echo "ignored"'), expected: [{ file: CI, line: 9, messageId: 'exitIgnored' }] },
      { name: '|| true after npm test', files: gh('run: npm test', 'run: npm test || true'), expected: [{ file: CI, line: 11, messageId: 'exitIgnored' }] },
      { name: '; exit 0 after eslint', files: gh('run: npx eslint .', 'run: npx eslint . ; exit 0'), expected: [{ file: CI, line: 19 }] },
      { name: '|| : after a test command', files: gh('run: npm test', 'run: npm test || :'), expected: [{ file: CI, line: 11 }] },
      { name: 'set +e before a check in a run block', files: gh('run: npm test', 'run: |\n          set +e\n          npm test'), expected: [{ file: CI, line: 12, messageId: 'errexitOff' }] },
      { name: '|| true in a package.json script', files: pkg('"vitest run"', '"vitest run || true"'), expected: [{ file: 'package.json', line: 4 }] },
      { name: '--passWithNoTests in a package.json script', files: pkg('"vitest run"', '"vitest run --passWithNoTests"'), expected: [{ file: 'package.json', line: 4, messageId: 'passWithNoTests' }] },
      { name: '--passWithNoTests in CI', files: gh('run: npm test', 'run: npx jest --passWithNoTests'), expected: [{ file: CI, line: 11, messageId: 'passWithNoTests' }] },
      { name: '--exit-zero on ruff in a shell script', files: { 'scripts/ci.sh': { old: SCRIPT, new: `${SCRIPT}ruff check . --exit-zero\n` } }, expected: [{ file: 'scripts/ci.sh', line: 5, messageId: 'exitZero' }] },
      { name: '|| true in a shell script', files: { 'scripts/ci.sh': { old: SCRIPT, new: edit(SCRIPT, 'pytest -q', 'pytest -q || true') } }, expected: [{ file: 'scripts/ci.sh', line: 4 }] },
      { name: 'a YAML-quoted run value', files: gh('run: npm test', 'run: "npm test || true"'), expected: [{ file: CI, line: 11 }] },
      { name: 'set +e before a check past character 2,000 of the next line', files: { 'scripts/ci.sh': { old: SCRIPT, new: `${SCRIPT}set +e\n${'true; '.repeat(500)}npm test\n` } }, expected: [{ file: 'scripts/ci.sh', line: 5, messageId: 'errexitOff' }] },
      { name: 'a make recipe line with a leading -', files: { Makefile: { old: 'lint:\n\truff check .\n', new: 'lint:\n\t-ruff check .\n' } }, expected: [{ file: 'Makefile', line: 2, messageId: 'makeIgnoresExit' }] },
      { name: '|| true in a Makefile', files: { Makefile: { old: 'test:\n\tgo test ./...\n', new: 'test:\n\tgo test ./... || true\n' } }, expected: [{ file: 'Makefile', line: 2 }] },
      { name: '|| true on a continued line of a script', files: { 'scripts/ci.sh': { old: SCRIPT, new: edit(SCRIPT, 'pytest -q', 'pytest -q \\\n  || true') } }, expected: [{ file: 'scripts/ci.sh', line: 4 }] },
      { name: '|| true on a continued line of a run block', files: gh('run: npm test', 'run: |\n          npm test \\\n            || true'), expected: [{ file: CI, line: 12, messageId: 'exitIgnored' }] },
      { name: '|| true added below an unchanged check', files: { 'scripts/ci.sh': { old: `${SCRIPT}npm test \\\n  --silent\n`, new: `${SCRIPT}npm test \\\n  --silent || true\n` } }, expected: [{ file: 'scripts/ci.sh', line: 6 }] },
    ],
    pass: [
      { name: 'a continued || true after a cleanup', files: { 'scripts/ci.sh': { old: SCRIPT, new: `${SCRIPT}rm -rf dist \\\n  || true\n` } } },
      { name: 'an unchanged || true split over two lines', files: { 'scripts/ci.sh': { old: edit(SCRIPT, 'pytest -q', 'pytest -q || true'), new: edit(SCRIPT, 'pytest -q', 'pytest -q \\\n  || true') } } },
      { name: '|| true after a cleanup command', files: gh('run: npm test', 'run: rm -rf dist || true\n        # cleanup\n      - run: npm test') },
      { name: 'a make recipe line with a leading - on a cleanup', files: { Makefile: { old: 'clean:\n\trm -rf dist\n', new: 'clean:\n\t-rm -rf dist\n' } } },
      { name: '|| exit 1 after a test', files: gh('run: npm test', 'run: npm test || exit 1') },
      { name: '|| true inside an echoed string', files: { 'scripts/ci.sh': { old: SCRIPT, new: `${SCRIPT}echo "never write npm test || true"\n` } } },
      { name: '|| true in a comment', files: gh('run: npm test', 'run: npm test # not npm test || true') },
      { name: '|| true in Markdown', files: { 'docs/ci.md': { new: 'Do not append `|| true` to `npm test`.\n' } } },
      { name: '|| true in a TypeScript string', files: { 'src/cmd.ts': { new: "export const cmd = 'npm test || true';\n" } } },
      { name: 'set +e with set -e restored before the check', files: gh('run: npm test', 'run: |\n          set +e\n          rm -f out.txt\n          set -e\n          npm test') },
      { name: 'a removed || true', files: { [CI]: { old: edit(WORKFLOW, 'run: npm test', 'run: npm test || true'), new: WORKFLOW } } },
      { name: 'an unchanged || true on an edited line', files: { [CI]: { old: edit(WORKFLOW, 'run: npm test', 'run: npm test || true'), new: edit(WORKFLOW, 'run: npm test', 'run:  npm test || true') } } },
    ],

  });
});
