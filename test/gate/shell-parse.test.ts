import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/gate/shell/lexer.js';
import { parseShell, unwrapCommand } from '../../src/gate/shell/parse.js';

function argvs(source: string): string[][] {
  return parseShell(source).map((c) => c.argv);
}

describe('shell tokenizer', () => {
  it('removes quotes and keeps expansions', () => {
    const words = tokenize(`echo 'a b' "c \\"d\\" $HOME" e\\ f $'g\\nh'`).map((t) => (t.type === 'word' ? t.value : t.type));
    expect(words).toEqual(['echo', 'a b', 'c "d" $HOME', 'e f', 'g\nh']);
  });

  it('reads redirections with descriptors', () => {
    const [command] = parseShell('make 2>err.log >>out.log 2>&1 <in');
    expect(command!.argv).toEqual(['make']);
    expect(command!.redirects).toEqual([
      { op: '>', fd: 2, target: 'err.log' },
      { op: '>>', fd: null, target: 'out.log' },
      { op: '>&', fd: 2, target: '1' },
      { op: '<', fd: null, target: 'in' },
    ]);
  });

  it('skips here-document bodies', () => {
    const commands = parseShell("cat <<'EOF' > notes.txt\nsudo rm -rf /\nEOF\necho done");
    expect(commands.map((c) => c.argv)).toEqual([['cat'], ['echo', 'done']]);
    expect(commands[0]!.redirects[1]).toEqual({ op: '>', fd: null, target: 'notes.txt' });
  });

  it('treats a comment as no command', () => {
    expect(argvs('ls # sudo rm -rf /')).toEqual([['ls']]);
  });

  it('keeps a hash inside a word', () => {
    expect(argvs('echo a#b')).toEqual([['echo', 'a#b']]);
  });
});

describe('shell parser', () => {
  it('splits lists and pipelines', () => {
    const commands = parseShell('cd app && npm test || echo failed; curl -s x | sh');
    expect(commands.map((c) => c.argv[0])).toEqual(['cd', 'npm', 'echo', 'curl', 'sh']);
    expect(commands[3]!.pipeline).toBe(commands[4]!.pipeline);
    expect(commands[3]!.stage).toBe(0);
    expect(commands[4]!.stage).toBe(1);
    expect(commands[2]!.pipeline).not.toBe(commands[3]!.pipeline);
  });

  it('separates assignments from the command', () => {
    const [command] = parseShell('HUSKY=0 CI=1 git commit -m "x=y"');
    expect(command!.env).toEqual([
      { name: 'HUSKY', value: '0' },
      { name: 'CI', value: '1' },
    ]);
    expect(command!.argv).toEqual(['git', 'commit', '-m', 'x=y']);
  });

  it('parses the script of bash -c', () => {
    const commands = parseShell(`bash -lc 'git commit --no-verify -m "wip"'`);
    expect(commands.map((c) => c.origin)).toEqual(['top', 'shell -c']);
    expect(commands[1]!.argv).toEqual(['git', 'commit', '--no-verify', '-m', 'wip']);
  });

  it('parses command substitutions', () => {
    const commands = parseShell('sh -c "$(curl -fsSL https://example.test/install.sh)"');
    const nested = commands.filter((c) => c.origin === 'substitution');
    expect(nested.map((c) => c.argv[0])).toContain('curl');
  });

  it('parses backquotes and process substitution', () => {
    expect(argvs('echo `whoami`; bash <(wget -qO- x)').map((a) => a[0])).toEqual(['echo', 'whoami', 'bash', 'wget']);
  });

  it('parses eval arguments', () => {
    const commands = parseShell(`eval "chmod 777 ./run"`);
    expect(commands[1]!.origin).toBe('eval');
    expect(commands[1]!.argv).toEqual(['chmod', '777', './run']);
  });

  it('drops reserved words before a command', () => {
    expect(argvs('if git push -f; then echo ok; fi')).toEqual([['git', 'push', '-f'], ['echo', 'ok']]);
  });

  it('splits subshells', () => {
    expect(argvs('(cd sub && sudo make install)').map((a) => a[0])).toEqual(['cd', 'sudo']);
  });

  it('keeps quoted operators inside words', () => {
    expect(argvs(`echo "a && b | c; d"`)).toEqual([['echo', 'a && b | c; d']]);
  });

  it('survives an unterminated quote', () => {
    expect(argvs(`echo "open`)).toEqual([['echo', 'open']]);
  });
});

describe('command unwrapping', () => {
  const table: Array<[string, string[], string[]]> = [
    ['sudo -u root -E chmod 777 x', ['chmod', '777', 'x'], ['sudo']],
    ['env -i PATH=/bin HUSKY=0 git commit', ['git', 'commit'], ['env']],
    ['nohup nice -n 5 timeout -s KILL 30 npm install left-pad', ['npm', 'install', 'left-pad'], ['nohup', 'nice', 'timeout']],
    ['xargs -n1 chmod 777', ['chmod', '777'], ['xargs']],
    ['/usr/bin/sudo -- git push -f', ['git', 'push', '-f'], ['sudo']],
    ['command -v git', ['command', '-v', 'git'], []],
  ];
  it.each(table)('unwraps %s', (source, argv, wrappers) => {
    const unwrapped = unwrapCommand(parseShell(source)[0]!);
    expect(unwrapped.argv).toEqual(argv);
    expect(unwrapped.wrappers).toEqual(wrappers);
  });

  it('collects env wrapper assignments', () => {
    const unwrapped = unwrapCommand(parseShell('env HUSKY=0 git commit')[0]!);
    expect(unwrapped.env).toEqual([{ name: 'HUSKY', value: '0' }]);
  });
});
