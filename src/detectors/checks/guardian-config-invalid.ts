import { ConfigError } from '../../errors.js';
import { parsePack } from '../../packs/validate.js';
import { CONFIG_FILE } from '../../repository-files.js';
import { defineDetector } from '../define.js';

// A commit is judged by the config at its parent, so only the commits after the
// one that adds an invalid config read it. Each of them then fails with a config
// error, the commit that repairs the file included. Reporting the file in the
// commit that makes it invalid keeps it out of the history.
// NOTE: packs that the config extends by path are not read here, because a
// detector sees only the files the commit changes. An extended pack that is
// missing or invalid is still reported by the commits after this one.

/** Returns the 1-based line a ConfigError message names after the file (`file:line:column: message`), or 0. */
function errorLine(message: string, display: string): number {
  if (!message.startsWith(`${display}:`)) return 0;
  const line = Number(message.slice(display.length + 1).split(':')[0]);
  return Number.isSafeInteger(line) && line > 0 ? line : 0;
}

export default defineDetector({
  meta: {
    id: 'disabled-check/guardian-config-invalid',
    category: 'disabled-check',
    severity: 'block',
    confidence: 'high',
    description: 'Report a committed .diff-guardian.yml that is not a valid config.',
    messages: {
      invalid:
        '{{path}} is not a valid config: {{error}}. Every later commit is judged by it and would fail with a config error, the fix included. Correct the file before committing it.',
    },
  },
  keywords: ['.diff-guardian.yml'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath !== CONFIG_FILE || file.status === 'deleted' || file.skipped) continue;
      const text = await file.newContent();
      if (text === null) continue;
      try {
        parsePack(text, CONFIG_FILE);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        const lines = error.message.split('\n');
        const first = lines[0]!;
        const prefix = `${CONFIG_FILE}:`;
        const detail = lines
          .slice(0, 3)
          .map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line))
          .join('; ');
        context.report({
          messageId: 'invalid',
          data: { path: CONFIG_FILE, error: detail },
          file: CONFIG_FILE,
          line: errorLine(first, CONFIG_FILE),
          match: `invalid:${first}`,
          evidence: first.slice(0, 160),
        });
      }
    }
  },
});
