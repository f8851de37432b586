import { defineDetector } from '../define.js';
import { isTestPath, languageOfFile } from './source-text.js';
import { testBlocksOf } from './test-blocks.js';

// NOTE: needs both whole versions of the file, so a bare patch without them is not read.
export default defineDetector({
  meta: {
    id: 'disabled-check/assertions-removed',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report tests that stay but make fewer assertions than before.',
    messages: {
      fewerAssertions: 'Assertions removed: test `{{name}}` now makes {{after}} assertion(s) instead of {{before}}, so it passes without checking what it used to. Restore the removed assertions.',
    },
  },
  appliesTo: (file) => isTestPath(file.path),
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.status === 'added' || file.status === 'deleted' || !isTestPath(file.path)) continue;
      if (file.removed.length === 0) continue;
      const language = await languageOfFile(file);
      if (!language) continue;
      const [oldText, newText] = [await file.oldContent(), await file.newContent()];
      if (oldText === null || newText === null) continue;
      const before = testBlocksOf(oldText, language);
      for (const test of testBlocksOf(newText, language)) {
        const old = before.find((b) => b.name === test.name);
        if (!old || test.assertions >= old.assertions) continue;
        context.report({
          messageId: 'fewerAssertions',
          data: { name: test.name, before: old.assertions, after: test.assertions },
          file: file.path,
          line: test.line,
          match: `${test.name}:${old.assertions}>${test.assertions}`,
          evidence: test.name,
        });
      }
    }
  },
});
