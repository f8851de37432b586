import { describe, expect, it } from 'vitest';
import { expandGitAliases, repositoryAliases } from '../../src/gate/shell/git-aliases.js';
import { parseShell } from '../../src/gate/shell/parse.js';
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
    const read = repositoryAliases(repo.dir)();
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
});
