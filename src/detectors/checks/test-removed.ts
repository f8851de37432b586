import type { FileChange } from '../../model/types.js';
import { defineDetector, type DetectorContext } from '../define.js';
import { isTestPath, languageOf, languageOfFile, type Language } from './source-text.js';
import { isTestHeader, testBlocksOf } from './test-blocks.js';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Names of tests in the old version that the new version lacks, with their old lines. */
async function removedTests(file: FileChange, language: Language): Promise<Array<{ name: string; line: number }>> {
  const [oldText, newText] = [await file.oldContent(), await file.newContent()];
  if (oldText !== null && newText !== null) {
    const before = testBlocksOf(oldText, language);
    const after = testBlocksOf(newText, language);
    // A rename changes a name but keeps the count, so only a smaller count means tests are gone.
    if (after.length >= before.length) return [];
    const remaining = new Map<string, number>();
    for (const block of after) remaining.set(block.name, (remaining.get(block.name) ?? 0) + 1);
    const missing = before.filter((block) => {
      const count = remaining.get(block.name) ?? 0;
      remaining.set(block.name, count - 1);
      return count <= 0;
    });
    return missing.slice(0, before.length - after.length);
  }
  // A bare patch: compare test headers among the removed and added lines.
  const removed = file.removed.filter((l) => isTestHeader(l.text, language));
  const added = file.added.filter((l) => isTestHeader(l.text, language)).length;
  return removed.slice(0, Math.max(0, removed.length - added)).map((l) => ({ name: l.text.trim().slice(0, 120), line: l.line }));
}

/** Tests whether a deleted file defined tests, so a deleted helper in a test folder is not reported. */
async function hadTests(file: FileChange, language: Language): Promise<boolean> {
  const content = await file.oldContent();
  if (content !== null) return testBlocksOf(content, language).length > 0;
  return file.removed.some((line) => isTestHeader(line.text, language));
}

function reportDeletedFile(context: DetectorContext, file: FileChange): void {
  const movedTo = context.commit.files.find((f) => f.status === 'added' && f.newPath && baseName(f.newPath) === baseName(file.path));
  if (movedTo) return;
  context.report({ messageId: 'fileDeleted', data: { path: file.path }, file: file.path, line: 0, match: `deleted:${file.path}`, evidence: `deleted ${file.path}` });
}

/**
 * Counts, by name, the tests that the commit adds to its other test files: new
 * files, and changed files with more tests of a name than before. A test moved
 * to another file in the same commit is then not reported as removed.
 */
async function testsAddedElsewhere(context: DetectorContext, except: FileChange): Promise<Map<string, number>> {
  const added = new Map<string, number>();
  for (const file of context.commit.files) {
    if (file === except || file.skipped || file.status === 'deleted' || !isTestPath(file.path)) continue;
    const language = await languageOfFile(file);
    const newText = language ? await file.newContent() : null;
    if (!language || newText === null) continue;
    const oldText = file.status === 'added' ? null : await file.oldContent();
    const before = new Map<string, number>();
    for (const block of oldText === null ? [] : testBlocksOf(oldText, language)) before.set(block.name, (before.get(block.name) ?? 0) + 1);
    for (const block of testBlocksOf(newText, language)) {
      const left = before.get(block.name) ?? 0;
      if (left > 0) before.set(block.name, left - 1);
      else added.set(block.name, (added.get(block.name) ?? 0) + 1);
    }
  }
  return added;
}

export default defineDetector({
  meta: {
    id: 'disabled-check/test-removed',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report deleted test files and test cases removed from a test file that stays.',
    messages: {
      fileDeleted: 'Test file deleted: every test in {{path}} stops running. Restore it with `git checkout HEAD~1 -- {{path}}`, or move its tests elsewhere in the same commit.',
      testRemoved: 'Test removed: `{{name}}` no longer exists in this test file, so what it checked is untested. Restore the test, or replace it in the same commit.',
    },
  },
  appliesTo: (file) => isTestPath(file.path),
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || !isTestPath(file.oldPath ?? file.path)) continue;
      if (file.status === 'deleted') {
        const language = languageOf(file.path);
        if (language !== null && (await hadTests(file, language))) reportDeletedFile(context, file);
        continue;
      }
      if (file.status === 'added') continue;
      const language = await languageOfFile(file);
      if (!language) continue;
      const removed = await removedTests(file, language);
      const elsewhere = removed.length > 0 ? await testsAddedElsewhere(context, file) : new Map<string, number>();
      for (const test of removed) {
        const moved = elsewhere.get(test.name) ?? 0;
        if (moved > 0) {
          elsewhere.set(test.name, moved - 1);
          continue;
        }
        context.report({ messageId: 'testRemoved', data: { name: test.name }, file: file.path, line: test.line, match: `removed:${test.name}`, evidence: test.name });
      }
    }
  },
});
