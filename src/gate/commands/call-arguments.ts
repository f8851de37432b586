// Reads the parts of a call in an inline script's text without parsing the
// language: the receiver before a method name and the argument list after it.

/** Returns the `a.b.` or `).` that ends `text`, which is the receiver of a method called after it. */
export function receiverOf(text: string): string {
  if (!text.endsWith('.')) return '';
  if (text.endsWith(').')) return ').';
  let start = text.length - 1;
  while (start > 0 && /[\w$.]/.test(text[start - 1]!)) start -= 1;
  return text.slice(start);
}

/** Splits the arguments of a call that starts at `start`, up to its closing parenthesis or the end of the statement. */
export function argumentsAt(script: string, start: number, parenthesized: boolean): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (let i = start; i < script.length && i < start + 4096; i += 1) {
    const char = script[i]!;
    if (quote !== '') {
      if (char === '\\') current += script[i++] ?? '';
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '(' || char === '[' || char === '{') {
      depth += 1;
    } else if ((char === ')' || char === ']' || char === '}') && depth > 0) {
      depth -= 1;
    } else if (
      depth === 0 &&
      (char === ',' || (parenthesized ? char === ')' : char === ';' || char === '\n'))
    ) {
      args.push(current);
      current = '';
      if (char !== ',') return args.filter((arg) => arg.trim() !== '');
      continue;
    }
    current += char;
  }
  args.push(current);
  return args.filter((arg) => arg.trim() !== '');
}
