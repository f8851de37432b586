import { defineDetector, type DetectorContext } from '../define.js';
import { iniEntries, listItems, type IniEntry } from './ini-entries.js';

const PYTHON_CONFIG = /(?:^|\/)(?:\.?mypy\.ini|setup\.cfg|tox\.ini|pyproject\.toml|\.?ruff\.toml|\.flake8|\.?pylintrc)$/;

/** Returns the tool a section configures, judged by its name or the file's name. */
function toolOf(path: string, section: string): 'mypy' | 'ruff' | 'flake8' | 'pylint' | null {
  const name = `${path.slice(path.lastIndexOf('/') + 1)} ${section}`.toLowerCase();
  if (name.includes('mypy')) return 'mypy';
  if (name.includes('ruff')) return 'ruff';
  if (name.includes('flake8')) return 'flake8';
  if (name.includes('pylint') || /messages[ _]control/.test(name)) return 'pylint';
  return null;
}

// mypy options whose `true` is the stricter setting, and those whose `true` is the looser one.
const MYPY_STRICT_WHEN_TRUE = /^(?:strict|disallow-[\w-]+|warn-[\w-]+|check-untyped-defs|no-implicit-optional|strict-optional|strict-equality|no-implicit-reexport|extra-checks|local-partial-types)$/;
const MYPY_LOOSE_WHEN_TRUE = /^(?:ignore-errors|ignore-missing-imports|allow-untyped-globals|allow-redefinition|implicit-optional|implicit-reexport)$/;
// List options where a new item silences more, and those where a removed item checks less.
const GROWS_LOOSER = new Set(['ignore', 'extend-ignore', 'disable', 'unfixable']);
const SHRINKS_LOOSER = new Set(['select', 'extend-select', 'enable']);

const bool = (value: string | undefined): boolean | null => (value === undefined ? null : /^\s*["']?true/i.test(value) ? true : /^\s*["']?false/i.test(value) ? false : null);

function keyed(entries: IniEntry[], path: string): Map<string, IniEntry> {
  const map = new Map<string, IniEntry>();
  for (const entry of entries) {
    const tool = toolOf(path, entry.section);
    if (tool) map.set(`${tool}|${entry.section}|${entry.key}`, entry);
  }
  return map;
}

function report(context: DetectorContext, path: string, messageId: string, entry: IniEntry, data: Record<string, string>): void {
  context.report({ messageId, data: { key: entry.key, ...data }, file: path, line: entry.line, match: `${messageId}:${entry.section}:${entry.key}:${data.items ?? ''}`, evidence: `${entry.key} = ${entry.value.replace(/\s+/g, ' ').slice(0, 120)}` });
}

export default defineDetector({
  meta: {
    id: 'disabled-check/python-lint-loosened',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report mypy, ruff, flake8 and pylint settings that check less than before.',
    messages: {
      optionLoosened: 'Type check loosened: mypy `{{key}}` is now {{value}}, so errors it used to report pass. Set it back to {{before}}.',
      ignoreGrew: 'Lint codes silenced: `{{key}}` now also lists {{items}}, so those problems pass {{tool}}. Remove them from the list.',
      selectShrank: 'Lint codes no longer checked: `{{key}}` dropped {{items}}, so {{tool}} stops reporting them. Add them back.',
    },
  },
  keywords: ['pyproject.toml', 'setup.cfg', 'tox.ini', 'mypy', 'ruff', 'flake8', 'pylint'],
  appliesTo: (file) => PYTHON_CONFIG.test(file.path),
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || !PYTHON_CONFIG.test(file.path)) continue;
      const newText = await file.newContent();
      if (newText === null) continue;
      const before = keyed(iniEntries((await file.oldContent()) ?? ''), file.path);
      for (const [id, entry] of keyed(iniEntries(newText), file.path)) {
        const tool = id.slice(0, id.indexOf('|'));
        const old = before.get(id);
        if (tool === 'mypy') {
          const now = bool(entry.value);
          const was = bool(old?.value);
          const stricter = MYPY_STRICT_WHEN_TRUE.test(entry.key) ? true : MYPY_LOOSE_WHEN_TRUE.test(entry.key) ? false : null;
          if (stricter !== null && now === !stricter && was !== now) {
            report(context, file.path, 'optionLoosened', entry, { value: String(now), before: String(stricter) });
          }
        }
        if (GROWS_LOOSER.has(entry.key)) {
          const was = new Set(old ? listItems(old.value) : []);
          const added = listItems(entry.value).filter((item) => !was.has(item));
          if (added.length > 0) report(context, file.path, 'ignoreGrew', entry, { items: added.join(', '), tool });
        }
        if (SHRINKS_LOOSER.has(entry.key) && old) {
          const now = new Set(listItems(entry.value));
          const dropped = listItems(old.value).filter((item) => !now.has(item));
          if (dropped.length > 0) report(context, file.path, 'selectShrank', entry, { items: dropped.join(', '), tool });
        }
      }
    }
  },
});
