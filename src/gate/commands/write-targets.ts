import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { baseName, stdinText, unwrapCommand, type SimpleCommand } from '../shell/parse.js';
import { ARCHIVERS, archiveTargets } from './archive-targets.js';
import { DESTINATION_PROGRAMS, destinationTargets } from './copy-targets.js';
import { EDITORS, editorTargets } from './editor-targets.js';
import { gitWriteTargets, patchedPaths } from './git-write-targets.js';
import { globFiles } from './glob-files.js';
import { parseOptions } from './options.js';
import { patchTargets, stdinFile } from './patch-targets.js';
import { scriptTargets } from './script-targets.js';

/**
 * The kind of change a command makes to a path. `script` marks a path quoted in an
 * interpreter's inline script that writes files: it may be written, or only read.
 */
export type WriteKind = 'write' | 'copy' | 'move' | 'link' | 'edit' | 'remove' | 'create' | 'mode' | 'script' | 'extract';

export interface WriteTarget {
  path: string;
  kind: WriteKind;
  /** For cp, mv, install and ln: the sources, which keep their names when `path` is a folder. */
  sources?: string[];
  /** True when the command names `path` as a folder: `-t`, a trailing slash, `.` or `..`. */
  folder?: boolean;
  /**
   * For `git apply`, `git am` and `patch`: `path` is a patch file, and the
   * files it names are written. Those names are relative to the repository
   * root, or with `base: 'cwd'` to the command's folder.
   */
  patch?: { strip: number; directory: string; base?: 'cwd' };
}

/**
 * Returns the absolute paths a target writes. For a destination that is a
 * folder (named as one, or one on disk) that is the path of each source
 * inside it, and otherwise the target itself. `resolvePath` makes a written
 * path absolute. The files a patch names are relative to the repository
 * `root`, and are listed only when it is given.
 */
export function writtenPaths(target: WriteTarget, resolvePath: (path: string) => string, root?: string): string[] {
  const path = resolvePath(target.path);
  if (target.patch) {
    const { patch } = target;
    if (patch.base !== 'cwd' && root === undefined) return [];
    // A pattern such as `*.patch` names every patch file it matches.
    const files = /[*?[]/.test(target.path) ? globFiles(path) : [path];
    const place = (name: string): string => (patch.base === 'cwd' ? resolvePath(name) : join(root!, name));
    return files.flatMap((file) => patchedPaths(file, patch).map(place));
  }
  if (!target.sources || target.sources.length === 0) return [path];
  let folder = target.folder === true;
  if (!folder) {
    try {
      folder = statSync(path).isDirectory();
    } catch {
      // A destination that does not exist yet is written as named.
    }
  }
  if (!folder) return [path];
  // basename() ignores trailing slashes, as the shell's cp and mv do.
  const names = target.sources.map((source) => posix.basename(source)).filter((name) => name !== '' && name !== '.' && name !== '..');
  return names.length > 0 ? names.map((name) => join(path, name)) : [path];
}

const WRITING_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

// Programs whose every operand is changed in place.
const OPERAND_PROGRAMS: Record<string, { kind: WriteKind; value: string; longValue: string[] }> = {
  tee: { kind: 'write', value: '', longValue: [] },
  sponge: { kind: 'write', value: '', longValue: [] },
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
 * output redirections, `tee`, the destination of `cp`/`mv`/`install`/`ln`
 * and the sources `mv` moves away, files edited in place by `sed -i` or
 * `perl -i` or `gawk -i inplace`, `sponge`, downloads with `-o`/`-O`, `dd of=`, the files of
 * `git checkout|restore|rm|mv|apply|am` and `patch`, archive extractions, and
 * the files an editor opens. Paths are returned as written.
 */
export function writeTargets(command: SimpleCommand): WriteTarget[] {
  const targets = targetsAsWritten(command);
  const { dir } = command;
  if (dir === undefined) return targets;
  // After a `cd` in the same command line, relative paths start from that folder.
  return targets.map((target) => {
    const moved = isRelative(target.path) ? { ...target, path: posix.join(dir, target.path) } : target;
    // patch reads the names in a patch from its own folder too.
    if (moved.patch?.base === 'cwd' && isRelative(moved.patch.directory || '.')) {
      moved.patch = { ...moved.patch, directory: posix.join(dir, moved.patch.directory) };
    }
    return moved;
  });
}

function isRelative(path: string): boolean {
  return !posix.isAbsolute(path) && !path.startsWith('~') && !path.startsWith('$');
}

function targetsAsWritten(command: SimpleCommand): WriteTarget[] {
  const targets: WriteTarget[] = [];
  for (const redirect of command.redirects) {
    if (WRITING_REDIRECTS.has(redirect.op) || (redirect.op === '>&' && !/^(\d+|-)$/.test(redirect.target))) {
      targets.push({ path: redirect.target, kind: 'write' });
    }
  }
  const unwrapped = unwrapCommand(command).argv;
  // `busybox rm FILE` runs busybox's own rm.
  const argv = baseName(unwrapped[0] ?? '') === 'busybox' ? unwrapped.slice(1) : unwrapped;
  const name = baseName(argv[0] ?? '');
  const args = argv.slice(1);
  const destination = DESTINATION_PROGRAMS[name];
  const operands = OPERAND_PROGRAMS[name];
  if (destination) {
    targets.push(...destinationTargets(name, destination, args));
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
    if (name === 'perl') targets.push(...scriptTargets(name, args, stdinText(command)));
  } else if (name === 'awk' || name === 'gawk') {
    targets.push(...awkInPlaceEdits(args));
  } else if (name === 'dd') {
    for (const arg of args) if (arg.startsWith('of=')) targets.push({ path: arg.slice(3), kind: 'write' });
  } else if (name === 'git') {
    const input = command.redirects.find((r) => r.op === '<' && (r.fd === null || r.fd === 0));
    targets.push(...gitWriteTargets(argv, input?.target));
  } else if (name.startsWith('python') || name.startsWith('node') || name === 'bun' || name === 'ruby' || name === 'php') {
    targets.push(...scriptTargets(name, args, stdinText(command)));
  } else if (name === 'patch') {
    targets.push(...patchTargets(args, stdinFile(command)));
  } else if (ARCHIVERS.has(name)) {
    targets.push(...archiveTargets(name, args));
  } else if (name in EDITORS) {
    targets.push(...editorTargets(name, args));
  } else if (name === 'curl' || name === 'wget') {
    const options = parseOptions(args, { shortWithValue: name === 'curl' ? 'oHdXuAeEKrTwxmy' : 'OoPeUTtwa', longWithValue: ['output', 'output-document'] });
    const output = options.shortValues.get(name === 'curl' ? 'o' : 'O')?.[0] ?? options.long.get('output') ?? options.long.get('output-document');
    if (typeof output === 'string' && output !== '-') targets.push({ path: output, kind: 'write' });
  }
  return targets;
}

/** gawk's `-i inplace` (also `--include=inplace`) rewrites every file operand after the program text. */
function awkInPlaceEdits(args: readonly string[]): WriteTarget[] {
  const options = parseOptions(args, { shortWithValue: 'fvFi', longWithValue: ['file', 'assign', 'field-separator', 'include'] });
  const includes = [...(options.shortValues.get('i') ?? []), options.long.get('include')];
  if (!includes.some((name) => name === 'inplace' || name === 'inplace.awk')) return [];
  // Without -f, the first operand is the program text.
  const files = options.shortValues.has('f') || options.long.has('file') ? options.operands : options.operands.slice(1);
  return files.filter((file) => !file.includes('=')).map((path) => ({ path, kind: 'edit' as const }));
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
