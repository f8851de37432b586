import { baseName, unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv } from './define.js';
import { parseOptions } from './options.js';

const OCTAL = /^[0-7]{1,4}$/;
const SYMBOLIC_CLAUSE = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/;

/**
 * Describes what a chmod mode grants beyond the owner: write access for
 * every user, or set-user-ID. Returns null for a mode that grants neither.
 * A symbolic mode without `o` or `a` is limited by the umask, which keeps
 * others from writing, so `chmod +w` passes.
 */
export function wideningOf(mode: string): string | null {
  const grants = new Set<string>();
  if (OCTAL.test(mode)) {
    const bits = parseInt(mode, 8);
    if (bits & 0o002) grants.add('writable by every user');
    if (bits & 0o4000) grants.add('set-user-ID');
    return grants.size > 0 ? [...grants].join(' and ') : null;
  }
  for (const clause of mode.split(',')) {
    const match = SYMBOLIC_CLAUSE.exec(clause);
    if (!match) continue;
    const who = match[1]!;
    for (const action of match[2]!.match(/[-+=][rwxXstugo]*/g) ?? []) {
      const op = action[0]!;
      const perms = action.slice(1);
      if (op === '-') continue;
      const toOthers = who.includes('o') || who.includes('a');
      if (toOthers && (perms.includes('w') || /[ug]/.test(perms))) grants.add('writable by every user');
      if (perms.includes('s') && (who === '' || who.includes('u') || who.includes('a'))) grants.add('set-user-ID');
    }
  }
  return grants.size > 0 ? [...grants].join(' and ') : null;
}

/** Returns the mode and targets of `chmod`, `install -m` or `mkdir -m`, or null. */
function modeChange(argv: readonly string[]): { mode: string; targets: string[] } | null {
  const name = baseName(argv[0] ?? '');
  if (name === 'chmod') {
    // A mode such as `-w` looks like an option, so take the first word that is not a known flag.
    const args = argv.slice(1).filter((a) => !/^-(?:[Rvcf]+|-recursive|-verbose|-changes|-silent|-quiet)$/.test(a));
    if (args.some((a) => a.startsWith('--reference'))) return null;
    const [mode, ...targets] = args;
    return mode === undefined ? null : { mode, targets };
  }
  if (name === 'install' || name === 'mkdir') {
    const options = parseOptions(argv.slice(1), { shortWithValue: 'mogtS', longWithValue: ['mode', 'owner', 'group', 'target-directory'] });
    const mode = options.shortValues.get('m')?.[0] ?? options.long.get('mode');
    return typeof mode === 'string' ? { mode, targets: options.operands } : null;
  }
  return null;
}

export default defineGateDetector({
  meta: {
    id: 'permission/shell-chmod-widening',
    category: 'permission',
    severity: 'block',
    confidence: 'high',
    description: 'Report shell commands that make files writable by every user or set-user-ID, or clear the umask.',
    messages: {
      widened:
        '`{{command}}` makes {{targets}} {{grant}}, so any local user or process can change what runs. Use the narrowest mode that works, such as 755 for programs and 644 for files.',
      umask:
        '`{{command}}` lets every user write the files created after it. Keep the umask at 022 or stricter.',
    },
  },
  run(context) {
    for (const command of commandsOf(context.subject)) {
      const { argv } = unwrapCommand(command);
      const text = formatArgv(argv);
      if (baseName(argv[0] ?? '') === 'umask') {
        const mask = argv[1];
        if (mask && OCTAL.test(mask) && (parseInt(mask, 8) & 0o002) === 0) {
          context.report({ messageId: 'umask', data: { command: text }, file: COMMAND_FILE, line: 0, match: text, evidence: text });
        }
        continue;
      }
      const change = modeChange(argv);
      const grant = change && wideningOf(change.mode);
      if (!change || !grant) continue;
      context.report({
        messageId: 'widened',
        data: { command: text, targets: change.targets.join(', ') || 'the target', grant },
        file: COMMAND_FILE,
        line: 0,
        match: text,
        evidence: text,
      });
    }
  },
});
