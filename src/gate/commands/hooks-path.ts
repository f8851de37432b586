import { unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv } from './define.js';
import { configOverrides, configWrite } from './git-config.js';
import { gitInvocation } from './options.js';

const HOOKS_PATH = 'core.hookspath';

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
        '`{{command}}` overrides core.hooksPath for the git commands that see it, so the installed hooks do not run for them. Run the commands without the override.',
    },
  },
  run(context) {
    for (const command of commandsOf(context.subject)) {
      const { argv, env } = unwrapCommand(command);
      const text = formatArgv(argv);
      const report = (messageId: string, data: Record<string, string> = {}): void =>
        context.report({ messageId, data: { command: text, ...data }, file: COMMAND_FILE, line: 0, match: text, evidence: text });

      const git = gitInvocation(argv);
      if (configOverrides(git, argv, env).includes(HOOKS_PATH)) {
        report('override');
        continue;
      }
      if (git?.subcommand !== 'config') continue;
      const write = configWrite(git.args);
      if (write?.key !== HOOKS_PATH) continue;
      if (write.action === 'unset') report('unset');
      else if (write.action === 'set') report('set', { value: write.value ?? '' });
    }
  },
});
