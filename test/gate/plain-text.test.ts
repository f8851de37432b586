import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskShellValues, plainCommandText } from '../../src/gate/shell/plain-text.js';
import { githubToken, randomFrom, remember, BASE62 } from '../helpers/secrets.js';
import { runCli, TestRepo } from '../helpers/repo.js';

describe('plainCommandText', () => {
  const cases: Array<[string, string]> = [
    ['echo "a\\$b" c\\ d', 'echo a$b c d'],
    ["echo 'a\\$b'", 'echo a\\$b'],
    ['echo "keep \\n and \\" "', 'echo keep \\n and " '],
    ['curl -H ab\\\ncd', 'curl -H abcd'],
    ["echo 'x''y'\"z\"", 'echo xyz'],
    ['trailing \\', 'trailing \\'],
  ];
  it.each(cases)('reads %j', (text, plain) => {
    expect(plainCommandText(text)).toBe(plain);
  });
});

describe('gate target of a command with a quoted or split credential', () => {
  it('masks the credential in the audit log however it is written', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n').commit('init');
    const password = remember(randomFrom(BASE62, 6) + '$' + randomFrom(BASE62, 6));
    const token = githubToken();
    const commands = [
      `PGPASSWORD="${password.replace('$', '\\$')}" psql -h 127.0.0.1`,
      `curl -k -H "Authorization: Bearer ${token.slice(0, 10)}\\\n${token.slice(10, 20)}\\\n${token.slice(20)}" https://127.0.0.1/`,
    ];
    for (const command of commands) {
      const payload = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: repo.dir, tool_name: 'Bash', tool_input: { command } });
      runCli(repo.dir, ['gate'], { input: payload });
    }
    const log = readFileSync(repo.path('.git/diff-guardian/gate.log'), 'utf8');
    expect(log.split('\n').filter(Boolean)).toHaveLength(2);
    for (const piece of [password.slice(0, 6), password.slice(7), token.slice(4, 10), token.slice(10, 20), token.slice(20, 30)]) {
      expect(log).not.toContain(piece);
    }
  });
});

describe('maskShellValues', () => {
  it('masks the raw span of a value however it is quoted', () => {
    expect(maskShellValues('PGPASSWORD="abcdef\\$ghijkl" psql', ['abcdef$ghijkl'])).toBe('PGPASSWORD="…[redacted 13 chars]" psql');
    expect(maskShellValues("x 'abcd''efgh' y", ['abcdefgh'])).toBe("x '…[redacted 8 chars]' y");
    expect(maskShellValues('x abcd\\\nefgh y', ['abcdefgh'])).toBe('x …[redacted 8 chars] y');
  });

  it('masks a short value only where it stands alone', () => {
    expect(maskShellValues('mysql -p ab about', ['ab'])).toBe('mysql -p …[redacted 2 chars] about');
  });
});
