import { describe } from 'vitest';
import eslintRuleLoosened from '../../../src/detectors/checks/eslint-rule-loosened.js';
import tsconfigLoosened from '../../../src/detectors/checks/tsconfig-loosened.js';
import { edit } from './ci-fixtures.js';
import { runTable } from './table.js';

const TSCONFIG = '{\n  // Shared settings.\n  "compilerOptions": {\n    "target": "ES2022",\n    "strict": true,\n    "noUnusedLocals": true,\n  },\n}\n';
const ts = (from: string, to: string) => ({ 'tsconfig.json': { old: TSCONFIG, new: edit(TSCONFIG, from, to) } });

const ESLINTRC = '{\n  "extends": ["eslint:recommended"],\n  "rules": {\n    "no-console": "error",\n    "eqeqeq": ["error", "always"],\n    "@typescript-eslint/no-explicit-any": 2\n  }\n}\n';
const es = (from: string, to: string) => ({ '.eslintrc.json': { old: ESLINTRC, new: edit(ESLINTRC, from, to) } });
// A minified .eslintrc.json: 120 rules at error on one line, the last one past character 2,000.
const RULE_NAMES = Array.from({ length: 120 }, (_, i) => `plugin-${i}/rule-${i}`);
const minifiedEslintrc = (levels: Record<string, string> = {}): string =>
  `{"rules":{${RULE_NAMES.map((name) => `"${name}":"${levels[name] ?? 'error'}"`).join(',')}}}\n`;
const FLAT = "export default [\n  {\n    rules: {\n      'no-unused-vars': 'error',\n    },\n  },\n];\n";

describe('disabled-check/tsconfig-loosened', () => {
  runTable(tsconfigLoosened, {
    flag: [
      { name: 'strict turned off', files: ts('"strict": true', '"strict": false'), expected: [{ file: 'tsconfig.json', line: 5, messageId: 'optionOff' }] },
      { name: 'noImplicitAny off under strict', files: ts('"strict": true,', '"strict": true,\n    "noImplicitAny": false,'), expected: [{ file: 'tsconfig.json', line: 6 }] },
      { name: 'strictNullChecks off under strict', files: ts('"strict": true,', '"strict": true,\n    "strictNullChecks": false,'), expected: [{ file: 'tsconfig.json', line: 6 }] },
      { name: 'strict removed', files: ts('    "strict": true,\n', ''), expected: [{ file: 'tsconfig.json', line: 3 }] },
      { name: 'noUnusedLocals off in a build tsconfig', files: { 'tsconfig.build.json': { old: TSCONFIG, new: edit(TSCONFIG, '"noUnusedLocals": true', '"noUnusedLocals": false') } }, expected: [{ file: 'tsconfig.build.json', line: 6 }] },
    ],
    pass: [
      { name: 'strict turned on', files: { 'tsconfig.json': { old: edit(TSCONFIG, '"strict": true', '"strict": false'), new: TSCONFIG } } },
      { name: 'a target change', files: ts('ES2022', 'ES2023') },
      { name: 'noImplicitAny set explicitly to true', files: ts('"strict": true,', '"strict": true,\n    "noImplicitAny": true,') },
      { name: 'a strict: false in a comment', files: ts('// Shared settings.', '// Never set "strict": false here.') },
      { name: 'strict: false in a non-tsconfig JSON', files: { 'config/app.json': { old: '{ "strict": true }\n', new: '{ "strict": false }\n' } } },
    ],
  });
});

describe('disabled-check/eslint-rule-loosened', () => {
  runTable(eslintRuleLoosened, {
    flag: [
      { name: 'a rule turned off', files: es('"no-console": "error"', '"no-console": "off"'), expected: [{ file: '.eslintrc.json', line: 4, messageId: 'turnedOff' }] },
      { name: 'a rule downgraded to warn', files: es('"eqeqeq": ["error", "always"]', '"eqeqeq": ["warn", "always"]'), expected: [{ file: '.eslintrc.json', line: 5, messageId: 'downgraded' }] },
      { name: 'a numeric severity lowered', files: es('"@typescript-eslint/no-explicit-any": 2', '"@typescript-eslint/no-explicit-any": 0'), expected: [{ file: '.eslintrc.json', line: 6 }] },
      { name: 'a new rule override set to off', files: es('"rules": {\n', '"rules": {\n    "no-debugger": "off",\n'), expected: [{ file: '.eslintrc.json', line: 4, messageId: 'turnedOff' }] },
      { name: 'a flat config rule turned off', files: { 'eslint.config.js': { old: FLAT, new: edit(FLAT, "'error'", "'off'") } }, expected: [{ file: 'eslint.config.js', line: 4 }] },
      { name: 'a YAML eslintrc rule turned off', files: { '.eslintrc.yml': { old: 'rules:\n  no-console: error\n', new: 'rules:\n  no-console: off\n' } }, expected: [{ file: '.eslintrc.yml', line: 2 }] },
      { name: 'the second rule on a line turned off', files: es('"no-console": "error",', '"no-console": "error", "no-alert": "error", "no-eval": "off",'), expected: [{ file: '.eslintrc.json', line: 4, messageId: 'turnedOff' }] },
      { name: 'a rule turned off past character 2,000 of a minified config', files: { '.eslintrc.json': { old: minifiedEslintrc(), new: minifiedEslintrc({ [RULE_NAMES.at(-1)!]: 'off' }) } }, expected: [{ file: '.eslintrc.json', line: 1, messageId: 'turnedOff' }] },
      { name: 'two rules loosened on a minified line', files: { '.eslintrc.json': { old: minifiedEslintrc(), new: minifiedEslintrc({ [RULE_NAMES[3]!]: 'warn', [RULE_NAMES[100]!]: 'off' }) } }, expected: [{ file: '.eslintrc.json', line: 1, messageId: 'downgraded' }, { file: '.eslintrc.json', line: 1, messageId: 'turnedOff' }] },
    ],
    pass: [
      { name: 'a minified config with one rule raised', files: { '.eslintrc.json': { old: minifiedEslintrc({ [RULE_NAMES[90]!]: 'warn' }), new: minifiedEslintrc() } } },
      { name: 'a rule raised to error', files: es('"eqeqeq": ["error", "always"]', '"eqeqeq": ["error", "smart"]') },
      { name: 'a warning raised to error', files: { '.eslintrc.json': { old: edit(ESLINTRC, '"no-console": "error"', '"no-console": "warn"'), new: ESLINTRC } } },
      { name: 'a new rule set to error', files: es('"rules": {\n', '"rules": {\n    "no-debugger": "error",\n') },
      { name: 'rule text in Markdown', files: { 'docs/lint.md': { old: '"no-console": "error"\n', new: '"no-console": "off"\n' } } },
      { name: 'a package.json version field', files: { 'package.json': { old: '{\n  "x-version": "2"\n}\n', new: '{\n  "x-version": "1"\n}\n' } } },
      { name: 'an ecmaVersion change', files: es('"extends"', '"parserOptions": { "ecmaVersion": 2022 },\n  "extends"') },
    ],
  });
});

describe('disabled-check/eslint-rule-loosened in package.json', () => {
  const PKG = '{\n  "name": "demo",\n  "eslintConfig": {\n    "rules": {\n      "no-console": "error"\n    }\n  }\n}\n';
  runTable(eslintRuleLoosened, {
    flag: [{ name: 'an eslintConfig rule turned off', files: { 'package.json': { old: PKG, new: edit(PKG, '"error"', '"off"') } }, expected: [{ file: 'package.json', line: 5 }] }],
    pass: [{ name: 'an eslintConfig rule raised', files: { 'package.json': { old: edit(PKG, '"error"', '"warn"'), new: PKG } } }],
  });
});
