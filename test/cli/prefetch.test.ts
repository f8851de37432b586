import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsFile, cleanEnv, gitRun } from '../hooks/server-helpers.js';
import { runCli, TestRepo } from '../helpers/repo.js';

// The launcher starts the first git calls of `check --staged`, `hook
// pre-commit` and `gate` before the CLI loads. These tests run the built CLI
// with and without that prefetch and expect the same output.
const OFF = { DIFF_GUARDIAN_PREFETCH: 'off' };

function bothWays(cwd: string, args: string[], input?: string) {
  const on = runCli(cwd, args, { input });
  const off = runCli(cwd, args, { input, env: OFF });
  return { on, off };
}

describe('git calls started by the launcher', () => {
  it('match before and after the first commit', () => {
    const repo = TestRepo.init();
    repo.write('keys.ts', awsFile()).stage();
    const first = bothWays(repo.dir, ['check', '--staged', '--format', 'json']);
    expect(first.on.code).toBe(1);
    expect(first.on.stdout).toBe(first.off.stdout);

    repo.commit('keys', { allowEmpty: true });
    repo.write('deploy.sh', '#!/bin/sh\nchmod 777 /srv/data\n').stage();
    const later = bothWays(repo.dir, ['check', '--staged', '--format', 'json']);
    expect(later.on.stdout).toBe(later.off.stdout);
    expect(JSON.parse(later.on.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('permission/chmod-permissive');
  });

  it('match silently under pending deprecations', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'one\n').commit('one');
    repo.write('keys.ts', awsFile()).stage();
    const args = ['check', '--staged', '--format', 'json'];
    const plain = runCli(repo.dir, args);
    for (const env of [
      { NODE_OPTIONS: '--pending-deprecation' },
      { NODE_PENDING_DEPRECATION: '1' },
      { NODE_OPTIONS: '--pending_deprecation' },
      { NODE_OPTIONS: '--throw-deprecation --pending-deprecation' },
    ]) {
      const warned = runCli(repo.dir, args, { env });
      expect(warned.code).toBe(1);
      expect(warned.stdout).toBe(plain.stdout);
      expect(warned.stderr).not.toMatch(/Deprecation/);
    }
  });

  it('match from a subfolder with a config', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', 'extends: [default]\nsettings:\n  agentByDefault: true\n').write('src/app.ts', 'export {};\n').commit('init');
    repo.write('src/app.ts', awsFile()).stage();
    const { on, off } = bothWays(repo.path('src'), ['check', '--staged', '--format', 'json']);
    expect(on.code).toBe(1);
    expect(on.stdout).toBe(off.stdout);
  });

  it('read the index after a chained hook', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    // A team hook that stages a credential file: the guardian must see it.
    const hook = repo.path('.git/hooks/pre-commit');
    writeFileSync(hook, `#!/bin/sh\ncat > keys.ts <<'EOF'\n${awsFile()}EOF\ngit add keys.ts\n`);
    chmodSync(hook, 0o755);
    expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
    repo.write('notes.txt', 'plain\n').stage();
    const result = gitRun(repo.dir, ['commit', '-q', '-m', 'notes']);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/secret\//);
  });

  it('match the gate from root and subfolder', () => {
    const repo = TestRepo.init();
    repo.write('src/app.ts', 'export const a = 1;\n').commit('init');
    mkdirSync(repo.path('src/deep'), { recursive: true });
    const payload = (cwd: string) =>
      JSON.stringify({
        hook_event_name: 'PreToolUse',
        cwd,
        tool_name: 'Write',
        tool_input: { file_path: repo.path('src/app.ts'), content: awsFile() },
      });
    for (const cwd of [repo.dir, repo.path('src/deep')]) {
      const { on, off } = bothWays(cwd, ['gate', '--no-log'], payload(cwd));
      expect(on.code).toBe(0);
      expect(on.stdout).toBe(off.stdout);
      expect(JSON.parse(on.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    }
  });

  it('look up the file the gate edits', () => {
    const repo = TestRepo.init();
    repo.write('src/app.ts', 'export const a = 1;\n').commit('init');
    // On disk but not at HEAD: the next commit adds it whole, credential included.
    repo.write('src/new.ts', `${awsFile()}export const b = 1;\n`);
    const edit = (file: string) =>
      JSON.stringify({
        hook_event_name: 'PreToolUse',
        cwd: repo.dir,
        tool_name: 'Edit',
        tool_input: { file_path: repo.path(file), old_string: 'export const', new_string: 'export let' },
      });
    const trace = repo.path('.git/trace.txt');
    const tracked = runCli(repo.dir, ['gate', '--no-log'], { input: edit('src/app.ts'), env: { GIT_TRACE: trace } });
    expect(tracked.code).toBe(0);
    const calls = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes('trace: built-in: git'));
    // The repository lookup, HEAD's config and the edited file: all three from the launcher's sh.
    expect(calls).toHaveLength(3);
    expect(calls.join('\n')).not.toContain('cat-file -e');

    const { on, off } = bothWays(repo.dir, ['gate', '--no-log'], edit('src/new.ts'));
    expect(on.stdout).toBe(off.stdout);
    expect(JSON.parse(on.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it('resolve a relative cwd without CDPATH', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    // Both repositories have a `sub` folder: `cd sub` through CDPATH reaches `other`, the action means `repo`.
    const other = TestRepo.init();
    other.write('README.md', '# other\n').commit('init');
    mkdirSync(other.path('sub'));
    mkdirSync(repo.path('sub'));
    repo.write('sub/new.ts', awsFile());
    const payload = JSON.stringify({
      hook_event_name: 'PreToolUse',
      cwd: 'sub',
      tool_name: 'Edit',
      tool_input: { file_path: repo.path('sub/new.ts'), old_string: 'export', new_string: 'export' },
    });
    const env = { CDPATH: other.dir };
    const on = runCli(repo.dir, ['gate', '--no-log'], { input: payload, env });
    const off = runCli(repo.dir, ['gate', '--no-log'], { input: payload, env: { ...env, ...OFF } });
    expect(on.stdout).toBe(off.stdout);
    expect(JSON.parse(on.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it('pass a large action whole', () => {
    const repo = TestRepo.init();
    repo.write('src/app.ts', 'export const a = 1;\n').commit('init');
    const content = `${'// filler line of a generated file\n'.repeat(10_000)}${awsFile()}`;
    const payload = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: repo.dir, tool_name: 'Write', tool_input: { file_path: repo.path('src/big.ts'), content } });
    expect(payload.length).toBeGreaterThan(256 * 1024);
    const { on, off } = bothWays(repo.dir, ['gate', '--no-log'], payload);
    expect(on.stdout).toBe(off.stdout);
    expect(JSON.parse(on.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it('leave invalid JSON to the gate', () => {
    const repo = TestRepo.init();
    repo.write('src/app.ts', 'export const a = 1;\n').commit('init');
    const { on, off } = bothWays(repo.dir, ['gate', '--no-log'], '{"tool_name": ');
    expect(on.code).toBe(off.code);
    expect(on.stdout).toBe(off.stdout);
    expect(on.stderr).toBe(off.stderr);
  });
});
