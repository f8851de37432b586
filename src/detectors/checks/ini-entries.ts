/** One `key = value` entry of an INI or TOML file, with its section and 1-based line. */
export interface IniEntry {
  section: string;
  key: string;
  /** The raw value, joined with its continuation lines or multi-line array. */
  value: string;
  line: number;
}

const SECTION = /^\s*\[{1,2}([^\]]+)\]{1,2}\s*(?:[#;].*)?$/;
const ENTRY = /^([\w.-]+)\s*[=:]\s*(.*)$/;

/**
 * Reads the entries of an INI file (mypy.ini, setup.cfg, tox.ini, .flake8) or
 * a TOML file (pyproject.toml, ruff.toml). Multi-line TOML arrays and indented
 * INI continuation lines are joined to their key. Comment lines are skipped.
 */
export function iniEntries(text: string): IniEntry[] {
  const entries: IniEntry[] = [];
  let section = '';
  let open: IniEntry | null = null;
  // Unclosed `[` in the open entry's value, counted as lines are joined to it.
  let depth = 0;
  // Lines are read whole, however long, because every pattern here runs in time linear in the line.
  text.split('\n').forEach((line, index) => {
    if (/^\s*[#;]/.test(line) || line.trim() === '') return;
    if (open && (depth > 0 || (/^\s/.test(line) && !ENTRY.test(line.trim())))) {
      open.value += `\n${line.trim()}`;
      depth += bracketBalance(line);
      return;
    }
    open = null;
    const header = SECTION.exec(line);
    if (header) {
      section = header[1]!.trim();
      return;
    }
    const entry = ENTRY.exec(line.trim());
    if (!entry) return;
    open = { section, key: entry[1]!.replace(/_/g, '-').toLowerCase(), value: entry[2]!, line: index + 1 };
    entries.push(open);
    depth = bracketBalance(entry[2]!);
  });
  return entries;
}

/** Returns the number of `[` minus the number of `]` in a text. */
function bracketBalance(text: string): number {
  let balance = 0;
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) balance += 1;
  for (let at = text.indexOf(']'); at !== -1; at = text.indexOf(']', at + 1)) balance -= 1;
  return balance;
}

/** Splits a list value into its items: a TOML array of strings, or INI comma- or newline-separated words. */
export function listItems(value: string): string[] {
  const withoutComments = value.replace(/#[^\n]*/g, '');
  const quoted = [...withoutComments.matchAll(/["']([^"'\n]{1,100})["']/g)].map((m) => m[1]!.trim());
  if (quoted.length > 0 || withoutComments.trim().startsWith('[')) return quoted;
  return withoutComments.split(/[\s,]+/).filter((item) => item !== '');
}
