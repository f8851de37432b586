// Folders and members that an archive extraction writes: `tar -x` (also
// bsdtar and the old `tar xf` form), `unzip` and `cpio -i`. The gate does
// not list the archive, so an extraction without member names is reported
// as a write of its whole target folder (`-C`, `-d`, `-D`, or the current one).
// The caller denies it only where that folder is or contains a protected path.
// NOTE: an archive extracted into the project root that carries a hook or an
// ignore file is missed, since only the archive's own member list shows that.
import { posix } from 'node:path';
import { baseName } from '../shell/parse.js';
import { parseOptions } from './options.js';
import type { WriteTarget } from './write-targets.js';

export const ARCHIVERS = new Set(['tar', 'bsdtar', 'gtar', 'unzip', 'cpio']);

/** Lists what an archiver extracts: each member named on the command line, or the target folder. */
export function archiveTargets(program: string, args: readonly string[]): WriteTarget[] {
  const name = baseName(program);
  if (name === 'unzip') return unzipTargets(args);
  if (name === 'cpio') {
    const options = parseOptions(args, {
      shortWithValue: 'DFIEHRMOCs',
      longWithValue: [
        'directory',
        'file',
        'format',
        'owner',
        'message',
        'pattern-file',
        'block-size',
        'io-size',
      ],
    });
    if (!options.short.has('i') && !options.long.has('extract')) return [];
    return extracted(valueOf(options, 'D', 'directory') ?? '.', options.operands);
  }
  // `tar xzf a.tar` writes its options as one leading word without a dash.
  const words =
    args.length > 0 && /^[A-Za-z]+$/.test(args[0]!) ? [`-${args[0]}`, ...args.slice(1)] : args;
  const options = parseOptions(words, {
    shortWithValue: 'fCTXbgHKNLVFI',
    longWithValue: [
      'file',
      'directory',
      'files-from',
      'exclude-from',
      'use-compress-program',
      'transform',
      'strip-components',
      'owner',
      'group',
      'mode',
      'format',
      'exclude',
    ],
  });
  if (!options.short.has('x') && !options.long.has('extract') && !options.long.has('get'))
    return [];
  if (options.short.has('O') || options.long.has('to-stdout') || options.long.has('to-command'))
    return [];
  return extracted(valueOf(options, 'C', 'directory') ?? '.', options.operands);
}

function unzipTargets(args: readonly string[]): WriteTarget[] {
  // Words after -x name members to leave out.
  const exclude = args.indexOf('-x');
  const options = parseOptions(exclude >= 0 ? args.slice(0, exclude) : args, {
    shortWithValue: 'dP',
  });
  // -l, -t, -v and -Z list or test, and -p and -c print members to stdout.
  if (['l', 't', 'v', 'Z', 'p', 'c', 'z'].some((letter) => options.short.has(letter))) return [];
  return extracted(valueOf(options, 'd', 'exdir') ?? '.', options.operands.slice(1));
}

function valueOf(
  options: ReturnType<typeof parseOptions>,
  letter: string,
  long: string,
): string | undefined {
  const named = options.long.get(long);
  return typeof named === 'string' ? named : options.shortValues.get(letter)?.at(-1);
}

function extracted(folder: string, members: readonly string[]): WriteTarget[] {
  const named = members.filter((member) => member !== '' && !member.startsWith('-'));
  if (named.length === 0) return [{ path: folder, kind: 'extract', folder: true }];
  return named.map((member): WriteTarget => ({
    path: folder === '.' ? member : posix.join(folder, member),
    kind: 'extract',
  }));
}
