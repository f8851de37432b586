import { parseGitmodules } from './gitmodules.js';
import { defineDetector } from '../define.js';

export default defineDetector({
  meta: {
    id: 'dependency/submodule-source',
    category: 'dependency',
    severity: 'block',
    confidence: 'high',
    description: 'Report submodules added or pointed at another URL in .gitmodules.',
    messages: {
      repointed:
        'Submodule {{name}} now fetches from {{newUrl}} instead of {{oldUrl}}, so a checkout pulls code from another source. Restore the URL or have the new source reviewed.',
      added: 'Submodule {{name}} was added from {{newUrl}}. Check that the source is trusted and pin the commit it points to.',
    },
  },
  keywords: ['.gitmodules'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath !== '.gitmodules') continue;
      const before = parseGitmodules((await file.oldContent()) ?? '');
      const after = parseGitmodules((await file.newContent()) ?? '');
      for (const [name, entry] of after) {
        const old = before.get(name);
        if (old && old.url === entry.url) continue;
        context.report({
          messageId: old ? 'repointed' : 'added',
          data: { name, newUrl: entry.url, oldUrl: old?.url ?? '' },
          severity: old ? 'block' : 'warn',
          file: file.path,
          line: entry.urlLine,
          match: `${name}=${entry.url}`,
          evidence: `url = ${entry.url}`,
        });
      }
    }
  },
});
