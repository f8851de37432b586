import { defineDetector } from '../define.js';
import { commandLines, commandsOf, type ShellCommand } from './shell.js';
import { RemovedMatches, normalizeSpace } from './support.js';

// What a mode grants that a tighter mode does not. Returns null for a safe mode.
export function looseningOfMode(mode: string): 'world-writable' | 'setuid' | 'setgid' | null {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const value = parseInt(mode, 8);
    if (value & 0o4000) return 'setuid';
    if (value & 0o2000) return 'setgid';
    return value & 0o002 ? 'world-writable' : null;
  }
  // Symbolic clauses such as `o+w`, `a+rwx,u+s`, `+s`. A clause without `who`
  // is filtered by the umask for `w`, so only explicit o/a grant others write.
  for (const clause of mode.split(',')) {
    const parsed = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    if (!parsed) continue;
    const [, who, , perms] = parsed as unknown as [string, string, string, string];
    if (perms.includes('s') && (who === '' || who.includes('u') || who.includes('a'))) return 'setuid';
    if (perms.includes('s') && who.includes('g')) return 'setgid';
    if (perms.includes('w') && (who.includes('o') || who.includes('a'))) return 'world-writable';
  }
  return null;
}

/** Returns the mode argument of a chmod command (the first non-option word). */
function modeArgument(command: ShellCommand): string | undefined {
  return command.args.find((arg) => !/^--?[A-Za-z-]+$/.test(arg) && !arg.startsWith('--reference'));
}

export default defineDetector({
  meta: {
    id: 'permission/chmod-permissive',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: 'Report chmod commands in scripts, Dockerfiles and CI that make files world-writable or setuid/setgid.',
    messages: {
      'world-writable':
        '`chmod {{mode}}` makes files writable by every user, so any local account or process can change them. Use a mode without the others-write bit, such as 755 or 644.',
      setuid:
        '`chmod {{mode}}` sets the setuid bit, so the program runs with its owner\'s privileges for every caller. Drop the `s` bit (for example `chmod 755`).',
      setgid:
        '`chmod {{mode}}` sets the setgid bit, so the program or directory takes its group\'s privileges. Drop the `s` bit unless a shared group directory needs it.',
    },
  },
  keywords: ['chmod'],
  async run(context) {
    for (const file of context.commit.files) {
      const removed = new RemovedMatches();
      for (const line of await commandLines(file, file.removed)) removed.add(normalizeSpace(line.code));
      for (const line of await commandLines(file)) {
        // COPY/ADD --chmod=777 in a Dockerfile sets the mode of the copied files.
        const copyMode = /^\s*(?:COPY|ADD)\b.*?--chmod=(\S+)/i.exec(line.code)?.[1];
        const modes = commandsOf(line)
          .filter((command) => command.name === 'chmod')
          .map(modeArgument)
          .concat(copyMode);
        for (const mode of modes) {
          const loosening = mode === undefined ? null : looseningOfMode(mode);
          if (loosening === null || removed.consume(normalizeSpace(line.code))) continue;
          context.report({
            messageId: loosening,
            data: { mode: mode! },
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
