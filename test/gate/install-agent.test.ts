import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAUDE_CODE_MATCHER, HOOK_MARKER, installAgentHook, uninstallAgentHook } from '../../src/gate/install-agent.js';
import { CLI, git, GIT_ENV, runCli, tempDir, TestRepo } from '../helpers/repo.js';

const COMMAND = `node /opt/diff-guardian/dist/cli.js gate --protocol claude-code ${HOOK_MARKER}`;

const EXISTING = {
  permissions: { allow: ['Bash(npm test:*)'], deny: ['Read(./.env)'] },
  hooks: {
    PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'audit-bash.sh' }] }],
    PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier --write "$FILE"' }] }],
  },
  env: { NODE_ENV: 'development' },
};

function settingsOf(repo: TestRepo): Record<string, any> {
  return JSON.parse(readFileSync(repo.path('.claude/settings.json'), 'utf8'));
}

describe('installAgentHook', () => {
  it('creates the settings file with the gate', () => {
    const repo = TestRepo.init();
    const result = installAgentHook(repo.dir, 'claude-code', COMMAND);
    expect(result.changed).toBe(true);
    expect(settingsOf(repo)).toEqual({
      hooks: { PreToolUse: [{ matcher: CLAUDE_CODE_MATCHER, hooks: [{ type: 'command', command: COMMAND }] }] },
    });
  });

  it('keeps other settings and hooks, and installs once', () => {
    const repo = TestRepo.init();
    repo.write('.claude/settings.json', JSON.stringify(EXISTING, null, 2));
    installAgentHook(repo.dir, 'claude-code', COMMAND);
    expect(installAgentHook(repo.dir, 'claude-code', COMMAND).changed).toBe(false);
    const settings = settingsOf(repo);
    expect(settings.permissions).toEqual(EXISTING.permissions);
    expect(settings.env).toEqual(EXISTING.env);
    expect(settings.hooks.PostToolUse).toEqual(EXISTING.hooks.PostToolUse);
    expect(settings.hooks.PreToolUse).toEqual([
      EXISTING.hooks.PreToolUse[0],
      { matcher: CLAUDE_CODE_MATCHER, hooks: [{ type: 'command', command: COMMAND }] },
    ]);
  });

  it('removes only what it added', () => {
    const repo = TestRepo.init();
    repo.write('.claude/settings.json', JSON.stringify(EXISTING, null, 2));
    installAgentHook(repo.dir, 'claude-code', COMMAND);
    expect(uninstallAgentHook(repo.dir, 'claude-code').changed).toBe(true);
    expect(settingsOf(repo)).toEqual(EXISTING);
    expect(uninstallAgentHook(repo.dir, 'claude-code').changed).toBe(false);
  });

  it('drops the hooks it emptied', () => {
    const repo = TestRepo.init();
    repo.write('.claude/settings.json', JSON.stringify({ model: 'opus' }));
    installAgentHook(repo.dir, 'claude-code', COMMAND);
    uninstallAgentHook(repo.dir, 'claude-code');
    expect(settingsOf(repo)).toEqual({ model: 'opus' });
  });

  it('rejects invalid settings and unknown agents', () => {
    const repo = TestRepo.init();
    repo.write('.claude/settings.json', '{ "hooks": ');
    expect(() => installAgentHook(repo.dir, 'claude-code', COMMAND)).toThrow(/invalid JSON/);
    expect(readFileSync(repo.path('.claude/settings.json'), 'utf8')).toBe('{ "hooks": ');
    expect(() => installAgentHook(repo.dir, 'cursor', COMMAND)).toThrow(/supported agents are claude-code/);
  });
});

describe('install --agent claude-code', () => {
  it('installs a hook that runs the gate and uninstalls it', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const install = runCli(repo.dir, ['install', '--agent', 'claude-code']);
    expect(install.code).toBe(0);
    const command: string = settingsOf(repo).hooks.PreToolUse[0].hooks[0].command;
    expect(command).toContain('gate --protocol claude-code');

    const input = JSON.stringify({ session_id: 's', cwd: repo.dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'sudo ls' } });
    const hook = spawnSync('sh', ['-c', command], { cwd: repo.dir, input, encoding: 'utf8' });
    expect(hook.status).toBe(0);
    expect(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision).toBe('deny');

    const uninstall = runCli(repo.dir, ['uninstall', '--agent', 'claude-code']);
    expect(uninstall.code).toBe(0);
    expect(settingsOf(repo)).toEqual({});
    expect(existsSync(repo.path('.claude/settings.json'))).toBe(true);
  });
});

describe('gate command in a shared settings file', () => {
  const sudoCall = (cwd: string) =>
    JSON.stringify({ session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'sudo ls' } });

  /** Runs the hook command as Claude Code does, with `sh -c`, from `cwd` with the given variables. */
  function runHook(command: string, cwd: string, env: NodeJS.ProcessEnv) {
    return spawnSync('sh', ['-c', command], { cwd, env: { ...GIT_ENV, ...env }, input: sudoCall(cwd), encoding: 'utf8' });
  }

  /** Commits the settings that install --agent wrote, then clones the repository to another path. */
  function sharedClone(): { origin: TestRepo; clone: TestRepo; command: string } {
    const origin = TestRepo.init();
    origin.write('README.md', '# demo\n').write('src/lib/a.ts', 'export const a = 1;\n').commit('init');
    expect(runCli(origin.dir, ['install', '--agent', 'claude-code']).code).toBe(0);
    origin.commit('share the agent gate');
    const clone = new TestRepo(tempDir('dg-clone-'));
    git(clone.dir, ['clone', '-q', origin.dir, '.']);
    const command: string = JSON.parse(readFileSync(clone.path('.claude/settings.json'), 'utf8')).hooks.PreToolUse[0].hooks[0].command;
    return { origin, clone, command };
  }

  it('names no path of the machine that installed it', () => {
    const { origin, command } = sharedClone();
    expect(command).not.toContain(origin.dir);
    expect(command).not.toContain(CLI);
    expect(command).not.toContain(process.execPath);
    expect(command.endsWith(HOOK_MARKER)).toBe(true);
  });

  it('runs in another clone from a subfolder', () => {
    const { clone, command } = sharedClone();
    expect(runCli(clone.dir, ['install']).code).toBe(0);
    const subfolder = clone.path('src/lib');
    for (const env of [{ CLAUDE_PROJECT_DIR: clone.dir }, {}]) {
      const hook = runHook(command, subfolder, env);
      expect(hook.status, hook.stderr).toBe(0);
      expect(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    }
  });

  it('finds the CLI in the project node_modules', () => {
    const { clone, command } = sharedClone();
    mkdirSync(clone.path('node_modules/.bin'), { recursive: true });
    writeFileSync(clone.path('node_modules/.bin/diff-guardian'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`, { mode: 0o755 });
    const hook = runHook(command, clone.path('src'), { CLAUDE_PROJECT_DIR: clone.dir, PATH: '/usr/bin:/bin' });
    expect(hook.status, hook.stderr).toBe(0);
    expect(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it('blocks when the recorded node cannot run', () => {
    const { clone, command } = sharedClone();
    expect(runCli(clone.dir, ['install']).code).toBe(0);
    for (const node of [clone.path('missing/node'), clone.path('src')]) {
      git(clone.dir, ['config', 'diff-guardian.node', node]);
      const hook = runHook(command, clone.dir, { CLAUDE_PROJECT_DIR: clone.dir });
      expect(hook.status, node).toBe(2);
      expect(hook.stderr).toContain('could not start diff-guardian or its node');
    }
  });

  it('blocks with what to do when no CLI is found', () => {
    const { clone, command } = sharedClone();
    const hook = runHook(command, clone.dir, { CLAUDE_PROJECT_DIR: clone.dir, PATH: '/usr/bin:/bin' });
    expect(hook.status).toBe(2);
    expect(hook.stderr).toContain('found no diff-guardian CLI');
    expect(hook.stderr).toContain("run 'diff-guardian install' in this clone");
  });
});

