import { defineDetector } from '../define.js';
import { CHECK_COMMAND, isPackageJson } from './ci-files.js';

const CHECK_SCRIPT_NAME = /^(?:pre)?(?:test|lint|typecheck|type-check|check|audit|coverage|verify|ci|validate)(?:[:-].*)?$/;

function scriptsOf(text: string | null): Record<string, string> | null {
  if (text === null) return null;
  try {
    const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    if (typeof scripts !== 'object' || scripts === null) return {};
    return Object.fromEntries(Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return null;
  }
}

/** 1-based line of a script's key inside the `scripts` object, or 0 when not found. */
function scriptLine(text: string, name: string): number {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /"scripts"\s*:/.test(line));
  const key = JSON.stringify(name);
  const index = lines.findIndex((line, i) => i >= start && line.trimStart().startsWith(key));
  return index < 0 ? 0 : index + 1;
}

function checkCommands(command: string): string[] {
  return [...command.matchAll(new RegExp(CHECK_COMMAND.source, 'g'))].map((m) => m[0].replace(/\s+/g, ' '));
}

export default defineDetector({
  meta: {
    id: 'disabled-check/package-scripts-weakened',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report test, lint and audit scripts removed from package.json or emptied of their check commands.',
    messages: {
      scriptRemoved: 'Check script removed: package.json no longer defines `{{name}}` (`{{command}}`), so `npm run {{name}}` and the CI steps that call it stop checking. Restore the script.',
      commandRemoved: 'Check command removed: script `{{name}}` no longer runs `{{check}}` and no other script does. Restore it in the script.',
    },
  },
  keywords: ['"scripts"', 'package.json'],
  appliesTo: (file) => isPackageJson(file.path),
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.status === 'added' || file.newPath === null || !isPackageJson(file.path)) continue;
      const oldText = await file.oldContent();
      const newText = await file.newContent();
      const before = scriptsOf(oldText);
      const after = scriptsOf(newText);
      // NOTE: a package.json that is not valid JSON on either side is not compared.
      if (!before || !after || oldText === null || newText === null) continue;
      for (const [name, command] of Object.entries(before)) {
        const checks = checkCommands(command);
        if (!CHECK_SCRIPT_NAME.test(name) && checks.length === 0) continue;
        const now = after[name];
        if (now === undefined) {
          const data = { name, command: command.slice(0, 120) };
          context.report({ messageId: 'scriptRemoved', data, file: file.path, line: scriptLine(oldText, name), match: `removed:${name}`, evidence: `"${name}": ${JSON.stringify(command).slice(0, 120)}` });
          continue;
        }
        // A check moved to another script still runs there.
        const remaining = Object.values(after).flatMap(checkCommands);
        for (const check of new Set(checks)) {
          if (remaining.includes(check)) continue;
          const line = scriptLine(newText, name);
          context.report({ messageId: 'commandRemoved', data: { name, check }, file: file.path, line, match: `command:${name}:${check}`, evidence: `"${name}": ${JSON.stringify(now).slice(0, 120)}` });
        }
      }
    }
  },
});
