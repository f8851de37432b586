import { defineDetector } from '../define.js';
import { parseOptions } from '../../gate/commands/options.js';
import { commandLines, programsOf, type Program } from './shell.js';
import { RemovedMatches, normalizeSpace } from './support.js';

/** Classifies what an octal or symbolic chmod mode grants beyond a safe mode, or returns null. */
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
    if (perms.includes('s') && (who === '' || who.includes('u') || who.includes('a')))
      return 'setuid';
    if (perms.includes('s') && who.includes('g')) return 'setgid';
    if (perms.includes('w') && (who.includes('o') || who.includes('a'))) return 'world-writable';
  }
  return null;
}

/**
 * Returns the mode a command sets: chmod's mode argument (the first word that
 * is not an option), or the `-m`/`--mode` value of `mkdir` and `install`.
 */
function modeOf(program: Program): { mode: string; command: string } | undefined {
  const args = program.argv.slice(1);
  if (program.name === 'chmod') {
    const mode = args.find((arg) => !/^--?[A-Za-z-]+$/.test(arg) && !arg.startsWith('--reference'));
    return mode === undefined ? undefined : { mode, command: `chmod ${mode}` };
  }
  if (program.name !== 'mkdir' && program.name !== 'install') return undefined;
  const options = parseOptions(args, {
    shortWithValue: program.name === 'install' ? 'mogtS' : 'm',
    longWithValue: ['mode', 'owner', 'group', 'target-directory', 'suffix'],
  });
  const mode = options.shortValues.get('m')?.at(-1) ?? options.long.get('mode');
  return typeof mode === 'string' ? { mode, command: `${program.name} -m ${mode}` } : undefined;
}

export default defineDetector({
  meta: {
    id: 'permission/chmod-permissive',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description:
      'Report chmod, mkdir -m and install -m commands in scripts, Makefiles, Dockerfiles and CI that make files world-writable or setuid/setgid.',
    messages: {
      'world-writable':
        '`{{command}}` makes files writable by every user, so any local account or process can change them. Use a mode without the others-write bit, such as 755 or 644.',
      setuid:
        "`{{command}}` sets the setuid bit, so the program runs with its owner's privileges for every caller. Drop the `s` bit (for example `chmod 755`).",
      setgid:
        "`{{command}}` sets the setgid bit, so the program or directory takes its group's privileges. Drop the `s` bit unless a shared group directory needs it.",
    },
  },
  // `mod` also matches `chmod` written with quotes, as in `ch''mod`.
  keywords: ['mod', 'mkdir', 'install'],
  async run(context) {
    for (const file of context.commit.files) {
      const removed = new RemovedMatches();
      for (const line of await commandLines(file, file.removed))
        removed.add(normalizeSpace(line.code));
      for (const line of await commandLines(file)) {
        // COPY/ADD --chmod=777 in a Dockerfile sets the mode of the copied files.
        const copy = /^\s*(COPY|ADD)\b.*?--chmod=(\S+)/i.exec(line.code);
        const modes = programsOf(line).map(modeOf);
        if (copy) modes.push({ mode: copy[2]!, command: `${copy[1]} --chmod=${copy[2]}` });
        for (const change of modes) {
          const loosening = change === undefined ? null : looseningOfMode(change.mode);
          if (loosening === null || removed.consume(normalizeSpace(line.code))) continue;
          context.report({
            messageId: loosening,
            data: { command: change!.command },
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
