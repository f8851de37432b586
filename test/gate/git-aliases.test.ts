import { describe, expect, it } from 'vitest';
import { expandGitAliases, repositoryAliases } from '../../src/gate/shell/git-aliases.js';
import { parseShell } from '../../src/gate/shell/parse.js';
import { trackWorkingDirectories } from '../../src/gate/shell/working-dirs.js';

const readCommands = (text: string) => trackWorkingDirectories(parseShell(text));
import { runCli, TestRepo } from '../helpers/repo.js';

const aliases = new Map([
  ['ci', 'commit -n'],
  ['yolo', 'ci --allow-empty'],
  ['pf', '!git push --no-verify'],
  ['st', 'status'],
  ['loop', 'loop'],
]);

function expanded(command: string, lookup = aliases): string[][] {
  return expandGitAliases(parseShell(command), () => lookup).map((c) => c.argv);
}

describe('git alias expansion', () => {
  const cases: Array<[string, string, string[][]]> = [
    ['a plain alias', 'git ci -m x', [['git', 'ci', '-m', 'x'], ['git', 'commit', '-n', '-m', 'x']]],
    ['an alias of an alias', 'git yolo -m x', [['git', 'yolo', '-m', 'x'], ['git', 'ci', '--allow-empty', '-m', 'x'], ['git', 'commit', '-n', '--allow-empty', '-m', 'x']]],
    ['a shell alias, arguments appended', 'git pf origin main', [['git', 'pf', 'origin', 'main'], ['git', 'push', '--no-verify', 'origin', 'main']]],
    ['global options and wrappers kept', 'sudo git -C sub ci', [['sudo', 'git', '-C', 'sub', 'ci'], ['sudo', 'git', '-C', 'sub', 'commit', '-n']]],
    ['an alias given with -c', "git -c alias.go='push --force' go", [['git', '-c', 'alias.go=push --force', 'go'], ['git', '-c', 'alias.go=push --force', 'push', '--force']]],
    ['a built-in, never an alias', 'git commit -m x', [['git', 'commit', '-m', 'x']]],
    ['an unknown name', 'git nothing', [['git', 'nothing']]],
  ];
  it.each(cases)('expands %s', (_name, command, argvs) => {
    expect(expanded(command)).toEqual(argvs);
  });

  it('follows a chain of aliases deeper than a few steps', () => {
    const chain = new Map(Array.from({ length: 12 }, (_, i) => [`d${i}`, i === 11 ? 'commit -n' : `d${i + 1}`]));
    const last = expanded('git d0 -m x', chain).at(-1);
    expect(last).toEqual(['git', 'commit', '-n', '-m', 'x']);
  });

  it('passes the arguments into a shell function alias', () => {
    const functions = new Map([['fx', '!f(){ git commit "$@"; }; f'], ['one', '!git push origin "$1"']]);
    expect(expanded('git fx --no-verify -m x', functions)).toContainEqual(['git', 'commit', '--no-verify', '-m', 'x']);
    expect(expanded('git one main', functions)).toContainEqual(['git', 'push', 'origin', 'main', 'main']);
  });

  it('reads a definition from --config-env and from git config earlier in the line', () => {
    expect(expanded("V='commit -n' git --config-env=alias.zz=V zz", new Map())).toContainEqual(['git', '--config-env=alias.zz=V', 'commit', '-n']);
    expect(expanded("git config alias.zz 'commit -n' && git zz -m x", new Map())).toContainEqual(['git', 'commit', '-n', '-m', 'x']);
    expect(expanded("git config --global set alias.yy 'push --no-verify'; git yy", new Map())).toContainEqual(['git', 'push', '--no-verify']);
  });

  it('looks aliases up in the folder and environment the command sets', () => {
    const scopes: unknown[] = [];
    const lookup = (scope: unknown) => {
      scopes.push(scope);
      return new Map([['oc', 'commit -n']]);
    };
    expandGitAliases(readCommands('git -C ../other oc; cd /srv/x && HOME=/tmp/h GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=alias.oc GIT_CONFIG_VALUE_0=x git oc'), lookup);
    expect(scopes).toEqual([
      { dir: '../other' },
      { dir: '/srv/x', env: { HOME: '/tmp/h', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'alias.oc', GIT_CONFIG_VALUE_0: 'x' } },
    ]);
  });

  it('stops at an alias that names itself', () => {
    expect(expanded('git loop').length).toBeLessThanOrEqual(9);
  });

  it('looks aliases up only when a git command needs one', () => {
    let lookups = 0;
    const counting = () => {
      lookups += 1;
      return aliases;
    };
    expandGitAliases(parseShell('git status && git commit -m x && ls'), counting);
    expect(lookups).toBe(0);
  });

  it('reads aliases from the repository config, names in any case', () => {
    const repo = TestRepo.init();
    repo.git('config', 'alias.Ci', 'commit --no-verify');
    repo.git('config', 'alias.multi', '!f() {\n git push --no-verify "$@"\n}; f');
    const read = repositoryAliases(repo.dir)({});
    expect(read.get('ci')).toBe('commit --no-verify');
    expect(read.get('multi')).toContain('git push --no-verify');
  });
});

describe('gate with git aliases', () => {
  function decide(repo: TestRepo, command: string): string {
    const payload = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: repo.dir, tool_name: 'Bash', tool_input: { command } });
    const result = runCli(repo.dir, ['gate', '--no-log'], { input: payload });
    return result.stdout === '' ? 'allow' : JSON.parse(result.stdout).hookSpecificOutput.permissionDecision;
  }

  it('denies hooks skipped or a force push through a repository alias', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n').commit('init');
    repo.git('config', 'alias.ci', 'commit -n');
    repo.git('config', 'alias.shove', 'push --force origin main');
    expect(decide(repo, 'git ci -m wip')).toBe('deny');
    expect(decide(repo, 'git shove')).toBe('deny');
    expect(decide(repo, 'git ci2 -m wip')).toBe('allow');
  });

  it('denies aliases from config in the environment and in another repository', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n').commit('init');
    const other = TestRepo.init();
    other.git('config', 'alias.oc', 'commit --no-verify');
    expect(decide(repo, `GIT_CONFIG_PARAMETERS="'alias.pz=commit -n'" git pz -m x`)).toBe('deny');
    expect(decide(repo, "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=alias.zz GIT_CONFIG_VALUE_0='commit -n' git zz -m x")).toBe('deny');
    expect(decide(repo, `git -C ${other.dir} oc -m x`)).toBe('deny');
    expect(decide(repo, `cd ${other.dir} && git oc -m x`)).toBe('deny');
  });
});
