import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/privilege-escalation.js';
import { commandFindings, expectOneCommandFinding } from '../helpers.js';

const RULE = 'permission/shell-privilege-escalation';

const flag: Array<[string, string]> = [
  ['sudo apt-get install -y jq', 'sudo'],
  ['sudo -u postgres psql', 'sudo'],
  ['sudo -i', 'sudo'],
  ['doas make install', 'doas'],
  ['su -c "systemctl restart nginx"', 'su'],
  ['pkexec visudo', 'pkexec'],
  ['cd build && sudo make install', 'sudo'],
  ['env FOO=1 sudo ls', 'sudo'],
  ['bash -c "sudo rm -rf /opt/app"', 'sudo'],
];

const pass: string[] = [
  'echo "run this with sudo"',
  'grep -rn sudo docs/',
  'man sudo',
  'which sudo',
  'npm run sudoku',
  'git commit -m "drop sudo from the install script"',
];

describe(RULE, () => {
  it.each(flag)('flags %s', async (command, tool) => {
    const finding = expectOneCommandFinding(await commandFindings(detector, command), RULE);
    expect(finding.action).toBe('block');
    expect(finding.message).toContain(`with ${tool}`);
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command)).toEqual([]);
  });
});
