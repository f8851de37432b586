import { defineDetector } from '../define.js';
import { commandFileKind, commandLines, commandsOf } from './shell.js';
import { RemovedMatches, normalizeSpace } from './support.js';

export default defineDetector({
  meta: {
    id: 'permission/sudo-added',
    category: 'permission',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report sudo added to a shell script or Dockerfile.',
    messages: {
      sudoAdded:
        'This line now runs `{{command}}` through sudo, so the script gains root privileges wherever it runs. Run the step without sudo, or move the privileged part to a reviewed setup script.',
    },
  },
  keywords: ['sudo'],
  async run(context) {
    for (const file of context.commit.files) {
      // CI runners grant passwordless sudo by design, so pipelines are left out.
      const kind = await commandFileKind(file);
      if (kind !== 'shell' && kind !== 'dockerfile') continue;
      const removed = new RemovedMatches();
      for (const line of await commandLines(file, file.removed)) {
        for (const command of commandsOf(line)) {
          if (command.prefix.includes('sudo')) removed.add(command.name);
        }
      }
      for (const line of await commandLines(file)) {
        for (const command of commandsOf(line)) {
          if (!command.prefix.includes('sudo') || removed.consume(command.name)) continue;
          context.report({
            messageId: 'sudoAdded',
            data: { command: command.name },
            file: file.path,
            line: line.line,
            match: normalizeSpace(line.code),
            evidence: line.code.trim(),
          });
        }
      }
    }
  },
});
