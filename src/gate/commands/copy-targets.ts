import { parseOptions } from './options.js';
import type { WriteKind, WriteTarget } from './write-targets.js';

export interface DestinationProgram {
  kind: WriteKind;
  value: string;
  longValue: string[];
}

// Programs whose last operand (or `-t DIR`) is the destination, with their options that take a value.
export const DESTINATION_PROGRAMS: Record<string, DestinationProgram> = {
  cp: { kind: 'copy', value: 'tS', longValue: ['target-directory', 'suffix'] },
  mv: { kind: 'move', value: 'tS', longValue: ['target-directory', 'suffix'] },
  install: {
    kind: 'copy',
    value: 'tmogS',
    longValue: ['target-directory', 'mode', 'owner', 'group', 'suffix'],
  },
  ln: { kind: 'link', value: 'tS', longValue: ['target-directory', 'suffix'] },
  rsync: { kind: 'copy', value: 'efT', longValue: [] },
};

/**
 * Lists what cp, mv, install, ln and rsync write: the destination, with the
 * sources it takes the names of, and the sources that mv (and rsync with
 * --remove-source-files) takes away.
 */
export function destinationTargets(
  name: string,
  destination: DestinationProgram,
  args: readonly string[],
): WriteTarget[] {
  const targets: WriteTarget[] = [];
  const options = parseOptions(args, {
    shortWithValue: destination.value,
    longWithValue: destination.longValue,
  });
  const directory = options.shortValues.get('t')?.[0] ?? options.long.get('target-directory');
  const { operands } = options;
  let target: WriteTarget | null = null;
  if (typeof directory === 'string') {
    target = { path: directory, kind: destination.kind, sources: operands, folder: true };
  } else if (operands.length >= 2) {
    const path = operands[operands.length - 1]!;
    target = {
      path,
      kind: destination.kind,
      sources: operands.slice(0, -1),
      folder: /(?:^|\/)\.{0,2}\/?$/.test(path),
    };
  } else if (name === 'ln' && operands.length === 1) {
    // `ln -s SOURCE` links SOURCE's name into the current folder.
    target = { path: '.', kind: destination.kind, sources: operands, folder: true };
  }
  // rsync and scp name remote destinations as host:path; those are not local writes.
  if (target && !(name === 'rsync' && /^[^/]*:/.test(target.path))) {
    // rsync copies a folder's contents or the folder by rules of its own, so only the destination is named.
    if (name === 'rsync') target = { path: target.path, kind: target.kind };
    targets.push(target);
  }
  // mv, and rsync with --remove-source-files, take each source away from where it was.
  if (target && (name === 'mv' || (name === 'rsync' && options.long.has('remove-source-files')))) {
    const sources = typeof directory === 'string' ? operands : operands.slice(0, -1);
    for (const source of sources)
      if (!/^[^/]*:/.test(source)) targets.push({ path: source, kind: 'remove' });
  }
  return targets;
}
