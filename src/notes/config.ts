import { gitSync } from '../git/exec.js';
import { NOTES_REF } from './types.js';

/** What configureNotes changed and what it found that could lose notes. */
export interface NotesConfigResult {
  /** Config entries added, as `key=value`. */
  added: string[];
  /** Existing settings that put notes at risk, each with the command that fixes it. */
  warnings: string[];
}

export interface NotesConfigOptions {
  /** Remotes whose notes plain `git fetch` should bring into refs/notes/remotes/<remote>/. */
  fetchFrom?: readonly string[];
}

/** Returns the ref that fetched notes of `remote` are kept in, apart from the local notes. */
export function remoteNotesRef(remote: string): string {
  return `refs/notes/remotes/${remote}/diff-guardian`;
}

/**
 * Configures a repository for verdict notes: `notes.displayRef` so plain
 * `git log` shows them, and for each remote in `fetchFrom` a fetch refspec
 * without `+`, so a fetch never replaces local notes that were not pushed yet.
 * Entries already present are left alone, so running it twice adds nothing.
 * Rewritten commits get fresh notes from the post-commit and post-rewrite
 * hooks, so `notes.rewriteRef` is not set: a note git copies names the old
 * commit, and git would append it to the fresh one on every rebase.
 */
export function configureNotes(cwd: string, options: NotesConfigOptions = {}): NotesConfigResult {
  const result: NotesConfigResult = { added: [], warnings: [] };
  addConfigValue(cwd, 'notes.displayRef', NOTES_REF, result);
  if (configValues(cwd, 'notes.rewriteRef').includes(NOTES_REF)) {
    result.warnings.push(
      `notes.rewriteRef=${NOTES_REF} copies a rewritten commit's old verdict note onto the new commit, which then gets a fresh note too; ` +
        `remove it with \`git config --unset notes.rewriteRef '${NOTES_REF}'\``,
    );
  }
  for (const remote of options.fetchFrom ?? []) {
    const refspec = `${NOTES_REF}*:${remoteNotesRef(remote)}*`;
    addConfigValue(cwd, `remote.${remote}.fetch`, refspec, result);
  }
  result.warnings.push(...forcedNotesRefspecs(cwd));
  return result;
}

function addConfigValue(cwd: string, key: string, value: string, result: NotesConfigResult): void {
  const existing = configValues(cwd, key);
  if (existing.includes(value)) return;
  gitSync(['config', '--add', key, value], { cwd });
  result.added.push(`${key}=${value}`);
}

function configValues(cwd: string, key: string): string[] {
  return gitSync(['config', '--get-all', key], { cwd, okCodes: [1] })
    .split('\n')
    .filter(Boolean);
}

/** Lists fetch refspecs that force-update local notes refs, which makes a fetch drop unpushed notes. */
export function forcedNotesRefspecs(cwd: string): string[] {
  const out = gitSync(['config', '--get-regexp', '^remote\\..*\\.fetch$'], { cwd, okCodes: [1] });
  const warnings: string[] = [];
  for (const line of out.split('\n').filter(Boolean)) {
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const refspec = line.slice(space + 1);
    const destination = refspec.split(':')[1] ?? '';
    if (!refspec.startsWith('+') || !destination.startsWith('refs/notes/')) continue;
    if (destination.startsWith('refs/notes/remotes/')) continue;
    warnings.push(
      `${key} ${refspec} overwrites local notes on every fetch, losing verdicts not pushed yet; ` +
        `remove it with \`git config --unset ${key} '${refspec.replace(/[*+]/g, (c) => `\\${c}`)}'\` and run \`diff-guardian notes sync\``,
    );
  }
  return warnings;
}
