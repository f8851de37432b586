import { hookBypassOf } from '../../gate/commands/no-verify.js';
import { parseShell, unwrapCommand } from '../../gate/shell/parse.js';
import { continuedLines } from '../continued-lines.js';
import { defineDetector } from '../define.js';
import { isPackageJson, shellCommandOf } from './ci-files.js';
import { isCommandFile } from './hook-files.js';
import { MAX_LINE, newlyAdded, splitLine } from './source-text.js';

interface Bypass {
  pattern: RegExp;
  messageId: 'noVerify' | 'hooksOff' | 'hooksSkipped';
}

// Stands for a git call that the shell parser reads as skipping hooks (`-nm`, `--no-verif`),
// so that `newlyAdded` can pair it with the same call on a removed line.
const PARSED_NO_VERIFY: Bypass = { pattern: /git (?:commit|push|merge|am|cherry-pick|rebase) --no-verify/, messageId: 'noVerify' };

// Patterns run on the command part of a line, with quoted text blanked.
const BYPASSES: Bypass[] = [
  { pattern: /\bgit\b[^|;&]{0,200}?\s(?:commit|push|merge|am|cherry-pick|rebase|revert)\b[^|;&]{0,200}?\s--no-verify\b/, messageId: 'noVerify' },
  { pattern: /\bgit\b[^|;&]{0,200}?\scommit\b[^|;&]{0,200}?\s-n(?=\s|$)/, messageId: 'noVerify' },
  { pattern: /\b(?:HUSKY=0|HUSKY_SKIP_HOOKS=(?:1|true)|HUSKY_SKIP_INSTALL=(?:1|true)|LEFTHOOK=0|LEFTHOOK=false)\b/, messageId: 'hooksOff' },
  { pattern: /^\s*(?:-\s*)?(?:HUSKY|LEFTHOOK):\s*['"]?(?:0|false)\b/, messageId: 'hooksOff' },
  { pattern: /\bSKIP=\S+\s+(?:\S+=\S*\s+)*(?:git|pre-commit)\b|\bexport\s+SKIP=\S/, messageId: 'hooksSkipped' },
  { pattern: /^\s*SKIP:\s*\S/, messageId: 'hooksSkipped' },
];

export default defineDetector({
  meta: {
    id: 'disabled-check/hooks-bypassed',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: 'Report commands and settings that skip git hooks: --no-verify, HUSKY=0 and pre-commit SKIP.',
    messages: {
      noVerify: 'Git hooks bypassed: `--no-verify` skips the pre-commit and pre-push hooks, and every check they run, for this command. Remove the flag.',
      hooksOff: 'Git hooks turned off: `{{evidence}}` stops the hook manager from running any hook. Remove the setting.',
      hooksSkipped: 'pre-commit hooks skipped: `SKIP=` names hooks that will not run. Remove it and fix what those hooks report.',
    },
  },
  keywords: ['no-v', 'commit', 'husky', 'lefthook', 'skip'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || file.added.length === 0) continue;
      if (!(await isCommandFile(file))) continue;
      const bypassOf = (text: string): Bypass | null => {
        if (!GIT_NAME.test(text) && !HOOK_SETTING_WORD.test(text)) return null;
        const command = shellCommandOf(file.path, text);
        const bypass = BYPASSES.find((b) => b.pattern.test(command));
        if (bypass) return bypass;
        return skipsHooks(rawCommandOf(file.path, text)) ? PARSED_NO_VERIFY : null;
      };
      const lines = await continuedLines(file);
      for (const { line, key } of newlyAdded(file, (l) => bypassOf(l.text), (b) => b.pattern.source, lines)) {
        const evidence = line.text.trim().slice(0, 120);
        context.report({ messageId: key.messageId, data: { evidence }, file: file.path, line: line.line, match: `${key.messageId}:${line.text.trim()}`, evidence });
      }
    }
  },
});

/**
 * Returns the shell command of a line as written, with its quotes: a
 * package.json script's decoded value, the inside of a quoted YAML value, or
 * the line without its trailing comment.
 */
function rawCommandOf(path: string, text: string): string {
  const line = text.slice(0, MAX_LINE);
  if (isPackageJson(path)) {
    const value = /^\s*"[^"]*"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(line)?.[1];
    if (value === undefined) return '';
    try {
      return JSON.parse(value) as string;
    } catch {
      return '';
    }
  }
  const quoted = /^(\s*(?:-\s+)?[\w-]+:\s+)(["'])(.*)\2\s*$/.exec(line);
  const command = quoted ? `${quoted[1]}${quoted[3]}` : line;
  return command.slice(0, splitLine(command, 'shell').code.length);
}

// Words before a command that belong to the file format: a YAML key (`run:`) or list dash,
// and a Dockerfile `RUN`.
const FORMAT_WORD = /^(?:-|RUN|[A-Za-z_][\w.-]*:)$/;

// The letters of `git` with only quotes, backslashes or `$` (of `$''`) between them. The shell
// parser keeps expansions as written and takes every other word character from the line, so a
// line whose commands run git contains this.
const GIT_NAME = /g[\\'"$]*i[\\'"$]*t/;
// Every other bypass names a hook manager or its SKIP variable, so a line with neither these
// words nor git is not read further.
const HOOK_SETTING_WORD = /husky|lefthook|skip/i;

/**
 * Tests whether any command of a line skips git hooks, reading options the
 * way git does (clusters such as `-anm`, prefixes such as `--no-verif`).
 */
function skipsHooks(raw: string): boolean {
  // Both ways of skipping hooks are options, and the name `git` may be written with quotes.
  if (!raw.includes('-') || !GIT_NAME.test(raw)) return false;
  for (const command of parseShell(raw)) {
    let start = 0;
    while (start < command.argv.length && FORMAT_WORD.test(command.argv[start]!)) start += 1;
    // A Makefile recipe may start with `@` (silent), `-` (ignore errors) or `+`.
    const argv = command.argv.slice(start).map((word, i) => (i === 0 ? word.replace(/^[@+-]+(?=\w)/, '') : word));
    if (hookBypassOf(unwrapCommand({ argv, env: command.env }).argv)) return true;
  }
  return false;
}
