/**
 * Returns a command as the shell reads its words, for display only: line
 * continuations joined, quotes and escape backslashes removed by the POSIX
 * rules (single quotes keep everything literal; inside double quotes a
 * backslash escapes only `$`, a backquote, `"`, `\` and a newline). A
 * credential written as `"ab\$cd"` or split by a continuation then reads
 * as the value the command parser found, so masking that value hides it.
 */
export function plainCommandText(text: string): string {
  let out = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote === "'") {
      if (char === "'") quote = null;
      else out += char;
    } else if (char === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        out += char;
      } else if (quote === '"' && !'$`"\\\n'.includes(next)) {
        out += char;
      } else {
        i += 1;
        if (next !== '\n') out += next;
      }
    } else if (char === '"') {
      quote = quote === '"' ? null : '"';
    } else if (char === "'" && quote === null) {
      quote = "'";
    } else {
      out += char;
    }
  }
  return out;
}
