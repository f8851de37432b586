import type { FileChange } from '../../model/types.js';

/** Maximum line length searched; longer lines (minified files) are skipped. */
const MAX_LINE = 8192;

function mentions(text: string, needle: string): boolean {
  if (text.length > MAX_LINE) return false;
  if (text.includes(`"${needle}"`) || text.includes(`'${needle}'`)) return true;
  // A quoted requirement that starts with the name, such as "requests>=2.32" in pyproject.toml.
  if (startsQuotedName(text, `"${needle}`) || startsQuotedName(text, `'${needle}`)) return true;
  const trimmed = text.trimStart();
  if (!trimmed.startsWith(needle)) return false;
  const next = trimmed.charAt(needle.length);
  return next === '' || !/[\w.-]/.test(next);
}

function startsQuotedName(text: string, quotedNeedle: string): boolean {
  for (let at = text.indexOf(quotedNeedle); at !== -1; at = text.indexOf(quotedNeedle, at + 1)) {
    if (!/[\w.-]/.test(text.charAt(at + quotedNeedle.length))) return true;
  }
  return false;
}

/**
 * Finds the line a finding belongs on: the first added line that mentions one
 * of the needles (quoted, or leading the line as a key), else the first such line
 * of the new content, else 0 for the whole file.
 */
export function locateLine(file: FileChange, content: string | null, needles: readonly string[]): number {
  const wanted = needles.filter((n) => n !== '');
  for (const needle of wanted) {
    const added = file.added.find((line) => mentions(line.text, needle) || (needle.length > 20 && line.text.includes(needle)));
    if (added) return added.line;
  }
  if (content === null) return 0;
  const lines = content.split('\n');
  for (const needle of wanted) {
    const index = lines.findIndex((line) => mentions(line, needle));
    if (index >= 0) return index + 1;
  }
  return 0;
}
