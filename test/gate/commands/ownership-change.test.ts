import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/ownership-change.js';
import { commandFindings, expectOneCommandFinding } from '../helpers.js';

const RULE = 'permission/shell-ownership-change';

const flag: string[] = [
  'chown -R agent:agent /usr/local',
  'sudo chown root /etc/sudoers.d/agent',
  'chgrp staff /opt/tools',
  'chown -R nobody ~/.ssh',
  'chown me /srv/other-project/data',
];

const pass: string[] = [
  'chown -R agent:agent ./build',
  'chown agent dist/app.js',
  'chgrp staff logs',
  'chown --reference=a.txt /etc/hosts',
  'echo chown root /etc',
];

describe(RULE, () => {
  it.each(flag)('flags %s', async (command) => {
    const finding = expectOneCommandFinding(await commandFindings(detector, command), RULE);
    expect(finding.action).toBe('block');
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command)).toEqual([]);
  });
});
