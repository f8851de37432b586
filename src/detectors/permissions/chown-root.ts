import { defineDetector } from '../define.js';
import { isJoined } from '../continued-lines.js';
import { commandKey, commandLines, commandsOf, type ShellCommand } from './shell.js';
import { RemovedMatches, normalizeSpace } from './support.js';

/** Tests whether a chown owner argument (`user`, `user:group`, `:group`) names root. */
function isRootOwner(owner: string): boolean {
  const [user, group] = owner.split(/[:.]/, 2);
  return (
    user === 'root' ||
    user === '0' ||
    ((user === '' || user === undefined) && (group === 'root' || group === '0'))
  );
}

export default defineDetector({
  meta: {
    id: 'permission/chown-root',
    category: 'permission',
    severity: 'warn',
    confidence: 'medium',
    description:
      'Report chown or chgrp commands in scripts, Dockerfiles and CI that hand files to root.',
    messages: {
      chownRoot:
        '`{{command}}` gives root ownership of these files, so only root can change them afterwards and a setuid bit on them runs as root. Keep them owned by the service account (for example `chown app:app`).',
    },
  },
  keywords: ['chown', 'chgrp'],
  async run(context) {
    for (const file of context.commit.files) {
      const removed = new RemovedMatches();
      const removedCommands = new RemovedMatches();
      for (const line of await commandLines(file, file.removed)) {
        removed.add(normalizeSpace(line.code));
        for (const command of commandsOf(line)) removedCommands.add(commandKey(command));
      }
      for (const line of await commandLines(file)) {
        // A joined line keeps unchanged lines around the added ones, so it is compared by command.
        const consume = (command: ShellCommand): boolean =>
          isJoined(line)
            ? removedCommands.consume(commandKey(command))
            : removed.consume(normalizeSpace(line.code));
        for (const command of commandsOf(line)) {
          if (command.name !== 'chown' && command.name !== 'chgrp') continue;
          const owner = command.args.find((arg) => !arg.startsWith('-'));
          if (owner === undefined) continue;
          const root =
            command.name === 'chgrp' ? owner === 'root' || owner === '0' : isRootOwner(owner);
          if (!root || consume(command)) continue;
          context.report({
            messageId: 'chownRoot',
            data: { command: `${command.name} ${owner}` },
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
