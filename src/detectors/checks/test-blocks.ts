import { windowMatches } from '../line-windows.js';
import { MAX_LINE, splitLine, type Language } from './source-text.js';

/** One test case found in a test file. */
export interface TestBlock {
  name: string;
  /** 1-based line of the test's header. */
  line: number;
  /** Number of assertion calls in the test's body. */
  assertions: number;
}

// A test header and where its name is. Lines are matched raw, since the name is in a string.
const HEADERS: Partial<Record<Language, RegExp>> = {
  js: /^\s*(?:it|test|specify)(?:\s*\.\s*\w+)*\s*\(\s*(['"`])(.{1,300}?)\1/,
  python: /^\s*(?:async\s+)?def\s+(test\w*)\s*\(/,
  go: /^func\s+(Test\w+|Benchmark\w+|Fuzz\w+)\s*\(/,
  ruby: /^\s*(?:it|specify|example|scenario)\s*\(?\s*(['"])(.{1,300}?)\1/,
};
// Languages whose tests are marked by an attribute or annotation on the lines above the function.
const MARKED: Partial<Record<Language, { marker: RegExp; fn: RegExp }>> = {
  java: { marker: /^\s*@(?:Test|ParameterizedTest|RepeatedTest|TestFactory)\b/, fn: /^\s*(?:[\w<>[\],]+\s+)*?void\s+(\w+)\s*\(|^\s*fun\s+`?([^`(]+)`?\s*\(/ },
  rust: { marker: /^\s*#\s*\[\s*(?:tokio::)?test\b/, fn: /^\s*(?:pub\s+)?(?:async\s+)?fn\s+(\w+)/ },
};

const ASSERTIONS: Record<Language, RegExp> = {
  js: /\bexpect(?:TypeOf)?\s*\(|\bassert(?:\.\w+)?\s*\(|\.should\b|\bt\s*\.\s*(?:is|not|deepEqual|true|false|throws\w*|snapshot|equal)\s*\(/g,
  python: /\bassert\b|\bself\s*\.\s*assert\w+\s*\(|\bpytest\s*\.\s*raises\s*\(/g,
  go: /\bt\s*\.\s*(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(|\b(?:assert|require)\s*\.\s*\w+\s*\(/g,
  java: /\bassert\w*\s*\(|\bverify\s*\(|\bassert\s/g,
  ruby: /\bexpect\b|\.should\b|\bassert\w*\b/g,
  rust: /\b(?:debug_)?assert(?:_eq|_ne)?!/g,
  shell: /(?!)/g,
};

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** The test named at line `index`, and the line its body hangs from (the function line for annotated tests). */
function headerAt(lines: string[], index: number, language: Language): { name: string; from: number } | null {
  // Every header pattern starts at the line's first word, so the bound leaves out the indentation.
  const header = HEADERS[language]?.exec(lines[index]!.trimStart().slice(0, MAX_LINE));
  if (header) return { name: header[2] ?? header[1]!, from: index };
  const marked = MARKED[language];
  if (!marked || !marked.marker.test(lines[index]!)) return null;
  for (let i = index + 1; i < Math.min(lines.length, index + 5); i += 1) {
    const fn = marked.fn.exec(lines[i]!);
    if (fn) return { name: fn[1] ?? fn[2]!.trim(), from: i };
  }
  return null;
}

/** Returns the end (exclusive) of the block that starts at `index`: the first later line indented no deeper. */
function blockEnd(lines: string[], index: number): number {
  const indent = indentOf(lines[index]!);
  for (let i = index + 1; i < lines.length; i += 1) {
    const text = lines[i]!;
    if (text.trim() === '' || indentOf(text) > indent) continue;
    // The closing line of the block (`});`, `}`, `end`) belongs to it.
    return /^\s*(?:[})\]]|end\b)/.test(text) ? i + 1 : i;
  }
  return lines.length;
}

/** Counts the assertion calls in the code of a line, reading a long line as windows. */
function assertionsIn(text: string, language: Language): number {
  const code = (part: string): string => splitLine(part, language).code;
  if (text.length <= MAX_LINE) return code(text).match(ASSERTIONS[language])?.length ?? 0;
  return windowMatches({ line: 0, text }, MAX_LINE, ASSERTIONS[language], code).length;
}

/**
 * Lists the test cases of a file with their assertion counts. A test's body
 * is every line after its header indented deeper than the header.
 */
export function testBlocksOf(content: string, language: Language): TestBlock[] {
  const lines = content.split('\n');
  const blocks: TestBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const header = headerAt(lines, i, language);
    if (header === null) continue;
    const end = blockEnd(lines, header.from);
    let assertions = 0;
    for (let i = header.from; i < end; i += 1) assertions += assertionsIn(lines[i]!, language);
    blocks.push({ name: header.name, line: i + 1, assertions });
  }
  return blocks;
}

/** Tests whether a line is a test header, for diffs without whole contents. */
export function isTestHeader(text: string, language: Language): boolean {
  return headerAt([text], 0, language) !== null;
}
