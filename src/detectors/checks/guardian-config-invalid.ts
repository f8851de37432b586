import { ConfigError } from '../../errors.js';
import { loadPolicy, resolveTreePath, treePathProblem, treeSource, type PackSource } from '../../packs/load.js';
import { parsePack } from '../../packs/validate.js';
import type { CommitChange } from '../../model/types.js';
import { CONFIG_FILE } from '../../repository-files.js';
import { defineDetector } from '../define.js';

// A commit is judged by the config at its parent, so only the commits after the
// one that adds an invalid config read it. Each of them then fails with a config
// error, the commit that repairs the file included. Reporting the file in the
// commit that makes it invalid keeps it out of the history.
// The config is loaded with the packs it extends as the commit leaves them. So
// the detector also reports a built-in name that does not exist, and a pack path
// that is missing, outside the repository, a directory or a binary file. Packs
// that extend each other in a cycle are reported too.
// NOTE: a change built in memory (detector tables) has no repository, so there a
// pack the commit does not touch is taken to be valid.

/** Text read for a pack file that cannot be read here: a valid, empty pack. */
const UNREAD_PACK = '{}\n';

/**
 * Reads the files of the commit as it leaves them: a changed file from the
 * change, any other from the base commit's tree, since the commit keeps it as
 * it was. A root commit contains only the files of its change.
 */
async function commitSource(commit: CommitChange, cwd: string | undefined): Promise<PackSource> {
  const texts = new Map<string, string | null>();
  const directories = new Set<string>();
  for (const file of commit.files) {
    if (file.oldPath !== null && file.oldPath !== file.newPath) texts.set(file.oldPath, null);
    if (file.newPath === null) continue;
    texts.set(file.newPath, file.skipped ? UNREAD_PACK : await file.newContent());
    for (let at = file.newPath.indexOf('/'); at !== -1; at = file.newPath.indexOf('/', at + 1)) {
      directories.add(file.newPath.slice(0, at));
    }
  }
  const base = cwd && commit.base ? treeSource(cwd, commit.base, (path) => path) : null;
  return {
    read(path) {
      const problem = treePathProblem(path);
      if (problem) throw new ConfigError(`${path}: ${problem}`);
      if (directories.has(path)) throw new ConfigError(`${path}: is a directory, not a pack file; name a YAML file in extends`);
      if (texts.has(path)) return texts.get(path)!;
      if (base) return base.read(path);
      return cwd ? null : UNREAD_PACK;
    },
    resolve: resolveTreePath,
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
    // Without a config the built-in packs judge, so packs deleted with it are no fault.
    if (!configChanged && context.commit.files.some((f) => f.oldPath === CONFIG_FILE)) return;
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
    let reported = false;
    let changedPack: string | null = null;
    for (const file of context.commit.files) {
      const isConfig = file.newPath === CONFIG_FILE;
      const isPack = [file.newPath, file.oldPath].some((path) => path !== null && packs.has(path));
      if ((!isConfig && !isPack) || file.skipped) continue;
      if (isPack) changedPack ??= file.path;
      if (file.newPath === null) {
        // Without a config the built-in packs judge, and a changed config is loaded below.
        if (isPack && !configChanged) {
          report(file.path, `${file.path} is deleted, but ${CONFIG_FILE} still extends it`);
          reported = true;
        }
        continue;
      }
      const text = await file.newContent();
      if (text === null) continue;
      try {
        parsePack(text, file.newPath);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        report(file.newPath, error.message);
        reported = true;
      }
    }
    // Each file parses on its own; loading the whole config finds what lies between them.
    if (reported || (!configChanged && changedPack === null)) return;
    try {
      loadPolicy(await commitSource(context.commit, context.cwd), CONFIG_FILE);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      report(configChanged ? CONFIG_FILE : changedPack!, error.message);
    }
  },
});
