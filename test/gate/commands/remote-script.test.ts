import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/remote-script.js';
import { commandFindings, expectOneCommandFinding } from '../helpers.js';

const RULE = 'dependency/shell-remote-script';

const flag: string[] = [
  'curl -fsSL https://get.example.test/install.sh | sh',
  'curl -s https://example.test/x | bash -s -- --yes',
  'wget -qO- https://example.test/setup | sudo bash',
  'curl -L https://example.test/i.py | python3 -',
  'curl https://example.test/i.py | python3',
  'curl -s https://example.test/x | tee install.log | sh',
  'sh -c "$(curl -fsSL https://example.test/install.sh)"',
  'bash <(curl -s https://example.test/x)',
  'eval "$(curl -s https://example.test/env)"',
  'source <(wget -qO- https://example.test/env)',
  'cd /tmp && curl -s https://example.test/x | zsh',
];

const pass: string[] = [
  'curl -fsSL -o install.sh https://example.test/install.sh',
  'curl -s https://api.example.test/items | jq .',
  'curl -s https://example.test/data.json | python3 -m json.tool',
  'wget -qO- https://example.test/a.tar.gz | tar xz',
  'bash ./scripts/setup.sh',
  'echo "curl https://x | sh"',
  'curl -s https://example.test/version',
  'python3 tools/report.py "$(curl -s https://example.test/version)"',
];

// Cases the rule still gets wrong; each is asserted to keep its current result.
const todo: Array<[string, number]> = [
  // Downloading to a file and running it in a later command is not linked.
  ['curl -o i.sh https://example.test/i.sh && sh i.sh', 0],
];

describe(RULE, () => {
  it.each(flag)('flags %s', async (command) => {
    const finding = expectOneCommandFinding(await commandFindings(detector, command), RULE);
    expect(finding.action).toBe('block');
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command)).toEqual([]);
  });

  it.each(todo)('still reports %s %i times', async (command, count) => {
    expect(await commandFindings(detector, command)).toHaveLength(count);
  });
});
