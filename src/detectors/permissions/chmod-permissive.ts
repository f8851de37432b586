import { defineDetector } from '../define.js';
import { parseOptions } from '../../gate/commands/options.js';
import { isJoined } from '../continued-lines.js';
import { assignmentsOf, commandLines, programsOf, type Program } from './shell.js';
import { RemovedMatches, normalizeSpace, type CodeLine } from './support.js';

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
      const removedLines = new RemovedMatches();
      const removedCommands = new RemovedMatches();
      for (const line of await commandLines(file, file.removed)) {
        removedLines.add(normalizeSpace(line.code));
        for (const { key } of modesOf(line, new Map())) removedCommands.add(key);
      }
      const variables = new Map<string, string>();
      // Overlapping windows of a long line may both contain one command.
      const reported = new Set<string>();
      for (const line of await commandLines(file)) {
        // NOTE: an assignment counts for its whole line, even after the chmod that uses it.
        for (const { name, value } of assignmentsOf(line)) variables.set(name, value);
        for (const { mode, command, key } of modesOf(line, variables)) {
          const loosening = looseningOfMode(mode);
          if (loosening === null || reported.has(`${line.line} ${key}`)) continue;
          // A joined line keeps unchanged lines around the added ones, so it is compared by command.
          const seen = isJoined(line)
            ? removedCommands.consume(key)
            : removedLines.consume(normalizeSpace(line.code));
          if (seen) continue;
          reported.add(`${line.line} ${key}`);
          context.report({
            messageId: loosening,
            data: { command },
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

// The command names `chmod`, `mkdir` and `install`, with only quotes, backslashes or `$` (of
// `$''`) between their letters, as the shell parser reads them after quote removal. Lines
// without one run none of these commands, so they are not parsed.
const MODE_COMMAND_NAME = /m[\\'"$]*o[\\'"$]*d|d[\\'"$]*i[\\'"$]*r|n[\\'"$]*s[\\'"$]*t/;
const VARIABLE = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/;

/**
 * Lists the modes a code line sets, each with the command shown in messages and
 * a key naming the command and its arguments. A mode given as `$NAME` or
 * `${NAME}` is read from `variables`, the values earlier added lines assigned.
 */
function modesOf(
  line: CodeLine,
  variables: ReadonlyMap<string, string>,
): Array<{ mode: string; command: string; key: string }> {
  const modes: Array<{ mode: string; command: string; key: string }> = [];
  const programs = MODE_COMMAND_NAME.test(line.code) ? programsOf(line) : [];
  for (const program of programs) {
    const change = modeOf(program);
    if (change === undefined) continue;
    const key = normalizeSpace(program.argv.join(' '));
    const variable = VARIABLE.exec(change.mode);
    const name = variable?.[1] ?? variable?.[2];
    const value = name === undefined ? undefined : variables.get(name);
    if (value === undefined) modes.push({ ...change, key });
    else modes.push({ mode: value, command: `${change.command} (${name}=${value})`, key });
  }
  // COPY/ADD --chmod=777 in a Dockerfile sets the mode of the copied files.
  const copy = /^\s*(COPY|ADD)\b.*?--chmod=(\S+)/i.exec(line.code);
  if (copy) {
    const command = `${copy[1]} --chmod=${copy[2]}`;
    modes.push({ mode: copy[2]!, command, key: normalizeSpace(line.code) });
  }
  return modes;
}
