import { posix } from 'node:path';
import { ConfigError } from '../../errors.js';
import { loadPolicy, type PackSource } from '../../packs/load.js';
import { parsePack } from '../../packs/validate.js';
import type { CommitChange } from '../../model/types.js';
import { CONFIG_FILE } from '../../repository-files.js';
import { defineDetector } from '../define.js';

// A commit is judged by the config at its parent, so only the commits after the
// one that adds an invalid config read it. Each of them then fails with a config
// error, the commit that repairs the file included. Reporting the file in the
// commit that makes it invalid keeps it out of the history.
// The config is also loaded with the packs it extends: a built-in name that
// does not exist, a pack file the commit deletes, or one it makes invalid is
// reported too.
// NOTE: a detector reads only the files the commit changes, so a pack the commit
// does not touch is taken to be valid. A config that extends a path that never
// existed is therefore reported only by the commits after this one.

/** Text read for a pack file the commit does not change: a valid, empty pack. */
const UNCHANGED_PACK = '{}\n';

/** Reads the files of the commit as it leaves them, taking unchanged files for valid packs. */
async function commitSource(commit: CommitChange): Promise<PackSource> {
  const texts = new Map<string, string | null>();
  for (const file of commit.files) {
    if (file.oldPath !== null && file.oldPath !== file.newPath) texts.set(file.oldPath, null);
    if (file.newPath !== null) texts.set(file.newPath, file.skipped ? UNCHANGED_PACK : await file.newContent());
  }
  return {
    read: (path) => (texts.has(path) ? texts.get(path)! : UNCHANGED_PACK),
    resolve: (from, ref) => posix.normalize(posix.join(posix.dirname(from), ref)).replace(/^(\.\/)+/, ''),
    display: (path) => path,
  };
}

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
    description: 'Report a committed .diff-guardian.yml, or a pack it extends, that is not valid.',
    messages: {
      invalid:
        '{{path}} leaves the config invalid: {{error}}. Every later commit is judged by the config and would fail with a config error, the fix included. Correct the file before committing it.',
    },
  },
  async run(context) {
    const packs = new Set(context.policy?.repositoryFiles?.packs ?? []);
    const configChanged = context.commit.files.some((f) => f.newPath === CONFIG_FILE);
    const report = (path: string, problem: string): void => {
      const lines = problem.split('\n');
      const prefix = `${path}:`;
      const detail = lines
        .slice(0, 3)
        .map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line))
        .join('; ');
      context.report({
        messageId: 'invalid',
        data: { path, error: detail },
        file: path,
        line: errorLine(lines[0]!, path),
        match: `invalid:${lines[0]}`,
        evidence: lines[0]!.slice(0, 160),
      });
    };
    for (const file of context.commit.files) {
      const isConfig = file.newPath === CONFIG_FILE;
      const isPack = [file.newPath, file.oldPath].some((path) => path !== null && packs.has(path));
      if ((!isConfig && !isPack) || file.skipped) continue;
      if (file.newPath === null) {
        // Without a config the built-in packs judge, and a changed config is loaded below.
        if (isPack && !configChanged) report(file.path, `${file.path} is deleted, but ${CONFIG_FILE} still extends it`);
        continue;
      }
      const text = await file.newContent();
      if (text === null) continue;
      try {
        parsePack(text, file.newPath);
        if (isConfig) loadPolicy(await commitSource(context.commit), CONFIG_FILE);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        report(file.newPath, error.message);
      }
    }
  },
});
