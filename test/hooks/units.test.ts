import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { blockFor, insertBlock, removeBlock } from '../../src/hooks/block.js';
import { isShellScript } from '../../src/hooks/install.js';
import { findRuntime } from '../../src/hooks/pushed-notes.js';
import { agentOfCommandLine, runtimeFromEnv, runtimeFromProcesses } from '../../src/hooks/runtime.js';
import { tempDir } from '../helpers/repo.js';

describe('runtime signals', () => {
  const cases: Array<[NodeJS.ProcessEnv, string | null, string | null]> = [
    [{ CLAUDECODE: '1' }, 'claude-code', 'env:CLAUDECODE'],
    [{ CLAUDE_CODE_ENTRYPOINT: 'cli' }, 'claude-code', 'env:CLAUDE_CODE_ENTRYPOINT'],
    [{ CURSOR_AGENT: '1' }, 'cursor', 'env:CURSOR_AGENT'],
    [{ GEMINI_CLI: '1' }, 'gemini', 'env:GEMINI_CLI'],
    [{ CODEX_SANDBOX: 'seatbelt' }, 'openai-codex', 'env:CODEX_SANDBOX'],
    [{ AIDER_MODEL: 'sonnet' }, 'aider', 'env:AIDER_MODEL'],
    [{ CLAUDECODE: '' }, null, null],
    [{ EDITOR: 'claude' }, null, null],
  ];
  it.each(cases)('reads %o from the environment', (env, agent, signal) => {
    const found = runtimeFromEnv(env);
    expect(found?.agent ?? null).toBe(agent);
    expect(found?.signal ?? null).toBe(signal);
  });

  it.each([
    [['claude'], 'claude-code'],
    [['/usr/local/bin/claude', '--resume'], 'claude-code'],
    [['node', '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js'], 'claude-code'],
    [['node', '/opt/node/lib/node_modules/@google/gemini-cli/dist/index.js'], 'gemini'],
    [['/home/dana/.local/bin/aider', '--model', 'x'], 'aider'],
    [['cursor-agent'], 'cursor'],
    [['vim', 'claude.md'], null],
    [['bash', '-c', 'codex'], null],
  ])('matches the command line %o', (argv, agent) => {
    expect(agentOfCommandLine(argv)).toBe(agent);
  });

  it('walks the parent chain of a process table', () => {
    const proc = tempDir();
    const processes: Array<[number, number, string[]]> = [
      [40, 30, ['git', 'commit']],
      [30, 20, ['/bin/sh', '-c', 'git commit']],
      [20, 10, ['node', '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js']],
      [10, 1, ['bash']],
    ];
    for (const [pid, ppid, argv] of processes) {
      mkdirSync(join(proc, String(pid)));
      writeFileSync(join(proc, String(pid), 'stat'), `${pid} (${argv[0]!.slice(0, 15)}) S ${ppid} 1 1 0`);
      writeFileSync(join(proc, String(pid), 'cmdline'), `${argv.join('\0')}\0`);
    }
    expect(runtimeFromProcesses(40, proc)).toEqual({ agent: 'claude-code', signal: 'process:node' });
    expect(runtimeFromProcesses(10, proc)).toBeNull();
  });
});

describe('hook script blocks', () => {
  const scripts = ['#!/bin/sh\nnpm test\n', 'npm test\n', '', '#!/usr/bin/env bash\nset -e\n\nexit 0\n'];
  it.each(scripts)('removes exactly what it inserted into %j', (script) => {
    for (const name of ['pre-commit', 'pre-push']) {
      const block = blockFor(name);
      const edited = insertBlock(script, block);
      expect(edited).toContain(block);
      if (script.startsWith('#!')) expect(edited.startsWith(script.split('\n')[0]!)).toBe(true);
      expect(removeBlock(edited, block)).toBe(script);
    }
  });

  it.each([
    ['#!/bin/sh\nexit 0\n', true],
    ['#!/usr/bin/env bash\n', true],
    ['#!/usr/bin/env -S zsh -e\n', true],
    ['npm test\n', true],
    ['#!/usr/bin/env python3\n', false],
    ['#!/usr/bin/fish\n', false],
    ['#!/usr/bin/env node', false],
  ])('tells whether %j is a shell script', (script, expected) => {
    expect(isShellScript(script)).toBe(expected);
  });

  it('returns null once the block was edited', () => {
    const block = blockFor('pre-commit');
    const edited = insertBlock('npm test\n', block).replace('|| exit $?', '|| true');
    expect(removeBlock(edited, block)).toBeNull();
  });
});

describe('notes read by the server', () => {
  it('finds the runtime in any record of a note', () => {
    const note = [
      'diff-guardian verdict: allow',
      '',
      'Record:',
      '{',
      '  "verdict": "allow",',
      '  "context": {"writtenBy":"server"}',
      '}',
      'diff-guardian verdict: allow',
      'Record:',
      '{',
      '  "context": {"writtenBy":"post-commit","runtime":{"agent":"cursor","signal":"env:CURSOR_AGENT"}}',
      '}',
    ].join('\n');
    expect(findRuntime(note)).toEqual({ agent: 'cursor', signal: 'note:env:CURSOR_AGENT' });
    expect(findRuntime('{ not json\n}')).toBeNull();
  });
});

describe('pre-commit framework manifest', () => {
  it('runs each hook through the CLI', () => {
    const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Array<Record<string, unknown>>;
    expect(hooks.map((h) => h.entry)).toEqual([
      'diff-guardian hook pre-commit',
      'diff-guardian hook commit-msg',
      'diff-guardian hook post-commit',
      'diff-guardian hook post-merge',
      'diff-guardian hook pre-push',
    ]);
    // The framework gives commit-msg hooks the message file as their one file name.
    for (const hook of hooks) expect(hook.pass_filenames).toBe(hook.stages?.toString() === 'commit-msg' ? undefined : false);
  });
});
