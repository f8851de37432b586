// Files that `patch` writes: the file named as its first operand, the
// `-o` output file, or else the files the patch names, read from the patch
// file on disk (second operand, `-i`, or a `<` redirection). Names in the
// patch are relative to the current folder or `-d DIR`, after `-p` strips
// leading folders.
// NOTE: without `-p`, GNU patch strips `a/` and `b/` from git-style patches
// and uses the bare file name otherwise. The gate reads names with 0 and 1
// folders stripped, so a bare name that only resolves in another folder is missed.
import type { SimpleCommand } from '../shell/parse.js';
import { parseOptions } from './options.js';
import type { WriteTarget } from './write-targets.js';

/** Lists what `patch ARGS` writes. `stdinFile` is the file a `<` redirection feeds it. */
export function patchTargets(
  args: readonly string[],
  stdinFile: string | undefined,
): WriteTarget[] {
  const options = parseOptions(args, {
    shortWithValue: 'BDdFgioprVYz',
    longWithValue: [
      'input',
      'output',
      'directory',
      'strip',
      'reject-file',
      'prefix',
      'basename-prefix',
      'suffix',
      'ifdef',
      'fuzz',
      'get',
      'version-control',
      'quoting-style',
      'reject-format',
    ],
  });
  if (options.long.has('dry-run')) return [];
  const value = (letter: string, long: string): string | undefined => {
    const named = options.long.get(long);
    return typeof named === 'string' ? named : options.shortValues.get(letter)?.at(-1);
  };
  const output = value('o', 'output');
  if (output !== undefined && output !== '-') return [{ path: output, kind: 'write' }];
  const [original, patchFile] = options.operands;
  if (original !== undefined) return [{ path: original, kind: 'edit' }];
  const file = value('i', 'input') ?? patchFile ?? stdinFile;
  if (file === undefined || file === '-') return [];
  const directory = value('d', 'directory') ?? '';
  const strip = Number(value('p', 'strip'));
  const strips = Number.isSafeInteger(strip) && strip >= 0 ? [strip] : [0, 1];
  return strips.map((count): WriteTarget => ({
    path: file,
    kind: 'edit',
    patch: { strip: count, directory, base: 'cwd' },
  }));
}

/** Returns the file a `<` redirection feeds to `command`'s stdin, if any. */
export function stdinFile(command: Pick<SimpleCommand, 'redirects'>): string | undefined {
  return [...command.redirects].reverse().find((r) => r.op === '<' && (r.fd === null || r.fd === 0))
    ?.target;
}
