import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { gitStatus, gitSync } from '../git/exec.js';

/** Agents whose tool-call hook the gate can be installed into. */
export const SUPPORTED_AGENTS = ['claude-code'] as const;

/** Ends the hook command so that uninstall finds exactly the entries install added. */
export const HOOK_MARKER = '# diff-guardian:agent-gate';

/** Tools whose calls the gate judges; the matcher is a regular expression over tool names. */
export const CLAUDE_CODE_MATCHER = 'Write|Edit|MultiEdit|NotebookEdit|Bash';

interface HookCommand {
  type: string;
  command?: string;
  [key: string]: unknown;
}

interface MatcherGroup {
  matcher?: string;
  hooks?: HookCommand[];
  [key: string]: unknown;
}

type Settings = Record<string, unknown> & { hooks?: Record<string, MatcherGroup[] | unknown> };

export interface AgentHookResult {
  settingsPath: string;
  /** False when the file already held the same entry (install) or none (uninstall). */
  changed: boolean;
}

const GATE_ARGS = 'gate --protocol claude-code';

/**
 * The command the hook runs. `.claude/settings.json` is shared through the
 * repository, so the command names no path of this machine. At run time it
 * finds the CLI recorded in the clone's git config (`diff-guardian.cli` and
 * `diff-guardian.node`, written by `diff-guardian install`), then the
 * project's `node_modules/.bin/diff-guardian`, then `diff-guardian` on PATH.
 * It reads the repository at `$CLAUDE_PROJECT_DIR`, or at the working
 * directory when that is unset, and works from any subfolder. Without a CLI
 * it exits 2, which Claude Code treats as a block, and so does any other failure.
 */
export function defaultGateCommand(): string {
  const steps = [
    // Claude Code blocks on exit 2 only. Any other failure (a node or CLI that
    // cannot start exits 126 or 127, a crash) becomes exit 2, so it blocks too.
    `run() { "$@" ${GATE_ARGS}; s=$?; case $s in 0|2) exit $s;; 126|127) echo "${CANNOT_START}" >&2;; *) echo "${GATE_FAILED}" >&2;; esac; exit 2; }`,
    'd="${CLAUDE_PROJECT_DIR:-.}"',
    'c=$(git -C "$d" config --get diff-guardian.cli 2>/dev/null)',
    'if [ -f "$c" ]; then run "$(git -C "$d" config --get diff-guardian.node 2>/dev/null || echo node)" "$c"; fi',
    'r=$(git -C "$d" rev-parse --show-toplevel 2>/dev/null || echo "$d")',
    't="$r/node_modules/.bin/diff-guardian"',
    `[ -x "$t" ] || t=$(command -v diff-guardian) || { echo "${MISSING_CLI}" >&2; exit 2; }`,
    'run "$t"',
  ];
  return `${steps.join('; ')} ${HOOK_MARKER}`;
}

const CANNOT_START =
  "diff-guardian: the agent gate could not start diff-guardian or its node (exit status $s), so the tool call is blocked; run 'diff-guardian install' in this clone to record them again";

const GATE_FAILED = 'diff-guardian: the agent gate failed with exit status $s, so the tool call is blocked';

const MISSING_CLI =
  "diff-guardian: the agent gate found no diff-guardian CLI, so the tool call is blocked; run 'diff-guardian install' in this clone, or put diff-guardian on PATH";

/**
 * Records this node and CLI in the repository's git config, where the gate
 * command looks first, unless `diff-guardian install` already recorded a CLI
 * there. Does nothing outside a git repository.
 */
export function recordCliPaths(repoDir: string): void {
  if (gitStatus(['rev-parse', '--git-dir'], { cwd: repoDir }) !== 0) return;
  if (gitSync(['config', '--get', 'diff-guardian.cli'], { cwd: repoDir, okCodes: [1] }).trim()) return;
  gitSync(['config', '--local', 'diff-guardian.node', process.execPath], { cwd: repoDir });
  gitSync(['config', '--local', 'diff-guardian.cli', realpathSync(process.argv[1] ?? '')], { cwd: repoDir });
}

function checkAgent(agent: string): void {
  if (!(SUPPORTED_AGENTS as readonly string[]).includes(agent)) {
    throw new UsageError(`unknown agent ${JSON.stringify(agent)}: supported agents are ${SUPPORTED_AGENTS.join(', ')}`);
  }
}

function settingsPathOf(repoDir: string): string {
  return join(repoDir, '.claude', 'settings.json');
}

function readSettings(path: string): Settings | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`${path}: cannot read the agent settings (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: invalid JSON (${(error as Error).message}); fix the file and run the command again`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${path}: the settings must be a JSON object`);
  }
  return parsed as Settings;
}

function writeSettings(path: string, settings: Settings): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(settings, null, 2)}\n`);
}

function isOurs(hook: HookCommand): boolean {
  return typeof hook.command === 'string' && hook.command.includes(HOOK_MARKER);
}

function preToolUseGroups(settings: Settings, path: string): MatcherGroup[] {
  const hooks = settings.hooks;
  if (hooks !== undefined && (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks))) {
    throw new ConfigError(`${path}: "hooks" must be an object`);
  }
  const groups = (hooks as Record<string, unknown> | undefined)?.PreToolUse;
  if (groups !== undefined && !Array.isArray(groups)) throw new ConfigError(`${path}: "hooks.PreToolUse" must be an array`);
  return (groups as MatcherGroup[] | undefined) ?? [];
}

/**
 * Adds the gate as a PreToolUse hook to the project's `.claude/settings.json`,
 * keeping every other setting and hook. Running it again updates the entry in
 * place instead of adding a second one.
 */
export function installAgentHook(repoDir: string, agent: string, command = defaultGateCommand()): AgentHookResult {
  checkAgent(agent);
  const path = settingsPathOf(repoDir);
  const settings = readSettings(path) ?? {};
  const groups = preToolUseGroups(settings, path);
  const entry: MatcherGroup = { matcher: CLAUDE_CODE_MATCHER, hooks: [{ type: 'command', command }] };
  const existing = groups.findIndex((group) => Array.isArray(group.hooks) && group.hooks.some(isOurs));
  if (existing !== -1 && JSON.stringify(groups[existing]) === JSON.stringify(entry)) return { settingsPath: path, changed: false };
  if (existing !== -1) groups[existing] = entry;
  else groups.push(entry);
  settings.hooks = { ...(settings.hooks as Record<string, unknown> | undefined), PreToolUse: groups };
  writeSettings(path, settings);
  return { settingsPath: path, changed: true };
}

/**
 * Removes the hook entries that `installAgentHook` added and nothing else.
 * A matcher group, the PreToolUse list or the hooks object is dropped only
 * when removing the gate left it empty.
 */
export function uninstallAgentHook(repoDir: string, agent: string): AgentHookResult {
  checkAgent(agent);
  const path = settingsPathOf(repoDir);
  const settings = readSettings(path);
  if (!settings) return { settingsPath: path, changed: false };
  const groups = preToolUseGroups(settings, path);
  let changed = false;
  const kept: MatcherGroup[] = [];
  for (const group of groups) {
    if (!Array.isArray(group.hooks) || !group.hooks.some(isOurs)) {
      kept.push(group);
      continue;
    }
    changed = true;
    const others = group.hooks.filter((hook) => !isOurs(hook));
    if (others.length > 0) kept.push({ ...group, hooks: others });
  }
  if (!changed) return { settingsPath: path, changed: false };
  const hooks = { ...(settings.hooks as Record<string, unknown>) };
  if (kept.length > 0) hooks.PreToolUse = kept;
  else delete hooks.PreToolUse;
  if (Object.keys(hooks).length > 0) settings.hooks = hooks;
  else delete settings.hooks;
  writeSettings(path, settings);
  return { settingsPath: path, changed: true };
}
