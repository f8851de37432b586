import { baseName, unwrapCommand, type SimpleCommand } from '../shell/parse.js';
import { parseOptions } from './options.js';

/** The kind of change a command makes to a path. */
export type WriteKind = 'write' | 'copy' | 'move' | 'link' | 'edit' | 'remove' | 'create' | 'mode';

export interface WriteTarget {
  path: string;
  kind: WriteKind;
}

const WRITING_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

// Programs whose last operand (or `-t DIR`) is the destination, with their options that take a value.
const DESTINATION_PROGRAMS: Record<string, { kind: WriteKind; value: string; longValue: string[] }> = {
  cp: { kind: 'copy', value: 'tS', longValue: ['target-directory', 'suffix'] },
  mv: { kind: 'move', value: 'tS', longValue: ['target-directory', 'suffix'] },
  install: { kind: 'copy', value: 'tmogS', longValue: ['target-directory', 'mode', 'owner', 'group', 'suffix'] },
  ln: { kind: 'link', value: 'tS', longValue: ['target-directory', 'suffix'] },
  rsync: { kind: 'copy', value: 'efT', longValue: [] },
};

// Programs whose every operand is changed in place.
const OPERAND_PROGRAMS: Record<string, { kind: WriteKind; value: string; longValue: string[] }> = {
  tee: { kind: 'write', value: '', longValue: [] },
  touch: { kind: 'create', value: 'dtr', longValue: ['date', 'reference'] },
  truncate: { kind: 'write', value: 'sr', longValue: ['size', 'reference'] },
  rm: { kind: 'remove', value: '', longValue: [] },
  unlink: { kind: 'remove', value: '', longValue: [] },
  shred: { kind: 'remove', value: 'nsx', longValue: ['iterations', 'size', 'random-source'] },
  rmdir: { kind: 'remove', value: '', longValue: [] },
  mkdir: { kind: 'create', value: 'm', longValue: ['mode'] },
  chown: { kind: 'mode', value: '', longValue: ['reference', 'from'] },
  chgrp: { kind: 'mode', value: '', longValue: ['reference'] },
};

/**
 * Lists the paths a command writes, creates, removes or changes the mode of:
 * output redirections, `tee`, the destination of `cp`/`mv`/`install`/`ln`,
 * files edited in place by `sed -i` or `perl -i`, downloads with `-o`/`-O`
 * and `dd of=`. Paths are returned as written.
 */
export function writeTargets(command: SimpleCommand): WriteTarget[] {
  const targets: WriteTarget[] = [];
  for (const redirect of command.redirects) {
    if (WRITING_REDIRECTS.has(redirect.op) || (redirect.op === '>&' && !/^(\d+|-)$/.test(redirect.target))) {
      targets.push({ path: redirect.target, kind: 'write' });
    }
  }
  const { argv } = unwrapCommand(command);
  const name = baseName(argv[0] ?? '');
  const args = argv.slice(1);
  const destination = DESTINATION_PROGRAMS[name];
  const operands = OPERAND_PROGRAMS[name];
  if (destination) {
    const options = parseOptions(args, { shortWithValue: destination.value, longWithValue: destination.longValue });
    const directory = options.shortValues.get('t')?.[0] ?? options.long.get('target-directory');
    const last = options.operands.length >= 2 ? options.operands[options.operands.length - 1] : undefined;
    const path = typeof directory === 'string' ? directory : last;
    // rsync and scp name remote destinations as host:path; those are not local writes.
    if (path !== undefined && !(name === 'rsync' && /^[^/]*:/.test(path))) targets.push({ path, kind: destination.kind });
  } else if (name === 'chmod') {
    // A mode such as `-x` looks like an option; the first word that is not a known flag is the mode.
    const words = args.filter((a) => !/^-(?:[Rvcf]+|-recursive|-verbose|-changes|-silent|-quiet|-reference=.*)$/.test(a));
    for (const path of words.slice(1)) targets.push({ path, kind: 'mode' });
  } else if (operands) {
    const options = parseOptions(args, { shortWithValue: operands.value, longWithValue: operands.longValue });
    const paths = name === 'chown' || name === 'chgrp' ? options.operands.slice(1) : options.operands;
    for (const path of paths) targets.push({ path, kind: operands.kind });
  } else if (name === 'sed' || name === 'perl') {
    targets.push(...inPlaceEdits(name, args));
  } else if (name === 'dd') {
    for (const arg of args) if (arg.startsWith('of=')) targets.push({ path: arg.slice(3), kind: 'write' });
  } else if (name === 'curl' || name === 'wget') {
    const options = parseOptions(args, { shortWithValue: name === 'curl' ? 'oHdXuAeEKrTwxmy' : 'OoPeUTtwa', longWithValue: ['output', 'output-document'] });
    const output = options.shortValues.get(name === 'curl' ? 'o' : 'O')?.[0] ?? options.long.get('output') ?? options.long.get('output-document');
    if (typeof output === 'string' && output !== '-') targets.push({ path: output, kind: 'write' });
  }
  return targets;
}

function inPlaceEdits(name: 'sed' | 'perl', args: readonly string[]): WriteTarget[] {
  const inPlace = args.some((a) => a === '-i' || a.startsWith('--in-place') || /^-[a-zA-Z]*i/.test(a));
  if (!inPlace) return [];
  const options = parseOptions(args, { shortWithValue: name === 'sed' ? 'ef' : 'eEMI', longWithValue: ['expression', 'file'] });
  const hasScriptOption = options.shortValues.has('e') || options.shortValues.has('f') || options.long.has('expression');
  // Without -e or -f, sed's first operand is its script; perl -i needs -e or a script file first.
  const files = hasScriptOption ? options.operands : options.operands.slice(1);
  return files.map((path) => ({ path, kind: 'edit' as const }));
}
