// The protected paths a find may act on, as they are on disk.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { protectedKind, type ProtectedPlace } from '../paths.js';
import type { Project } from '../project.js';

// Entries read below a protected start folder, so a large folder cannot stall the gate.
const MAX_ENTRIES = 500;

/** Lists the protected files on disk below a start folder that is protected itself, such as a hooks folder. */
export function entriesBelow(
  root: string,
  project: Project,
  configFiles: readonly string[],
): ProtectedPlace[] {
  const kind = protectedKind(root, project, configFiles);
  if (kind === null) return [];
  const entries: ProtectedPlace[] = [];
  const queue = [root];
  while (queue.length > 0 && entries.length < MAX_ENTRIES) {
    const folder = queue.shift()!;
    let names: Array<{ name: string; isDirectory(): boolean }> = [];
    try {
      names = readdirSync(folder, { withFileTypes: true });
    } catch {
      // A start folder that does not exist, or is a file, has no entries.
    }
    for (const entry of names.slice(0, MAX_ENTRIES)) {
      const path = join(folder, entry.name);
      const entryKind = protectedKind(path, project, configFiles);
      if (entryKind !== null) entries.push({ path, kind: entryKind, folder: entry.isDirectory() });
      if (entry.isDirectory()) queue.push(path);
    }
  }
  return entries;
}

export interface FoundPlace {
  place: ProtectedPlace;
  /** An empty file or folder, as -empty tests. */
  empty: boolean;
}

/** Returns a place with its type as it is on disk, or null when it does not exist. */
export function onDisk(place: ProtectedPlace): FoundPlace | null {
  try {
    const stat = lstatSync(place.path);
    const folder = stat.isDirectory();
    const empty = folder ? readdirSync(place.path).length === 0 : stat.isFile() && stat.size === 0;
    return { place: { ...place, folder }, empty };
  } catch {
    return null;
  }
}
