/** One `[submodule "name"]` section of a .gitmodules file. */
export interface SubmoduleEntry {
  url: string;
  path?: string;
  /** 1-based line of the `url =` key. */
  urlLine: number;
}

/** Parses .gitmodules (git-config syntax) into submodules by name; malformed lines are skipped. */
export function parseGitmodules(text: string): Map<string, SubmoduleEntry> {
  const entries = new Map<string, SubmoduleEntry>();
  let current: string | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    const section = /^\[\s*submodule\s+"([^"]*)"\s*\]$/.exec(line);
    if (section) {
      current = section[1]!;
      return;
    }
    if (line.startsWith('[')) {
      current = null;
      return;
    }
    const pair = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (!pair || current === null) return;
    const key = pair[1]!.toLowerCase();
    const value = pair[2]!.replace(/^"(.*)"$/, '$1');
    const entry = entries.get(current) ?? { url: '', urlLine: 0 };
    if (key === 'url') {
      entry.url = value;
      entry.urlLine = index + 1;
    } else if (key === 'path') entry.path = value;
    entries.set(current, entry);
  });
  return entries;
}
