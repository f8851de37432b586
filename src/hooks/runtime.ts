import { readFileSync } from 'node:fs';

/** Runtime evidence that a coding agent is running the git command a hook serves. */
export interface RuntimeSignal {
  agent: string;
  signal: string;
}

interface EnvRule {
  agent: string;
  /** Exact variable name, or a prefix when it ends with `*`. */
  variable: string;
}

// Variables the agent CLIs export into the shells and tools they start, as
// documented or observed in their 2025 releases: Claude Code sets CLAUDECODE=1
// and CLAUDE_CODE_ENTRYPOINT, the Cursor CLI sets CURSOR_AGENT, Gemini CLI sets
// GEMINI_CLI, and Codex and Aider export CODEX_* and AIDER_* variables.
const ENV_RULES: readonly EnvRule[] = [
  { agent: 'claude-code', variable: 'CLAUDECODE' },
  { agent: 'claude-code', variable: 'CLAUDE_CODE_ENTRYPOINT' },
  { agent: 'cursor', variable: 'CURSOR_AGENT' },
  { agent: 'gemini', variable: 'GEMINI_CLI' },
  { agent: 'openai-codex', variable: 'CODEX_*' },
  { agent: 'aider', variable: 'AIDER_*' },
];

// Program names matched against each argument of an ancestor's command line
// (its basename, or a path segment for CLIs that run as node or python scripts).
const PROCESS_RULES: ReadonlyArray<{ agent: string; pattern: RegExp }> = [
  { agent: 'claude-code', pattern: /(?:^|\/)(?:claude|@anthropic-ai\/claude-code)(?:\/|$)/ },
  { agent: 'cursor', pattern: /(?:^|\/)cursor-agent(?:\/|$)/ },
  { agent: 'gemini', pattern: /(?:^|\/)(?:gemini|@google\/gemini-cli)(?:\/|$)/ },
  { agent: 'openai-codex', pattern: /(?:^|\/)(?:codex|@openai\/codex)(?:\/|$)/ },
  { agent: 'aider', pattern: /(?:^|\/)aider(?:\/|$)/ },
];

/** Maximum number of ancestors inspected; a deeper chain is cut short. */
const MAX_ANCESTORS = 32;

/** Returns the first agent variable set to a non-empty value in `env`. */
export function runtimeFromEnv(env: NodeJS.ProcessEnv): RuntimeSignal | null {
  for (const rule of ENV_RULES) {
    if (rule.variable.endsWith('*')) {
      const prefix = rule.variable.slice(0, -1);
      const name = Object.keys(env).find((key) => key.startsWith(prefix) && env[key]);
      if (name) return { agent: rule.agent, signal: `env:${name}` };
    } else if (env[rule.variable]) {
      return { agent: rule.agent, signal: `env:${rule.variable}` };
    }
  }
  return null;
}

/** Returns the agent whose program appears in a command line, if any. */
export function agentOfCommandLine(argv: readonly string[]): string | null {
  // Only the program and the script it runs (for node, python or a shell) name the tool.
  for (const arg of argv.slice(0, 2)) {
    for (const rule of PROCESS_RULES) {
      if (rule.pattern.test(arg)) return rule.agent;
    }
  }
  return null;
}

function readProc(procRoot: string, pid: number, file: string): string | null {
  try {
    return readFileSync(`${procRoot}/${pid}/${file}`, 'latin1');
  } catch {
    return null;
  }
}

function parentOf(procRoot: string, pid: number): number | null {
  const stat = readProc(procRoot, pid, 'stat');
  if (!stat) return null;
  // The command name in field 2 is in parentheses and may itself contain ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
}

/** Walks the parent process chain through /proc looking for an agent CLI. */
export function runtimeFromProcesses(startPid: number, procRoot = '/proc'): RuntimeSignal | null {
  let pid: number | null = startPid;
  for (let depth = 0; pid !== null && pid > 1 && depth < MAX_ANCESTORS; depth += 1) {
    const cmdline = readProc(procRoot, pid, 'cmdline');
    if (cmdline === null) return null;
    const argv = cmdline.split('\0').filter(Boolean);
    const agent = agentOfCommandLine(argv);
    if (agent) return { agent, signal: `process:${argv[0]?.split('/').pop() ?? 'unknown'}` };
    pid = parentOf(procRoot, pid);
  }
  return null;
}

/**
 * Detects an agent from the environment first, then from the ancestors of
 * this process. Either can be missing: an agent may scrub its variables, and
 * /proc exists only on Linux.
 */
export function detectRuntime(env: NodeJS.ProcessEnv, startPid = process.ppid): RuntimeSignal | null {
  return runtimeFromEnv(env) ?? runtimeFromProcesses(startPid);
}
