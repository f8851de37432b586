import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAUDE_CODE_MATCHER, HOOK_MARKER, installAgentHook, uninstallAgentHook } from '../../src/gate/install-agent.js';
import { runCli, TestRepo } from '../helpers/repo.js';

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
