import type { DiffLine, FileChange } from '../../model/types.js';
import { defineDetector, type DetectorContext } from '../define.js';
import { lineWindows } from '../line-windows.js';
import { anchoredLineIndexes, declareAnchor, type LiteralAnchor } from '../literal-scan.js';
import { addedTextOf } from '../secrets/added-text.js';
import { isHookScript } from './hook-files.js';
import { MAX_LINE } from './source-text.js';

// Files that configure or run diff-guardian itself. A commit that edits them
// changes how later commits are judged, so the edit is reported. The commit
// itself is still judged by the config of its parent. Packs elsewhere count
// when the config at the parent extends them (`repositoryFiles`). Edits to the
// allowlist and ignore files are judged by disabled-check/ignore-file-loosened.
const GUARDIAN_FILE = /^(?:\.diff-guardian\.ya?ml|\.diff-guardian\/.*|\.pre-commit-hooks\.yaml)$/;
// diff-guardian's hook shims, and hook configs that can call it.
const HOOK_FILE = /^hooks\/[^/]+$|(?:^|\/)(?:\.pre-commit-config\.ya?ml|\.?lefthook(?:-local)?\.ya?ml)$/;
const DOC_FILE = /\.(?:md|markdown|mdx|rst|txt|adoc|html?)$/i;
const CALLS_GUARDIAN = /\bdiff-guardian\b/;
const HOOKS_PATH = /\bcore\.hookspath\b|^\s*hookspath\s*=/i;
// Literal text each pattern needs, found in the shared literal pass over a file's joined lines
// before any line is tested.
const CALLS_GUARDIAN_ANCHOR = declareAnchor(/diff-guardian/g)!;
const HOOKS_PATH_ANCHOR = declareAnchor(/hookspath/gi)!;

function isHookFile(path: string): boolean {
  return isHookScript(path) || HOOK_FILE.test(path);
}

function reportLine(context: DetectorContext, file: FileChange, messageId: string, line: DiffLine, change: 'added' | 'removed' | 'changed', count: number): void {
  const evidence = `${change === 'removed' ? '-' : '+'} ${line.text.trim().slice(0, 120)}`;
  context.report({ messageId, data: { path: file.path, change, count }, file: file.path, line: line.line, match: `${messageId}:${change}:${line.text.trim()}`, evidence });
}

/** Reports hook lines that call diff-guardian, and hook files that did, as a whole when deleted. */
async function checkHookFile(context: DetectorContext, file: FileChange): Promise<void> {
  if (file.status === 'deleted') {
    if (!CALLS_GUARDIAN.test((await file.oldContent()) ?? file.removed.map((l) => l.text).join('\n'))) return;
    context.report({ messageId: 'hookDeleted', data: { path: file.path }, file: file.path, line: 0, match: `deleted:${file.path}`, evidence: `deleted ${file.path}` });
    return;
  }
  reportChangedLines(context, file, 'hookChanged', CALLS_GUARDIAN, CALLS_GUARDIAN_ANCHOR, true);
}

/**
 * Reports lines matching `pattern` that were added or removed, leaving out
 * lines that only moved. An edited line (removed and added again in another
 * form) is reported once, at its new line. `anchor` finds literal text that
 * every line matching `pattern` contains.
 */
function reportChangedLines(
  context: DetectorContext,
  file: FileChange,
  messageId: string,
  pattern: RegExp,
  anchor: LiteralAnchor,
  firstOnly = false,
): void {
  const matching = (lines: DiffLine[]): DiffLine[] =>
    anchoredLineIndexes(addedTextOf(lines), anchor)
      .map((index) => lines[index]!)
      .filter((line) => lineWindows(line, MAX_LINE).some((window) => pattern.test(window.text)));
  const addedMatches = matching(file.added);
  const removedMatches = matching(file.removed);
  if (addedMatches.length === 0 && removedMatches.length === 0) return;
  const trimmed = (lines: DiffLine[]): Set<string> => new Set(lines.map((l) => l.text.trim()));
  const addedTexts = removedMatches.length > 0 ? trimmed(file.added) : new Set<string>();
  const removedTexts = addedMatches.length > 0 ? trimmed(file.removed) : new Set<string>();
  const added = addedMatches.filter((l) => !removedTexts.has(l.text.trim()));
  const removed = removedMatches.filter((l) => !addedTexts.has(l.text.trim()));
  const lines = added.length > 0 ? added : removed;
  let change: 'added' | 'removed' | 'changed' = 'added';
  if (added.length === 0) change = 'removed';
  else if (removed.length > 0) change = 'changed';
  // A hook edit is one change however many lines it spans, as with the block install adds to a tracked hook script.
  for (const line of firstOnly ? lines.slice(0, 1) : lines) reportLine(context, file, messageId, line, change, lines.length);
}

export default defineDetector({
  meta: {
    id: 'disabled-check/guardian-config-changed',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: "Report changes to diff-guardian's own config, the packs it extends and its hooks, and to core.hooksPath.",
    messages: {
      changed:
        "diff-guardian's config {{path}} was {{status}}. This commit is judged by the previous config; have a reviewer approve the change in a commit of its own.",
      hookChanged: 'diff-guardian hook edited: lines that run diff-guardian ({{count}}, the first shown) were {{change}} in {{path}}, which changes whether later commits are checked. Revert them, or have a reviewer approve them in a commit of its own.',
      hookDeleted: 'diff-guardian hook deleted: {{path}} ran diff-guardian, so commits are no longer checked there. Restore it with `git checkout HEAD~1 -- {{path}}`.',
      hooksPathChanged: 'Git hook folder changed: a `core.hooksPath` setting was {{change}}, so git may stop running the installed hooks, diff-guardian included. Revert the line, or have a reviewer approve it in a commit of its own.',
    },
  },
  async run(context) {
    const packs = new Set(context.policy?.repositoryFiles?.packs ?? []);
    for (const file of context.commit.files) {
      const paths = [file.newPath, file.oldPath].filter((p): p is string => p !== null);
      if (paths.some((p) => GUARDIAN_FILE.test(p) || packs.has(p))) {
        context.report({
          messageId: 'changed',
          data: { path: file.path, status: file.status },
          file: file.path,
          line: 0,
          match: `${file.status}:${file.path}`,
          evidence: `${file.status} ${file.path}`,
        });
        continue;
      }
      if (file.skipped) continue;
      if (paths.some(isHookFile)) await checkHookFile(context, file);
      if (DOC_FILE.test(file.path)) continue;
      reportChangedLines(context, file, 'hooksPathChanged', HOOKS_PATH, HOOKS_PATH_ANCHOR);
    }
  },
});
