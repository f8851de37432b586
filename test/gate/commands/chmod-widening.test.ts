import { describe, expect, it } from 'vitest';
import detector, { wideningOf } from '../../../src/gate/commands/chmod-widening.js';
import { commandFindings, expectOneCommandFinding } from '../helpers.js';

const RULE = 'permission/shell-chmod-widening';

const flag: Array<[string, string]> = [
  ['chmod 777 ./run.sh', 'every user'],
  ['chmod -R 0777 build', 'every user'],
  ['chmod 666 .env', 'every user'],
  ['chmod o+w config.json', 'every user'],
  ['chmod a+rwx deploy/', 'every user'],
  ['chmod go=u secrets.txt', 'every user'],
  ['chmod u+s ./helper', 'set-user-ID'],
  ['chmod 4755 ./helper', 'set-user-ID'],
  ['sudo chmod 777 /var/www', 'every user'],
  ['bash -c "chmod 777 ./run.sh"', 'every user'],
  ['install -m 777 tool /usr/local/bin/tool', 'every user'],
  ['mkdir -p -m 0777 shared', 'every user'],
  ['/bin/chmod 777 /srv', 'every user'],
  ['/usr/bin/chmod 777 /srv', 'every user'],
  ['\\chmod 777 /srv', 'every user'],
  ["ch''mod 777 /srv", 'every user'],
  ['"chmod" 777 /srv', 'every user'],
  ["'/bin/ch'mod o+w /srv", 'every user'],
  ['find . -exec chmod 777 {} +', 'every user'],
  ['find /srv -type d -execdir chmod o+w {} \\;', 'every user'],
  ['ls | xargs chmod 777', 'every user'],
  ['mkdir -m 777 /srv/shared', 'every user'],
  ['install -m 0777 tool /srv/tool', 'every user'],
  ['sudo -u root chmod 777 /srv', 'every user'],
  ['env chmod 777 /srv', 'every user'],
  ['command chmod 777 /srv', 'every user'],
  ['umask 000', 'umask'],
  ['umask 0', 'umask'],
];

const pass: string[] = [
  'chmod 755 ./run.sh',
  'chmod +x ./run.sh',
  'chmod 644 README.md',
  'chmod 600 ~/.ssh/id_ed25519',
  'chmod go-w shared',
  'chmod o-rwx secrets.txt',
  'chmod +w notes.txt',
  'chmod --reference=a.txt b.txt',
  'chmod 2775 shared-dir',
  'echo "chmod 777 is dangerous"',
  'grep -r "chmod 777" docs/',
  'mkdir -m 755 out',
  'mkdir -m 700 private',
  'install -m 0755 tool /usr/local/bin/tool',
  'find . -exec chmod 755 {} +',
  'find . -name "chmod 777" -print',
  'ls | xargs chmod 644',
  'umask 022',
  'umask',
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

  it('names what a mode grants', () => {
    expect(wideningOf('777')).toBe('writable by every user');
    expect(wideningOf('4777')).toBe('writable by every user and set-user-ID');
    expect(wideningOf('u+x,o+w')).toBe('writable by every user');
    expect(wideningOf('750')).toBeNull();
  });
});
