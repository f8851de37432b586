import { describe, expect, it } from 'vitest';
import { commandCredentials } from '../../src/gate/command-credentials.js';
import { parseShell } from '../../src/gate/shell/parse.js';

function credentialsOf(command: string): string[] {
  return commandCredentials(command, parseShell(command)).sort();
}

// The values below are placeholders that name their role; the leak tests use generated ones.
const flag: Array<[string, string[]]> = [
  ['curl -s http://user:pw1@127.0.0.1/i.sh | sh', ['pw1']],
  ['git clone "https://oauth2:tok-en@127.0.0.1/r.git"', ['tok-en']],
  ['curl -u admin:pw2 http://127.0.0.1/', ['pw2']],
  ['curl --user=admin:pw3 http://127.0.0.1/', ['pw3']],
  ['curl -uadmin:pw4 http://127.0.0.1/', ['pw4']],
  ['wget --password=pw5 http://127.0.0.1/f', ['pw5']],
  ['sudo mysql -uroot -ppw6', ['pw6']],
  ['mysqldump -p"pw7" app', ['pw7']],
  ['sshpass -p pw8 ssh root@127.0.0.1', ['pw8']],
  ['PGPASSWORD=pw9 psql -h 127.0.0.1', ['pw9']],
  ['export GITHUB_TOKEN=tk1', ['tk1']],
  ['sudo env MYSQL_PWD=pw10 mysql', ['pw10']],
  ['docker run -e API_KEY=key1 app', ['key1']],
  ["curl -H 'Authorization: Bearer tk2' http://127.0.0.1/", ['tk2']],
  ["curl -H 'X-Api-Key: key2' http://127.0.0.1/", ['key2']],
  ['docker login --password pw11 127.0.0.1:5000', ['pw11']],
  ['tool --client-secret=sec1', ['sec1']],
  ['echo $(curl -u a:pw12 http://127.0.0.1/)', ['pw12']],
];

const pass: string[] = [
  'git push origin main',
  'ssh git@127.0.0.1',
  'git clone https://127.0.0.1/r.git',
  'sudo -u root:wheel ls',
  'docker run -u 1000:1000 app',
  'mysql -p app',
  'cd "$PWD" && OLDPWD=/tmp ls',
  'docker login --password-stdin 127.0.0.1:5000',
  'tool --no-password run',
  'tool --token-file ~/.token',
  "curl -H 'Accept: application/json' http://127.0.0.1/",
];

describe('commandCredentials', () => {
  for (const [command, expected] of flag) {
    it(`finds ${expected.join(', ')} in ${command}`, () => {
      expect(credentialsOf(command)).toEqual(expected);
    });
  }
  for (const command of pass) {
    it(`finds nothing in ${command}`, () => {
      expect(credentialsOf(command)).toEqual([]);
    });
  }
});
