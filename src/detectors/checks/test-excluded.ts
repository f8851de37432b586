import type { DiffLine, FileChange } from '../../model/types.js';
import { defineDetector, type DetectorContext } from '../define.js';
import { isCiFile, isMakefile, isPackageJson } from './ci-files.js';
import { lineWindows, windowMatches, windowSource } from '../line-windows.js';
import { MAX_LINE, newlyAdded } from './source-text.js';
import { continuedLines } from '../continued-lines.js';

// Test runner configs, and the CI, make and package.json files that pass runner flags.
const RUNNER_CONFIG = /(?:^|\/)(?:(?:jest|vitest|vite|playwright|cypress)\.config\.[cm]?[jt]s|vitest\.workspace\.[cm]?[jt]s|jest\.config\.json|pytest\.ini|setup\.cfg|tox\.ini|pyproject\.toml|conftest\.py)$/;
// Options whose list names files or folders the runner leaves out.
const EXCLUDE_KEY = /\b(?:testPathIgnorePatterns|exclude|testIgnore|excludeSpecPattern|collect_ignore(?:_glob)?|norecursedirs)\b["']?\s*[:=]\s*/;
// Command-line flags that leave tests out of a run.
const EXCLUDE_FLAG = /(?:^|\s)(?:--ignore(?:-glob)?=\S+|--deselect[=\s]\S+|-k\s+\\?["']?not\s|--testPathIgnorePatterns[=\s]\S+|--exclude[=\s]\S*(?:test|spec)\S*)/;
// A list item that names a test file, as opposed to a build or dependency folder.
const TEST_ITEM = /["'`]([^"'`\n]{0,200}(?:\.test\.|\.spec\.|_test\.|\/test_|_spec\.)[^"'`\n]{0,100})["'`]/g;
const LOOKBACK = 40;

/** Tests whether a line sits in an exclusion list, walking up through the new content to the list's key. */
function isInExcludeList(lines: string[], index: number): boolean {
  for (let i = index; i >= Math.max(0, index - LOOKBACK); i -= 1) {
    const text = lines[i]!;
    if (hasExcludeKey(text)) return true;
    if (i < index && closesList(text)) return false;
  }
  return false;
}

function hasExcludeKey(text: string): boolean {
  return lineWindows({ line: 0, text }, MAX_LINE).some((window) => EXCLUDE_KEY.test(window.text));
}

/** Tests whether a line ends with `]` or `}`, an optional comma and spaces. */
function closesList(text: string): boolean {
  let end = text.trimEnd();
  if (end.endsWith(',')) end = end.slice(0, -1).trimEnd();
  return end.endsWith(']') || end.endsWith('}');
}

function testItems(line: DiffLine): string[] {
  return windowMatches(line, MAX_LINE, TEST_ITEM).map((m) => m[1]!);
}

function excludedItems(line: DiffLine, lines: string[] | null): string[] {
  // Only a line that names a test file needs the walk up to its list's key.
  const items = testItems(line);
  if (items.length === 0) return [];
  // The list's key may sit in an earlier window of a long line, so the whole line is read.
  const inList =
    hasExcludeKey(windowSource(line).text) || (lines !== null && isInExcludeList(lines, line.line - 1));
  return inList ? items : [];
}

/** Returns the flag that leaves tests out, when the line, without its `#` comment, passes one. */
function excludeFlag(line: DiffLine): string | null {
  const text = line.text.slice(0, MAX_LINE);
  // Every flag EXCLUDE_FLAG matches starts with `--` or is `-k`.
  if (!text.includes('--') && !text.includes('-k')) return null;
  return EXCLUDE_FLAG.exec(text.replace(/\s#.*$/, ''))?.[0].trim() ?? null;
}

function report(context: DetectorContext, file: FileChange, line: DiffLine, what: string): void {
  const evidence = line.text.trim().slice(0, 160);
  context.report({ messageId: 'excluded', data: { what }, file: file.path, line: line.line, match: `excluded:${what}`, evidence });
}

export default defineDetector({
  meta: {
    id: 'disabled-check/test-excluded',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report test files and tests left out of the run by runner config or command-line flags.',
    messages: {
      excluded: 'Tests excluded from the run: `{{what}}` is no longer collected, so its failures go unseen. Remove the exclusion.',
    },
  },
  keywords: ['ignore', 'exclude', 'deselect', '-k ', 'norecursedirs', 'jest', 'vitest', 'vite.config', 'pytest', 'playwright', 'cypress', 'conftest', 'tox.ini', 'setup.cfg', 'pyproject'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || file.added.length === 0) continue;
      const path = file.path;
      const isConfig = RUNNER_CONFIG.test(path) || isPackageJson(path);
      const isCommand = isCiFile(path) || isPackageJson(path) || isMakefile(path);
      if (!isConfig && !isCommand) continue;
      // The new content is read only when a changed line names a test file.
      const namesTest = (line: DiffLine): boolean => testItems(line).length > 0;
      const needsContent = isConfig && (file.added.some(namesTest) || file.removed.some(namesTest));
      const content = needsContent ? await file.newContent() : null;
      const lines = content === null ? null : content.split('\n');
      const found = newlyAdded(file, (line) => {
        const items = isConfig ? excludedItems(line, lines) : [];
        const flag = excludeFlag(line);
        const what = [...items, ...(flag ? [flag] : [])].join(', ');
        return what === '' ? null : what;
      }, String, isConfig ? file : await continuedLines(file));
      for (const { line, key } of found) report(context, file, line, key);
    }
  },
});
