import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
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
});
