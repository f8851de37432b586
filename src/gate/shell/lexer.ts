// A tokenizer for POSIX shell and bash command lines, as a coding agent passes
// them to its shell tool. It removes quotes the way the shell does, keeps
// `$VAR`, `$(…)` and backquote text unexpanded, and records the source of each
// command substitution so the parser can judge the commands inside it too.

/** Control operators that end a simple command or join a pipeline. */
export type ControlOperator = '&&' | '||' | ';' | '|' | '|&' | '&' | '(' | ')' | '\n';

export type RedirectOperator = '>' | '>>' | '>|' | '<' | '<<' | '<<-' | '<<<' | '<>' | '>&' | '<&' | '&>' | '&>>';

export interface WordToken {
  type: 'word';
  /** The word after quote removal; expansions such as `$HOME` stay as written. */
  value: string;
  /** True when any part of the word was quoted or escaped. */
  quoted: boolean;
  /** The word as written in the source, before quote removal. */
  raw: string;
  /** Source text of every `$(…)`, backquoted or `<(…)`/`>(…)` part, for a nested parse. */
  substitutions: string[];
  /** For the delimiter word of a here-document: the body, as written. */
  heredocBody?: string;
}

export interface OperatorToken {
  type: 'operator';
  op: ControlOperator;
}

export interface RedirectToken {
  type: 'redirect';
  op: RedirectOperator;
  /** The file descriptor written before the operator, as in `2>`; null when absent. */
  fd: number | null;
}

export type Token = WordToken | OperatorToken | RedirectToken;

// Longer operators come first, so `&&` is not read as two `&` and `>>` not as two `>`.
const OPERATORS: ReadonlyArray<[string, ControlOperator | RedirectOperator]> = [
  ['&>>', '&>>'],
  ['<<<', '<<<'],
  ['<<-', '<<-'],
  ['&&', '&&'],
  ['||', '||'],
  ['|&', '|&'],
  [';;', ';'],
  ['&>', '&>'],
  ['>>', '>>'],
  ['>|', '>|'],
  ['>&', '>&'],
  ['<<', '<<'],
  ['<>', '<>'],
  ['<&', '<&'],
  ['>', '>'],
  ['<', '<'],
  ['|', '|'],
  ['&', '&'],
  [';', ';'],
  ['(', '('],
  [')', ')'],
];

const CONTROL = new Set<string>(['&&', '||', ';', '|', '|&', '&', '(', ')']);
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

const ANSI_C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };

/**
 * Returns the index just past the `)` that closes a group opened before
 * `start`, skipping quoted text and nested groups. Returns the source length
 * when the group is never closed, as an interactive shell would keep reading.
 */
export function closingParen(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") i = endOfSingleQuote(source, i + 1);
    else if (c === '"') i = endOfDoubleQuote(source, i + 1);
    else if (c === '`') i = endOfBackquote(source, i + 1);
    else {
      if (c === '(') depth += 1;
      else if (c === ')') depth -= 1;
      i += 1;
      if (depth === 0) return i;
    }
  }
  return source.length;
}

function endOfSingleQuote(source: string, start: number): number {
  const end = source.indexOf("'", start);
  return end === -1 ? source.length : end + 1;
}

function endOfDoubleQuote(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '$' && source[i + 1] === '(') i = closingParen(source, i + 2);
    else if (c === '`') i = endOfBackquote(source, i + 1);
    else i += 1;
  }
  return source.length;
}

function endOfBackquote(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    if (source[i] === '\\') i += 2;
    else if (source[i] === '`') return i + 1;
    else i += 1;
  }
  return source.length;
}

function endOfBrace(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length && depth > 0) {
    const c = source[i]!;
    if (c === '\\') i += 1;
    else if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    i += 1;
  }
  return i;
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  /** The delimiter word, which gets the body once it is read. */
  token?: WordToken;
}

/** Splits a command line into words, control operators and redirections. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const heredocs: PendingHeredoc[] = [];
  let i = 0;
  let expectDelimiter: PendingHeredoc | null = null;

  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t') {
      i += 1;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
      continue;
    }
    if (c === '\n') {
      tokens.push({ type: 'operator', op: '\n' });
      i = skipHeredocBodies(source, i + 1, heredocs.splice(0));
      continue;
    }
    const isProcessSubstitution = (c === '<' || c === '>') && source[i + 1] === '(';
    const operator = isProcessSubstitution ? undefined : OPERATORS.find(([text]) => source.startsWith(text, i));
    if (operator) {
      const [text, op] = operator;
      if (CONTROL.has(op)) tokens.push({ type: 'operator', op: op as ControlOperator });
      else tokens.push({ type: 'redirect', op: op as RedirectOperator, fd: null });
      if (op === '<<' || op === '<<-') expectDelimiter = { delimiter: '', stripTabs: op === '<<-' };
      i += text.length;
      continue;
    }
    const word = readWord(source, i);
    i = word.end;
    const next = source[i];
    const previous = tokens[tokens.length - 1];
    if (/^\d+$/.test(word.token.value) && !word.token.quoted && (next === '<' || next === '>') && source[i + 1] !== '(') {
      const operator = OPERATORS.find(([text]) => source.startsWith(text, i))!;
      tokens.push({ type: 'redirect', op: operator[1] as RedirectOperator, fd: Number(word.token.value) });
      if (operator[1] === '<<' || operator[1] === '<<-') expectDelimiter = { delimiter: '', stripTabs: operator[1] === '<<-' };
      i += operator[0].length;
      continue;
    }
    if (expectDelimiter && previous?.type === 'redirect') {
      heredocs.push({ delimiter: word.token.value, stripTabs: expectDelimiter.stripTabs, token: word.token });
      expectDelimiter = null;
    }
    tokens.push(word.token);
  }
  return tokens;
}

/**
 * Skips the bodies of here-documents that start after a newline: they are data,
 * not commands. Each body is kept on its delimiter word, for commands that read
 * a script from stdin.
 */
function skipHeredocBodies(source: string, start: number, pending: PendingHeredoc[]): number {
  let i = start;
  for (const heredoc of pending) {
    const lines: string[] = [];
    while (i < source.length) {
      const end = source.indexOf('\n', i);
      const lineEnd = end === -1 ? source.length : end;
      let line = source.slice(i, lineEnd);
      if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
      i = end === -1 ? source.length : end + 1;
      if (line === heredoc.delimiter) break;
      lines.push(line);
    }
    if (heredoc.token) heredoc.token.heredocBody = lines.join('\n');
  }
  return i;
}

function readWord(source: string, start: number): { token: WordToken; end: number } {
  const token: WordToken = { type: 'word', value: '', quoted: false, raw: '', substitutions: [] };
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    if (WORD_END.has(c)) {
      const processSubstitution = (c === '<' || c === '>') && source[i + 1] === '(' && i === start;
      if (!processSubstitution) break;
      const end = closingParen(source, i + 2);
      token.substitutions.push(source.slice(i + 2, end - 1));
      token.value += source.slice(i, end);
      i = end;
      continue;
    }
    if (c === '\\') {
      token.quoted = true;
      if (source[i + 1] !== '\n' && i + 1 < source.length) token.value += source[i + 1];
      i += 2;
    } else if (c === "'") {
      const end = endOfSingleQuote(source, i + 1);
      token.quoted = true;
      token.value += source.slice(i + 1, source[end - 1] === "'" ? end - 1 : end);
      i = end;
    } else if (c === '$' && source[i + 1] === "'") {
      i = readAnsiC(source, i + 2, token);
    } else if (c === '"') {
      i = readDoubleQuoted(source, i + 1, token);
    } else if (c === '$' || c === '`') {
      i = readExpansion(source, i, token);
    } else {
      token.value += c;
      i += 1;
    }
  }
  token.raw = source.slice(start, i);
  return { token, end: i };
}

function readAnsiC(source: string, start: number, token: WordToken): number {
  token.quoted = true;
  let i = start;
  while (i < source.length && source[i] !== "'") {
    if (source[i] === '\\' && i + 1 < source.length) {
      const escape = source[i + 1]!;
      const hex = escape === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(source.slice(i + 2, i + 4)) : null;
      if (hex) {
        token.value += String.fromCharCode(parseInt(hex[0], 16));
        i += 2 + hex[0].length;
        continue;
      }
      token.value += ANSI_C_ESCAPES[escape] ?? escape;
      i += 2;
    } else {
      token.value += source[i];
      i += 1;
    }
  }
  return i + 1;
}

function readDoubleQuoted(source: string, start: number, token: WordToken): number {
  token.quoted = true;
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"') return i + 1;
    if (c === '\\' && '$`"\\\n'.includes(source[i + 1] ?? '')) {
      if (source[i + 1] !== '\n') token.value += source[i + 1];
      i += 2;
    } else if (c === '$' || c === '`') {
      i = readExpansion(source, i, token);
    } else {
      token.value += c;
      i += 1;
    }
  }
  return i;
}

/** Copies `$(…)`, backquotes, `${…}` and `$NAME` as written, and records substitutions. */
function readExpansion(source: string, start: number, token: WordToken): number {
  let end: number;
  if (source.startsWith('$((', start)) {
    end = closingParen(source, start + 2);
  } else if (source.startsWith('$(', start)) {
    end = closingParen(source, start + 2);
    token.substitutions.push(source.slice(start + 2, end - 1));
  } else if (source[start] === '`') {
    end = endOfBackquote(source, start + 1);
    token.substitutions.push(source.slice(start + 1, end - 1).replace(/\\([`\\$])/g, '$1'));
  } else if (source.startsWith('${', start)) {
    end = endOfBrace(source, start + 2);
  } else {
    const name = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9#?@*$!-])?/.exec(source.slice(start, start + 256))!;
    end = start + name[0].length;
  }
  token.value += source.slice(start, end);
  return end;
}
