import type { DiffLine, FileChange } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { windowMatches } from '../line-windows.js';
import { lineEvidence, MAX_LINE } from './source-text.js';

const ESLINT_CONFIG = /(?:^|\/)(?:\.eslintrc(?:\.(?:json|js|cjs|ya?ml))?|eslint\.config\.[cm]?[jt]s|package\.json)$/;

// `"rule": "off"`, `rule: [1, {...}]`, `'plugin/rule': 'warn'`. Rule names are kebab-case or
// plugin-scoped; the few one-word core rules are listed, so keys such as `version: 2` do not match.
const RULE_ENTRY = /(?:^|[\s{,])['"]?(@[\w-]+\/[\w-]+(?:\/[\w-]+)?|[\w-]+\/[\w-]+|[a-z]+(?:-[a-z0-9]+)+|eqeqeq|curly|camelcase|semi|quotes|indent|radix|strict|yoda|complexity)['"]?\s*:\s*\[?\s*(['"]?)(off|warn|error|[012])\2\s*(?=[,\]}]|$)/;
const LEVEL: Record<string, number> = { off: 0, '0': 0, warn: 1, '1': 1, error: 2, '2': 2 };
const LEVEL_NAME = ['off', 'warn', 'error'];

interface RuleLevel {
  rule: string;
  level: number;
  /** Offset of the entry in its line. */
  index: number;
}

const RULE_ENTRIES = new RegExp(RULE_ENTRY.source, 'g');

/** Lists the rule entries of a line, with a minified config's long line read as windows. */
function rulesOf(line: DiffLine): RuleLevel[] {
  return windowMatches(line, MAX_LINE, RULE_ENTRIES).map((match) => ({
    rule: match[1]!,
    level: LEVEL[match[3]!]!,
    index: match.index,
  }));
}

/**
 * Lists the rule entries of added lines that no removed line had, as a
 * multiset, so a rule moved or re-indented with its level unchanged is left out.
 */
function newlyAddedRules(file: FileChange): Array<{ line: DiffLine; key: RuleLevel }> {
  const removed = new Map<string, number>();
  for (const line of file.removed) {
    for (const entry of rulesOf(line)) {
      const key = levelKey(entry);
      removed.set(key, (removed.get(key) ?? 0) + 1);
    }
  }
  const added: Array<{ line: DiffLine; key: RuleLevel }> = [];
  for (const line of file.added) {
    for (const entry of rulesOf(line)) {
      const key = levelKey(entry);
      const count = removed.get(key) ?? 0;
      if (count > 0) removed.set(key, count - 1);
      else added.push({ line, key: entry });
    }
  }
  return added;
}

function levelKey(entry: RuleLevel): string {
  return `${entry.rule}:${entry.level}`;
}

/** Returns the 1-based line of the first `"eslintConfig"` in a text, or 0 when it has none. */
function eslintConfigLine(text: string): number {
  const offset = text.indexOf('"eslintConfig"');
  if (offset < 0) return 0;
  let line = 1;
  let newline = text.indexOf('\n');
  while (newline >= 0 && newline < offset) {
    line += 1;
    newline = text.indexOf('\n', newline + 1);
  }
  return line;
}

// NOTE: rules are read line by line, so a rule dropped from a shared config in `extends` is not seen.
export default defineDetector({
  meta: {
    id: 'disabled-check/eslint-rule-loosened',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report ESLint rules turned off or downgraded from error to warning.',
    messages: {
      turnedOff: 'Lint rule turned off: `{{rule}}` no longer reports anything, so the code it catches passes lint. Set it back to "{{before}}".',
      downgraded: 'Lint rule downgraded: `{{rule}}` went from "{{before}}" to "{{after}}", so its findings no longer fail lint. Set it back to "{{before}}".',
    },
  },
  keywords: ['off', 'warn', ': 0', ':0', ': 1', ':1', '[0', '[1', '"0', '"1', "'0", "'1"],
  appliesTo: (file) => ESLINT_CONFIG.test(file.path),
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || !ESLINT_CONFIG.test(file.path)) continue;
      const added = newlyAddedRules(file);
      if (added.length === 0) continue;
      const isPackage = file.path.endsWith('package.json');
      const newText = isPackage ? await file.newContent() : null;
      // In package.json only the `eslintConfig` object contains rules.
      const configLine = newText === null ? 0 : eslintConfigLine(newText);
      if (isPackage && configLine === 0) continue;
      const oldLevels = new Map<string, number>();
      for (const line of file.removed) {
        for (const entry of rulesOf(line)) oldLevels.set(entry.rule, entry.level);
      }
      for (const { line, key } of added) {
        if (line.line < configLine) continue;
        const before = oldLevels.get(key.rule);
        // A rule that is new to this file and set to off overrides a shared config's setting.
        const loosened = before === undefined ? key.level === 0 && !isPackage : key.level < before;
        if (!loosened) continue;
        const data = { rule: key.rule, before: LEVEL_NAME[before ?? 2]!, after: LEVEL_NAME[key.level]! };
        context.report({ messageId: key.level === 0 ? 'turnedOff' : 'downgraded', data, file: file.path, line: line.line, match: `${key.rule}:${key.level}`, evidence: lineEvidence(line.text, key.index).slice(0, 160) });
      }
    }
  },
});
