import { baseName, unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv } from './define.js';

// Programs that run a command as another user, normally root.
const ESCALATORS = new Set(['sudo', 'doas', 'su', 'pkexec', 'run0', 'sudoedit']);

export default defineGateDetector({
  meta: {
    id: 'permission/shell-privilege-escalation',
    category: 'permission',
    severity: 'block',
    confidence: 'high',
    description: 'Report shell commands that run a program as root or another user with sudo, doas, su or pkexec.',
    messages: {
      escalated:
        '`{{command}}` runs with {{tool}} as another user, outside the permissions the project was given. Run it without {{tool}}, or ask a person to run it.',
    },
  },
  run(context) {
    for (const command of commandsOf(context.subject)) {
      const { argv, wrappers } = unwrapCommand(command);
      const direct = baseName(argv[0] ?? '');
      const tool = wrappers.find((w) => ESCALATORS.has(w)) ?? (ESCALATORS.has(direct) ? direct : null);
      if (!tool) continue;
      const text = formatArgv(command.argv);
      context.report({ messageId: 'escalated', data: { command: text, tool }, file: COMMAND_FILE, line: 0, match: text, evidence: text });
    }
  },
});
