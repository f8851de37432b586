import parseDiff from 'parse-diff';
import { kindOfMode } from '../git/modes.js';
import type { CommitChange, DiffLine, FileChange, FileStatus, Hunk, Identity } from '../model/types.js';

/** Contents a caller knows beyond the patch, keyed by path, for detectors that read whole files. */
export interface KnownContents {
  old?: Record<string, string>;
  new?: Record<string, string>;
}

export interface UnifiedDiffOptions {
  sha?: string;
  message?: string;
  author?: Identity;
  contents?: KnownContents;
}

const NOBODY: Identity = { name: '', email: '', date: new Date(0).toISOString() };

/**
 * Builds the change model from a unified diff (`git diff` or `diff -u`
 * output). Used for patches that do not come from a repository, such as an
 * agent's proposed edit. Whole contents are known only where the caller
 * passes them, or for an added file, whose lines are all in the patch.
 */
export function changeFromUnifiedDiff(text: string, options: UnifiedDiffOptions = {}): CommitChange {
  // A section with neither path (a truncated or hand-written header) names no file to judge.
  const files = parseDiff(text)
    .filter((file) => stripPrefix(file.from) !== null || stripPrefix(file.to) !== null)
    .map((file) => toFileChange(file, options.contents ?? {}));
  const message = options.message ?? '';
  return {
    sha: options.sha ?? 'PATCH',
    tree: '',
    parents: [],
    base: null,
    author: options.author ?? NOBODY,
    committer: options.author ?? NOBODY,
    message,
    trailers: [],
    files,
  };
}

// parse-diff already removes git's a/ and b/ prefixes, so a path such as
// a/b/c arrives as b/c and must not be stripped again.
function stripPrefix(path: string | undefined): string | null {
  if (path === undefined || path === '/dev/null') return null;
  return path;
}

function toFileChange(file: parseDiff.File, contents: KnownContents): FileChange {
  const oldPath = file.new ? null : stripPrefix(file.from);
  const newPath = file.deleted ? null : stripPrefix(file.to);
  let status: FileStatus = 'modified';
  if (file.new) status = 'added';
  else if (file.deleted) status = 'deleted';
  else if (oldPath !== newPath) status = 'renamed';
  const added: DiffLine[] = [];
  const removed: DiffLine[] = [];
  const hunks: Hunk[] = [];
  let crlf = false;
  let binary = false;
  for (const chunk of file.chunks) {
    const hunk: Hunk = { oldStart: chunk.oldStart, oldLines: chunk.oldLines, newStart: chunk.newStart, newLines: chunk.newLines, lines: [] };
    for (const change of chunk.changes) {
      // parse-diff 0.12 returns git's "\ No newline at end of file" marker as a change line.
      if (change.content.startsWith('\\')) continue;
      let text = change.content.slice(1);
      if (text.endsWith('\r')) {
        text = text.slice(0, -1);
        crlf = true;
      }
      if (text.includes('\0')) binary = true;
      if (change.type === 'add') {
        added.push({ line: change.ln, text });
        hunk.lines.push({ op: '+', oldLine: 0, newLine: change.ln, text });
      } else if (change.type === 'del') {
        removed.push({ line: change.ln, text });
        hunk.lines.push({ op: '-', oldLine: change.ln, newLine: 0, text });
      } else if (!change.content.startsWith('\\')) {
        hunk.lines.push({ op: ' ', oldLine: change.ln1, newLine: change.ln2, text });
      }
    }
    hunks.push(hunk);
  }
  const oldMode = file.new ? '000000' : (file.oldMode ?? '100644');
  const newMode = file.deleted ? '000000' : (file.newMode ?? file.oldMode ?? '100644');
  const path = (newPath ?? oldPath)!;
  const knownOld = oldPath !== null ? contents.old?.[oldPath] : undefined;
  const knownNew = newPath !== null ? contents.new?.[newPath] : undefined;
  return {
    status,
    oldPath,
    newPath,
    path,
    pathEscaped: false,
    oldMode,
    newMode,
    oldKind: kindOfMode(oldMode),
    newKind: kindOfMode(newMode),
    oldOid: '0'.repeat(40),
    newOid: '0'.repeat(40),
    binary,
    crlf,
    hunks,
    added,
    removed,
    oldContent: async () => knownOld ?? (status === 'added' ? null : null),
    newContent: async () => knownNew ?? (status === 'added' ? added.map((l) => l.text).join('\n') + '\n' : null),
  };
}
