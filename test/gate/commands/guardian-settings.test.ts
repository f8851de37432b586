import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/guardian-settings.js';
import { commandFindings, expectOneCommandFinding } from '../helpers.js';

const RULE = 'disabled-check/shell-guardian-settings-changed';

const flag: Array<[string, string]> = [
  ['git config diff-guardian.node /bin/true', 'sets diff-guardian.node'],
  ['git config diff-guardian.cli /tmp/fake.js', 'sets diff-guardian.cli'],
  ['git config Diff-Guardian.Node /bin/true', 'sets diff-guardian.node'],
  ['git config --local diff-guardian.node /bin/true', 'sets diff-guardian.node'],
  ['git config --add diff-guardian.node /bin/true', 'sets diff-guardian.node'],
  ['git config --replace-all diff-guardian.node /bin/true', 'sets diff-guardian.node'],
  ['git config --replace diff-guardian.node /bin/true', 'sets diff-guardian.node'],
  ['git config -f .git/config diff-guardian.node /bin/true', 'sets diff-guardian.node'],
  ['git config --file=.git/config diff-guardian.cli x.js', 'sets diff-guardian.cli'],
  ['git config set diff-guardian.node /bin/true', 'sets diff-guardian.node'],
  ['git config --unset diff-guardian.cli', 'removes diff-guardian.cli'],
  ['git config --unset-all diff-guardian.node', 'removes diff-guardian.node'],
  ['git config unset diff-guardian.node', 'removes diff-guardian.node'],
  ['git config --remove-section diff-guardian', 'whole diff-guardian section'],
  ['git config --rename-section diff-guardian old', 'whole diff-guardian section'],
  ['git config include.path /tmp/extra.cfg', 'adds the config file /tmp/extra.cfg'],
  ['git config includeIf.gitdir:~/.path /tmp/extra.cfg', 'through includeif.gitdir:~/.path'],
  ['git config -e', 'opens the git config in an editor'],
  ['git config edit', 'opens the git config in an editor'],
  ['git -c diff-guardian.node=/bin/true commit -m wip', 'overrides diff-guardian.node'],
  ['GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=diff-guardian.cli GIT_CONFIG_VALUE_0=x git push', 'overrides diff-guardian.cli'],
  [`export GIT_CONFIG_PARAMETERS="'diff-guardian.node'='/bin/true'"`, 'overrides diff-guardian.node'],
  ['export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=diff-guardian.node GIT_CONFIG_VALUE_0=/bin/true', 'overrides diff-guardian.node'],
  ["git con''fig diff-guardian.node /bin/true", 'sets diff-guardian.node'],
  ['sudo git config diff-guardian.node /bin/true', 'sets diff-guardian.node'],
  ['cd repo && git config diff-guardian.node /bin/true', 'sets diff-guardian.node'],
];

const pass: string[] = [
  'git config diff-guardian.node',
  'git config --get diff-guardian.node',
  'git config get diff-guardian.cli',
  'git config --list',
  'git config -l --show-origin',
  'git config --get-regexp diff-guardian',
  'git config user.name "Dana"',
  'git config --unset user.email',
  'git config --remove-section alias',
  'echo "git config diff-guardian.node /bin/true"',
  'git -c user.name=x commit -m wip',
  'export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0=x',
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
