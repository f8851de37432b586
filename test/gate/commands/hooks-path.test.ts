import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/hooks-path.js';
import { commandFindings, expectOneCommandFinding } from '../helpers.js';

const RULE = 'disabled-check/shell-hooks-path-changed';

const flag: Array<[string, string]> = [
  ['git config core.hooksPath /dev/null', 'points core.hooksPath at /dev/null'],
  ['git config --local core.hookspath .nohooks', 'points core.hooksPath at .nohooks'],
  ['git config --global core.hooksPath ~/empty', 'points core.hooksPath'],
  ['git config set core.hooksPath x', 'points core.hooksPath at x'],
  ['git config --unset core.hooksPath', 'unsets'],
  ['git config --unset-a core.hooksPath', 'unsets'],
  ['git config --ad core.hooksPath x', 'points core.hooksPath at x'],
  ['git config --unset-all core.hooksPath', 'unsets'],
  ['git config --add core.hooksPath x', 'points core.hooksPath at x'],
  ['git config --replace-all core.hooksPath x', 'points core.hooksPath at x'],
  ["git config core.hooks''Path x", 'points core.hooksPath at x'],
  [`GIT_CONFIG_PARAMETERS="'core.hooksPath'='x'" git commit -m wip`, 'overrides core.hooksPath for the git commands'],
  ['export GIT_CONFIG_KEY_0=core.hooksPath', 'overrides core.hooksPath for the git commands'],
  ['git config unset core.hooksPath', 'unsets'],
  ['git config -f .git/config core.hooksPath x', 'points core.hooksPath at x'],
  ['git -c core.hooksPath=/dev/null commit -m wip', 'overrides core.hooksPath for the git commands'],
  ['GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/dev/null git commit', 'overrides core.hooksPath for the git commands'],
];

const pass: string[] = [
  'git config core.hooksPath',
  'git config --get core.hooksPath',
  'git config get core.hooksPath',
  'git config --list',
  'git config --unse core.hooksPath',
  'git config user.name "Dana"',
  'echo "git config core.hooksPath x"',
  'git -c user.name=x commit -m wip',
];

describe(RULE, () => {
  it.each(flag)('flags %s', async (command, fragment) => {
    const finding = expectOneCommandFinding(await commandFindings(detector, command), RULE);
    expect(finding.action).toBe('block');
    expect(finding.message).toContain(fragment);
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command)).toEqual([]);
  });
});
