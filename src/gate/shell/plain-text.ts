import { maskableAt, redact } from '../../engine/redact.js';

/** A command as the shell reads its words, with the position in the raw text of each character. */
interface ShellText {
  plain: string;
  /** rawIndex[i] is the position in the raw text of plain[i]. */
  rawIndex: number[];
}

/**
 * Reads a command as the shell reads its words, with line continuations
 * joined and quotes and escape backslashes removed by the POSIX rules.
 * Single quotes keep everything literal. Inside double quotes a backslash
 * escapes only `$`, a backquote, `"`, `\` and a newline.
 */
function readShellText(text: string): ShellText {
  let plain = '';
  const rawIndex: number[] = [];
  const keep = (char: string, at: number): void => {
    plain += char;
    rawIndex.push(at);
  };
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote === "'") {
      if (char === "'") quote = null;
      else keep(char, i);
    } else if (char === '\\') {
      const next = text[i + 1];
      if (next === undefined || (quote === '"' && !'$`"\\\n'.includes(next))) {
        keep(char, i);
      } else {
        i += 1;
        if (next !== '\n') keep(next, i);
      }
    } else if (char === '"') {
      quote = quote === '"' ? null : '"';
    } else if (char === "'" && quote === null) {
      quote = "'";
    } else {
      keep(char, i);
    }
  }
  return { plain, rawIndex };
}

/** Returns a command as the shell reads its words (see readShellText). */
export function plainCommandText(text: string): string {
  return readShellText(text).plain;
}

/**
 * Masks each of `values` in a command wherever the shell would read it, so a
 * credential written as `"ab\$cd"`, split by a line continuation or by quotes
 * is masked in the raw text too. The whole raw span, quotes included, is
 * replaced by the value's redacted form.
 */
export function maskShellValues(text: string, values: Iterable<string>): string {
  const { plain, rawIndex } = readShellText(text);
  const spans: Array<[number, number, string]> = [];
  for (const value of values) {
    if (value.length === 0) continue;
    for (let at = plain.indexOf(value); at !== -1; at = plain.indexOf(value, at + 1)) {
      if (!maskableAt(plain, at, value.length)) continue;
      spans.push([rawIndex[at]!, rawIndex[at + value.length - 1]! + 1, value]);
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let copied = 0;
  for (const [start, end, value] of spans) {
    if (start < copied) continue;
    out += text.slice(copied, start) + redact(value);
    copied = end;
  }
  return out + text.slice(copied);
}
