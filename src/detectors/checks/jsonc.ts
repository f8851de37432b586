/**
 * Parses JSON with comments and trailing commas (tsconfig, ESLint and VS Code
 * settings files). Returns null for text that is not valid even then.
 */
export function parseJsonc(text: string | null): unknown {
  if (text === null) return null;
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i += 1;
      } else if (ch === '"') {
        inString = false;
      }
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const comment = text.slice(i, end < 0 ? text.length : end + 2);
      out += comment.replace(/[^\n]/g, ' ');
      i = end < 0 ? text.length : end + 1;
    } else {
      out += ch;
    }
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return null;
  }
}

/** 1-based line of the first `"key":` in a JSON text, or 0 when absent. */
export function jsonKeyLine(text: string, key: string): number {
  const quoted = JSON.stringify(key);
  const index = text.split('\n').findIndex((line) => {
    const at = line.indexOf(quoted);
    return at >= 0 && /^\s*:/.test(line.slice(at + quoted.length));
  });
  return index + 1;
}
