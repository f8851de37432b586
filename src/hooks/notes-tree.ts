import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitSync } from '../git/exec.js';
import { identityEnv } from '../notes/store.js';
import { makeTempFolder } from '../util/temp-folder.js';

const COMMIT_MESSAGE = 'Notes added by diff-guardian';

/** One note of a notes tree: the annotated commit and the blob of its text. */
export interface NoteEntry {
  commit: string;
  blob: string;
}

/** Paths a note may have in a notes tree: flat, or under 2-hex-digit fan-out directories. */
function notePaths(commit: string): string[] {
  const paths = [commit];
  for (let depth = 1; depth <= 3; depth += 1) {
    const dirs = Array.from({ length: depth }, (_, i) => commit.slice(i * 2, i * 2 + 2));
    paths.push(`${dirs.join('/')}/${commit.slice(depth * 2)}`);
  }
  return paths;
}

/**
 * Creates a notes commit whose parent is `base` (null for a root commit) and
 * whose tree is base's with `entries` added, each replacing any note of the
 * same commit at a flat or fanned-out path. No ref is moved.
 */
export function commitNotes(cwd: string, base: string | null, entries: readonly NoteEntry[]): string {
  const scratch = makeTempFolder('diff-guardian-notes-tree-');
  try {
    const env = { GIT_INDEX_FILE: join(scratch, 'index'), ...identityEnv(cwd) };
    gitSync(base ? ['read-tree', base] : ['read-tree', '--empty'], { cwd, env });
    const zero = (commit: string) => '0'.repeat(commit.length);
    const info = entries.flatMap(({ commit, blob }) => [
      ...notePaths(commit).map((path) => `0 ${zero(commit)}\t${path}`),
      `100644 ${blob}\t${commit}`,
    ]);
    gitSync(['update-index', '--index-info'], { cwd, env, input: info.join('\n') + '\n' });
    const tree = gitSync(['write-tree'], { cwd, env }).trim();
    const parents = base ? ['-p', base] : [];
    return gitSync(['commit-tree', '--no-gpg-sign', tree, ...parents, '-m', COMMIT_MESSAGE], { cwd, env }).trim();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes each text as a blob with one git process and returns the blob ids in order. */
export function writeBlobs(cwd: string, texts: readonly string[]): string[] {
  if (texts.length === 0) return [];
  const scratch = makeTempFolder('diff-guardian-notes-tree-');
  try {
    const paths = texts.map((text, index) => {
      const path = join(scratch, `note-${index}`);
      writeFileSync(path, text);
      return path;
    });
    const out = gitSync(['hash-object', '-w', '--no-filters', '--stdin-paths'], { cwd, input: paths.join('\n') + '\n' });
    return out.trim().split('\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
