import { outsideKind } from '../paths.js';
import { resolveTarget } from '../project.js';
import { baseName, unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv } from './define.js';
import { parseOptions } from './options.js';

export default defineGateDetector({
  meta: {
    id: 'permission/shell-ownership-change',
    category: 'permission',
    severity: 'block',
    confidence: 'high',
    description: 'Report chown and chgrp of paths outside the project, such as system directories or another home.',
    messages: {
      changed:
        '`{{command}}` changes the owner of {{path}}, outside the project, which hands control of it to another account. Change ownership only inside the project, or ask a person.',
    },
  },
  run(context) {
    for (const command of commandsOf(context.subject)) {
      const { argv } = unwrapCommand(command);
      const name = baseName(argv[0] ?? '');
      if (name !== 'chown' && name !== 'chgrp') continue;
      const options = parseOptions(argv.slice(1), { longWithValue: ['from'] });
      if ([...options.long.keys()].some((k) => k.startsWith('reference'))) continue;
      const text = formatArgv(argv);
      for (const target of options.operands.slice(1)) {
        const path = resolveTarget(target, context.project);
        if (!outsideKind(path, context.project)) continue;
        context.report({ messageId: 'changed', data: { command: text, path }, file: COMMAND_FILE, line: 0, match: `${text}\0${path}`, evidence: text });
      }
    }
  },
});
