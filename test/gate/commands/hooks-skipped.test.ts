import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/hooks-skipped.js';
import { commandFindings, expectOneCommandFinding } from '../helpers.js';

const RULE = 'disabled-check/shell-hooks-skipped';

const flag: Array<[string, string]> = [
  ['git commit --no-verify -m "wip"', '--no-verify'],
  ['git commit -n -m "wip"', '-n'],
  ['git commit -nm "wip"', '-n'],
  ['git commit -anm wip', '-n'],
  ['git commit --no-veri -m wip', '--no-verify'],
  ['git commit --no-verif -m wip', '--no-verify'],
  ['git commit --no-ver -m wip', '--no-verify'],
  ['git commit -na', '-n'],
  ['git commit -qn -m wip', '-n'],
  ['g\'i\'t commit -nm wip', '-n'],
  ['git push --no-verif origin main', '--no-verify'],
  ['git push --no-ver origin main', '--no-verify'],
  ['git -C app commit --no-verify', '--no-verify'],
  ['git push --no-verify origin feature', '--no-verify'],
  ['git merge --no-verify topic', '--no-verify'],
  ['cd repo && git add -A && git commit -m fix --no-verify', '--no-verify'],
  [`bash -c 'git commit --no-verify -m "x"'`, '--no-verify'],
  ['HUSKY=0 git commit -m wip', 'HUSKY'],
  ['env HUSKY=0 git push', 'HUSKY'],
  ['SKIP=eslint,prettier git commit -m wip', 'SKIP'],
  ['LEFTHOOK=0 git commit -m wip', 'LEFTHOOK'],
  ['export HUSKY=0', 'HUSKY'],
];

const pass: string[] = [
  'git commit -m "add --no-verify to the docs"',
  'git commit -m -n',
  'git commit -m "-n"',
  'git commit -mn',
  'git commit -F -n',
  'git commit --no-edit -m wip',
  'git push --no-thin origin main',
  'git commit -uno -m wip',
  'git commit -S -m signed',
  'git push -n origin main',
  'git log --no-verify',
  'git commit --verify -m wip',
  'echo git commit --no-verify',
  'HUSKY=1 git commit -m wip',
  'export CI=1',
  'grep -- --no-verify CONTRIBUTING.md',
];

describe(RULE, () => {
  it.each(flag)('flags %s', async (command, what) => {
    const finding = expectOneCommandFinding(await commandFindings(detector, command), RULE);
    expect(finding.action).toBe('block');
    expect(finding.message).toContain(what);
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command)).toEqual([]);
  });
});
