import { unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv } from './define.js';
import { gitInvocation, parseOptions } from './options.js';

const HOOKS_PATH = 'core.hookspath';
// `git config` options that read or list instead of writing.
const READ_MODES = ['get', 'get-all', 'get-regexp', 'get-urlmatch', 'list', 'get-color', 'get-colorbool', 'show-origin', 'show-scope'];
const WRITE_SUBCOMMANDS = new Set(['set', 'unset']);
const CONFIG_VALUE_OPTIONS = ['file', 'blob', 'type', 'default', 'comment', 'value'];

/** Returns the hooks path a `git config` call writes or unsets (null for unset), or undefined. */
function hooksPathWrite(args: readonly string[]): { value: string | null } | undefined {
  const options = parseOptions(args, { shortWithValue: 'f', longWithValue: CONFIG_VALUE_OPTIONS });
  let operands = options.operands;
  // git 2.46 added subcommands: `git config set NAME VALUE`, `git config unset NAME`.
  const subcommand = operands[0] && WRITE_SUBCOMMANDS.has(operands[0]) ? operands[0] : null;
  if (subcommand) operands = operands.slice(1);
  if (operands[0]?.toLowerCase() !== HOOKS_PATH) return undefined;
  if (READ_MODES.some((mode) => options.long.has(mode)) || options.short.has('l')) return undefined;
  const unset = subcommand === 'unset' || options.long.has('unset') || options.long.has('unset-all');
  if (unset) return { value: null };
  return operands.length >= 2 ? { value: operands[1]! } : undefined;
}

export default defineGateDetector({
  meta: {
    id: 'disabled-check/shell-hooks-path-changed',
    category: 'disabled-check',
    severity: 'block',
    confidence: 'high',
    description: 'Report commands that set or unset core.hooksPath, which decides which hooks git runs.',
    messages: {
      set: '`{{command}}` points core.hooksPath at {{value}}, so git stops running the installed hooks (diff-guardian among them). Leave core.hooksPath as it is.',
      unset: '`{{command}}` unsets core.hooksPath, so git stops running the hooks installed there. Leave core.hooksPath as it is.',
      override:
        '`{{command}}` overrides core.hooksPath for one git command, so the installed hooks do not run for it. Run the command without the override.',
    },
  },
  keywords: ['hookspath'],
  run(context) {
    for (const command of commandsOf(context.subject)) {
      const { argv, env } = unwrapCommand(command);
      const text = formatArgv(argv);
      const report = (messageId: string, data: Record<string, string> = {}): void =>
        context.report({ messageId, data: { command: text, ...data }, file: COMMAND_FILE, line: 0, match: text, evidence: text });

      const fromEnv = env.some(
        (e) => (/^GIT_CONFIG_KEY_\d+$/.test(e.name) && e.value.toLowerCase() === HOOKS_PATH) || (e.name === 'GIT_CONFIG_PARAMETERS' && e.value.toLowerCase().includes(HOOKS_PATH)),
      );
      const git = gitInvocation(argv);
      if (fromEnv || git?.config.some((c) => c.key === HOOKS_PATH)) {
        report('override');
        continue;
      }
      if (git?.subcommand !== 'config') continue;
      const write = hooksPathWrite(git.args);
      if (write?.value === null) report('unset');
      else if (write) report('set', { value: write.value });
    }
  },
});
