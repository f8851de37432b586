import { describe } from 'vitest';
import guardianConfigChanged from '../../../src/detectors/checks/guardian-config-changed.js';
import hookRemoved from '../../../src/detectors/checks/hook-removed.js';
import hooksBypassed from '../../../src/detectors/checks/hooks-bypassed.js';
import { edit, WORKFLOW } from './ci-fixtures.js';
import { runTable } from './table.js';
import { blockFor, insertBlock } from '../../../src/hooks/block.js';

const SCRIPT = '#!/bin/sh\nset -e\nnpm ci\n';
const sh = (line: string) => ({ 'scripts/release.sh': { old: SCRIPT, new: `${SCRIPT}${line}\n` } });
const PKG = '{\n  "scripts": {\n    "test": "vitest run"\n  }\n}\n';
const HUSKY = 'npx lint-staged\nnpm test\nnpx diff-guardian hook pre-commit\n';
const PRE_COMMIT = [
  'repos:',
  '  - repo: https://github.com/astral-sh/ruff-pre-commit',
  '    rev: v0.6.0',
  '    hooks:',
  '      - id: ruff',
  '      - id: ruff-format',
  '  - repo: local',
  '    hooks:',
  '      - id: diff-guardian',
  '        name: diff-guardian',
  '        entry: diff-guardian hook pre-commit',
  '        language: system',
  '',
].join('\n');
const LEFTHOOK = 'pre-commit:\n  commands:\n    lint:\n      run: npx eslint .\n    types:\n      run: npx tsc --noEmit\n';

describe('disabled-check/hooks-bypassed', () => {
  runTable(hooksBypassed, {
    flag: [
      { name: 'git commit --no-verify in a script', files: sh('git commit -am "release" --no-verify'), expected: [{ file: 'scripts/release.sh', line: 4, messageId: 'noVerify' }] },
      { name: 'git push --no-verify in CI', files: { '.github/workflows/ci.yml': { old: WORKFLOW, new: edit(WORKFLOW, 'run: npm test', 'run: git push --no-verify origin main') } }, expected: [{ file: '.github/workflows/ci.yml', line: 11 }] },
      { name: 'git commit -n', files: sh('git commit -n -m wip'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'HUSKY=0 in a package.json script', files: { 'package.json': { old: PKG, new: edit(PKG, '"vitest run"', '"vitest run",\n    "save": "HUSKY=0 git commit -am wip"') } }, expected: [{ file: 'package.json', line: 4, messageId: 'hooksOff' }] },
      { name: 'HUSKY: 0 in a workflow env', files: { '.github/workflows/ci.yml': { old: WORKFLOW, new: edit(WORKFLOW, '    runs-on: ubuntu-latest\n    steps:\n      - uses', '    runs-on: ubuntu-latest\n    env:\n      HUSKY: 0\n    steps:\n      - uses') } }, expected: [{ file: '.github/workflows/ci.yml', line: 7 }] },
      { name: 'pre-commit SKIP before git commit', files: sh('SKIP=flake8,mypy git commit -m wip'), expected: [{ file: 'scripts/release.sh', line: 4, messageId: 'hooksSkipped' }] },
      { name: 'export SKIP in a script', files: sh('export SKIP=ruff'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git commit -nm (bundled -n)', files: sh('git commit -nm wip'), expected: [{ file: 'scripts/release.sh', line: 4, messageId: 'noVerify' }] },
      { name: 'git commit -anm (bundled -n)', files: sh('git commit -anm wip'), expected: [{ file: 'scripts/release.sh', line: 4, messageId: 'noVerify' }] },
      { name: 'git commit -na', files: sh('git commit -na'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git commit -qn -m', files: sh('git commit -qn -m x'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git commit --no-verif (abbreviated)', files: sh('git commit --no-verif -m x'), expected: [{ file: 'scripts/release.sh', line: 4, messageId: 'noVerify' }] },
      { name: 'git commit --no-ver (abbreviated)', files: sh('git commit --no-ver -m x'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git push --no-verif (abbreviated)', files: sh('git push --no-verif origin main'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git -C dir commit -nm', files: sh('cd app && git -C sub commit -nm wip'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'a quoted git command name', files: sh("g'i't commit -nm wip"), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git name split by a backslash', files: sh('g\\it commit -nm wip'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git name split by empty quotes', files: sh(`"g"i''t push --no-verify`), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git name after an empty $\'\' string', files: sh("$''git commit -nm wip"), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git by its absolute path', files: sh('/usr/bin/git push --no-verif origin'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: 'git commit -nm in CI', files: { '.github/workflows/ci.yml': { old: WORKFLOW, new: edit(WORKFLOW, 'run: npm test', 'run: git commit -anm "bump"') } }, expected: [{ file: '.github/workflows/ci.yml', line: 11 }] },
      { name: 'a quoted CI run value', files: { '.github/workflows/ci.yml': { old: WORKFLOW, new: edit(WORKFLOW, 'run: npm test', `run: "git push --no-verif origin main"`) } }, expected: [{ file: '.github/workflows/ci.yml', line: 11 }] },
      { name: 'git commit -nm in a package.json script', files: { 'package.json': { old: PKG, new: edit(PKG, '"vitest run"', '"vitest run",\n    "save": "git commit -anm \\"wip\\""') } }, expected: [{ file: 'package.json', line: 4, messageId: 'noVerify' }] },
      { name: 'git commit -nm in a Makefile recipe', files: { Makefile: { old: 'save:\n\tgit add -A\n', new: 'save:\n\tgit add -A\n\t@git commit -nm wip\n' } }, expected: [{ file: 'Makefile', line: 3 }] },
      { name: 'sudo before git commit -n', files: sh('sudo -u deploy git commit -qnm x'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
      { name: '--no-verify on a continued line', files: sh('git commit \\\n  --no-verify -m release'), expected: [{ file: 'scripts/release.sh', line: 4, messageId: 'noVerify' }] },
      { name: 'git commit -n after a continuation', files: sh('git commit -m release \\\n  -n'), expected: [{ file: 'scripts/release.sh', line: 4 }] },
    ],
    pass: [
      { name: 'an escaped backslash before --no-verify', files: sh('echo git commit \\\\\n--no-verify') },
      { name: '--no-verify in Markdown', files: { 'CONTRIBUTING.md': { old: '# Contributing\n', new: '# Contributing\n\nNever run `git commit --no-verify`.\n' } } },
      { name: '--no-verify in an echoed string', files: sh('echo "do not use git commit --no-verify"') },
      { name: '--no-verify in a comment', files: sh('# git commit --no-verify is not allowed') },
      { name: '--no-verify in TypeScript source', files: { 'src/git.ts': { new: "export const args = ['commit', '--no-verify'];\n" } } },
      { name: 'npm publish --no-verify-access', files: sh('npm publish --no-verify-access') },
      { name: 'git push -n (a dry run)', files: sh('git push -n origin main') },
      { name: 'SKIP= for another tool', files: sh('SKIP=1 make build') },
      { name: 'git commit -m "-n"', files: sh('git commit -m "-n"') },
      { name: 'git commit -mn (message n)', files: sh('git commit -mn') },
      { name: 'git commit -uno', files: sh('git commit -uno -m wip') },
      { name: 'git commit --no-edit', files: sh('git commit --amend --no-edit') },
      { name: 'git commit -nm in an echoed string', files: sh('echo "git commit -nm wip"') },
      { name: 'git commit -nm in a comment', files: sh('git status # git commit -nm wip') },
      { name: 'a removed git commit -nm', files: { 'scripts/release.sh': { old: `${SCRIPT}git commit -nm x\n`, new: `${SCRIPT}echo done\ngit commit -nm x\n` } } },
      { name: 'a removed --no-verify', files: { 'scripts/release.sh': { old: `${SCRIPT}git commit --no-verify -m x\n`, new: `${SCRIPT}git commit -m x\n` } } },
    ],
    todo: [{ name: 'an alias of commit with -n', files: sh('git ci -nm wip'), currentCount: 0 }],
  });
});

describe('disabled-check/guardian-config-changed', () => {
  runTable(guardianConfigChanged, {
    flag: [
      { name: 'an edited .diff-guardian.yml', files: { '.diff-guardian.yml': { old: 'extends: [default]\n', new: 'extends: [default]\nrules: []\n' } }, expected: [{ file: '.diff-guardian.yml', line: 0, messageId: 'changed' }] },
      { name: 'a pack in .diff-guardian/', files: { '.diff-guardian/team.yml': { new: 'rules: []\n' } }, expected: [{ file: '.diff-guardian/team.yml', line: 0 }] },
      {
        name: 'the block install adds to a husky hook, as one finding',
        files: { '.husky/pre-commit': { old: '#!/bin/sh\nnpm test\n', new: insertBlock('#!/bin/sh\nnpm test\n', blockFor('pre-commit')) } },
        expected: [{ file: '.husky/pre-commit', line: 2, messageId: 'hookChanged' }],
      },
      { name: 'a diff-guardian line removed from a husky hook', files: { '.husky/pre-commit': { old: HUSKY, new: edit(HUSKY, 'npx diff-guardian hook pre-commit\n', '') } }, expected: [{ file: '.husky/pre-commit', line: 3, messageId: 'hookChanged' }] },
      { name: 'a diff-guardian call edited in a hook shim', files: { 'hooks/pre-push': { old: '#!/bin/sh\nexec diff-guardian hook pre-push "$@"\n', new: '#!/bin/sh\nexec diff-guardian hook pre-push "$@" || true\n' } }, expected: [{ file: 'hooks/pre-push', line: 2, messageId: 'hookChanged' }] },
      { name: 'a deleted .githooks script that ran diff-guardian', files: { '.githooks/pre-commit': { old: '#!/bin/sh\ndiff-guardian hook pre-commit\n' } }, expected: [{ file: '.githooks/pre-commit', line: 0, messageId: 'hookDeleted' }] },
      { name: 'core.hooksPath set in package.json prepare', files: { 'package.json': { old: PKG, new: edit(PKG, '"vitest run"', '"vitest run",\n    "prepare": "git config core.hooksPath /dev/null"') } }, expected: [{ file: 'package.json', line: 4, messageId: 'hooksPathChanged' }] },
      { name: 'hooksPath in a .gitconfig', files: { '.gitconfig': { old: '[core]\n\tautocrlf = false\n', new: '[core]\n\tautocrlf = false\n\thooksPath = .nohooks\n' } }, expected: [{ file: '.gitconfig', line: 3 }] },
      { name: 'HOOKSPATH in upper case', files: { 'setup.sh': { old: '#!/bin/sh\n', new: '#!/bin/sh\ngit config CORE.HOOKSPATH /tmp/none\n' } }, expected: [{ file: 'setup.sh', line: 2, messageId: 'hooksPathChanged' }] },
      { name: 'core.hooksPath set past character 2,000 of a minified package.json', files: { 'package.json': { old: '{}\n', new: `{"description":"${'x'.repeat(3000)}","scripts":{"prepare":"git config core.hooksPath /dev/null"}}\n` } }, expected: [{ file: 'package.json', line: 1, messageId: 'hooksPathChanged' }] },
      { name: 'core.hooksPath removed', files: { 'setup.sh': { old: '#!/bin/sh\ngit config core.hooksPath .githooks\n', new: '#!/bin/sh\n' } }, expected: [{ file: 'setup.sh', line: 2, messageId: 'hooksPathChanged' }] },
    ],
    pass: [
      { name: 'core.hooksPath in Markdown', files: { 'docs/hooks.md': { old: '# Hooks\n', new: '# Hooks\n\nRun `git config core.hooksPath .husky`.\n' } } },
      { name: 'a husky hook edited away from diff-guardian lines', files: { '.husky/pre-commit': { old: HUSKY, new: edit(HUSKY, 'npx lint-staged', 'npx lint-staged --quiet') } } },
      { name: 'a core.hooksPath line that only moved', files: { 'setup.sh': { old: '#!/bin/sh\ngit config core.hooksPath .githooks\nnpm ci\n', new: '#!/bin/sh\nnpm ci\ngit config core.hooksPath .githooks\n' } } },
      { name: 'hooksPath text without a setting', files: { 'src/hooks.ts': { old: '', new: 'const hooksPathLabel = readLabel();\n' } } },
      { name: 'a diff-guardian line that only moved', files: { '.husky/pre-commit': { old: HUSKY, new: 'npx diff-guardian hook pre-commit\nnpx lint-staged\nnpm test\n' } } },
      { name: 'diff-guardian named in an unrelated script', files: { 'scripts/release.sh': { old: SCRIPT, new: `${SCRIPT}npx diff-guardian check HEAD\n` } } },
    ],
  });
});

describe('disabled-check/hook-removed', () => {
  runTable(hookRemoved, {
    flag: [
      { name: 'a deleted husky hook', files: { '.husky/pre-push': { old: 'npm test\n' } }, expected: [{ file: '.husky/pre-push', line: 0, messageId: 'scriptDeleted' }] },
      { name: 'a command removed from a husky hook', files: { '.husky/pre-commit': { old: HUSKY, new: edit(HUSKY, 'npm test\n', '') } }, expected: [{ file: '.husky/pre-commit', line: 2, messageId: 'commandRemoved' }] },
      { name: 'a hook removed from .pre-commit-config.yaml', files: { '.pre-commit-config.yaml': { old: PRE_COMMIT, new: edit(PRE_COMMIT, '      - id: ruff-format\n', '') } }, expected: [{ file: '.pre-commit-config.yaml', line: 6, messageId: 'hookRemoved' }] },
      { name: 'a whole repo removed from .pre-commit-config.yaml', files: { '.pre-commit-config.yaml': { old: PRE_COMMIT, new: edit(PRE_COMMIT, '  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n    hooks:\n      - id: ruff\n      - id: ruff-format\n', '') } }, expected: [{ file: '.pre-commit-config.yaml', line: 5 }, { file: '.pre-commit-config.yaml', line: 6 }] },
      { name: 'a lefthook command removed', files: { 'lefthook.yml': { old: LEFTHOOK, new: edit(LEFTHOOK, '    types:\n      run: npx tsc --noEmit\n', '') } }, expected: [{ file: 'lefthook.yml', line: 5 }] },
    ],
    pass: [
      { name: 'a hook added', files: { '.pre-commit-config.yaml': { old: PRE_COMMIT, new: edit(PRE_COMMIT, '      - id: ruff-format\n', '      - id: ruff-format\n      - id: ruff-check\n') } } },
      { name: 'a rev bump', files: { '.pre-commit-config.yaml': { old: PRE_COMMIT, new: edit(PRE_COMMIT, 'v0.6.0', 'v0.7.0') } } },
      { name: 'a husky command reworded', files: { '.husky/pre-commit': { old: HUSKY, new: edit(HUSKY, 'npm test\n', 'npm test\n') } } },
      { name: 'a removed comment in a husky hook', files: { '.husky/pre-commit': { old: `# run checks\n${HUSKY}`, new: HUSKY } } },
      { name: 'husky internals under .husky/_', files: { '.husky/_/husky.sh': { old: 'echo a\n', new: 'echo b\n' } } },
      { name: 'the diff-guardian hook removed, reported by guardian-config-changed', files: { '.pre-commit-config.yaml': { old: PRE_COMMIT, new: PRE_COMMIT.slice(0, PRE_COMMIT.indexOf('  - repo: local')) } } },
    ],
  });
});
