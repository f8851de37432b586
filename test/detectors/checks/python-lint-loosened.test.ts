import { describe } from 'vitest';
import pythonLintLoosened from '../../../src/detectors/checks/python-lint-loosened.js';
import { edit } from './ci-fixtures.js';
import { runTable } from './table.js';

const PYPROJECT = [
  '[project]',
  'name = "demo"',
  '',
  '[tool.mypy]',
  'strict = true',
  'disallow_untyped_defs = true',
  '',
  '[tool.ruff.lint]',
  'select = ["E", "F", "B"]',
  'ignore = [',
  '  "E501",',
  ']',
  '',
].join('\n');
const py = (from: string, to: string) => ({ 'pyproject.toml': { old: PYPROJECT, new: edit(PYPROJECT, from, to) } });
// A ruff ignore list written on one line of over 2,000 characters.
const longIgnore = (extra: string): string => {
  const codes = Array.from({ length: 400 }, (_, i) => `"X${i}"`).join(', ');
  return `[tool.ruff.lint]\nignore = [${codes}${extra}]\n`;
};
const SETUP_CFG = '[flake8]\nmax-line-length = 100\nextend-ignore = E203\n\n[mypy]\nwarn_unused_ignores = True\n';

describe('disabled-check/python-lint-loosened', () => {
  runTable(pythonLintLoosened, {
    flag: [
      { name: 'mypy disallow_untyped_defs turned off', files: py('disallow_untyped_defs = true', 'disallow_untyped_defs = false'), expected: [{ file: 'pyproject.toml', line: 6, messageId: 'optionLoosened' }] },
      { name: 'mypy ignore_errors turned on', files: py('strict = true\n', 'strict = true\nignore_errors = true\n'), expected: [{ file: 'pyproject.toml', line: 6, messageId: 'optionLoosened' }] },
      { name: 'mypy strict turned off', files: py('strict = true', 'strict = false'), expected: [{ file: 'pyproject.toml', line: 5 }] },
      { name: 'a rule added past character 2,000 of a one-line ignore list', files: { 'ruff.toml': { old: longIgnore(''), new: longIgnore(', "B008"') } }, expected: [{ file: 'ruff.toml', line: 2, messageId: 'ignoreGrew' }] },
      { name: 'a ruff ignore list that grows', files: py('  "E501",\n', '  "E501",\n  "B008",\n'), expected: [{ file: 'pyproject.toml', line: 10, messageId: 'ignoreGrew' }] },
      { name: 'a ruff select list that shrinks', files: py('["E", "F", "B"]', '["E", "F"]'), expected: [{ file: 'pyproject.toml', line: 9, messageId: 'selectShrank' }] },
      { name: 'a flake8 extend-ignore that grows in setup.cfg', files: { 'setup.cfg': { old: SETUP_CFG, new: edit(SETUP_CFG, 'E203', 'E203, W503') } }, expected: [{ file: 'setup.cfg', line: 3 }] },
      { name: 'a mypy warn option off in setup.cfg', files: { 'setup.cfg': { old: SETUP_CFG, new: edit(SETUP_CFG, 'True', 'False') } }, expected: [{ file: 'setup.cfg', line: 6 }] },
      { name: 'ignore in ruff.toml', files: { 'ruff.toml': { old: 'line-length = 100\n', new: 'line-length = 100\nignore = ["F401"]\n' } }, expected: [{ file: 'ruff.toml', line: 2 }] },
      { name: 'a pylint disable list that grows', files: { '.pylintrc': { old: '[MESSAGES CONTROL]\ndisable = C0114\n', new: '[MESSAGES CONTROL]\ndisable = C0114,\n    W0703\n' } }, expected: [{ file: '.pylintrc', line: 2 }] },
    ],
    pass: [
      { name: 'a ruff ignore entry removed', files: py('  "E501",\n', '') },
      { name: 'a ruff select list that grows', files: py('["E", "F", "B"]', '["E", "F", "B", "UP"]') },
      { name: 'mypy strict turned on', files: { 'pyproject.toml': { old: edit(PYPROJECT, 'strict = true', 'strict = false'), new: PYPROJECT } } },
      { name: 'a reordered ignore list', files: { 'setup.cfg': { old: SETUP_CFG.replace('E203', 'E203, W503'), new: SETUP_CFG.replace('E203', 'W503, E203') } } },
      { name: 'ignore in an unrelated tool section', files: py('[project]\n', '[tool.codespell]\nignore = ["teh"]\n\n[project]\n') },
      { name: 'mypy settings in Markdown', files: { 'docs/typing.md': { old: 'strict = true\n', new: 'strict = false\n' } } },
      { name: 'a commented-out ignore line', files: py('ignore = [', '# ignore = ["B008"]\nignore = [') },
    ],
  });
});
