import type { DiffLine } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { anchoredLineIndexes, declareAnchor, type LiteralAnchor } from '../literal-scan.js';
import { addedTextOf, lineIndexesMatching } from '../secrets/added-text.js';
import { windowSource } from '../line-windows.js';
import { languageOfFile, MAX_LINE, newlyAdded, splitLine, type Language } from './source-text.js';

interface Directive {
  tool: string;
  /** Matched against the start of a comment (`comment`) or anywhere in the code part (`code`). */
  where: 'comment' | 'code';
  pattern: RegExp;
  /** True when the directive covers the rest of the file rather than one line. */
  wholeFile?: (text: string) => boolean;
}

// Each tool reads its directive only at the start of a comment, so a comment
// that merely mentions `eslint-disable` further in is not one.
const DIRECTIVES: Record<Language, Directive[]> = {
  js: [
    { tool: 'ESLint', where: 'comment', pattern: /^\s*eslint-disable(?:-next-line|-line)?\b[^*]*/, wholeFile: (t) => /eslint-disable(?!-)/.test(t) },
    { tool: 'the TypeScript compiler', where: 'comment', pattern: /^\s*@ts-(?:ignore|nocheck|expect-error)\b/, wholeFile: (t) => t.includes('@ts-nocheck') },
    { tool: 'Biome', where: 'comment', pattern: /^\s*biome-ignore(?:-all)?\b[^*]*/ },
  ],
  python: [
    { tool: 'flake8 or ruff', where: 'comment', pattern: /^\s*noqa\b[:\s\w,]*/i, wholeFile: (t) => /flake8:\s*noqa/i.test(t) },
    { tool: 'flake8 or ruff', where: 'comment', pattern: /^\s*(?:flake8|ruff):\s*noqa\b/i, wholeFile: () => true },
    { tool: 'the type checker', where: 'comment', pattern: /^\s*(?:type|pyright):\s*ignore\b\S*/ },
    { tool: 'mypy', where: 'comment', pattern: /^\s*mypy:\s*ignore-errors\b/, wholeFile: () => true },
    { tool: 'pylint', where: 'comment', pattern: /^\s*pylint:\s*disable(?:-next)?\s*=\s*\S*/, wholeFile: () => false },
    { tool: 'bandit', where: 'comment', pattern: /^\s*nosec\b\S*/ },
  ],
  go: [
    { tool: 'golangci-lint', where: 'comment', pattern: /^\s*nolint\b\S*/ },
    { tool: 'gosec', where: 'comment', pattern: /^\s*#nosec\b\S*/ },
    { tool: 'staticcheck', where: 'comment', pattern: /^lint:(?:file-)?ignore\b\s*\S*/, wholeFile: (t) => t.includes('file-ignore') },
  ],
  rust: [{ tool: 'the Rust compiler or Clippy', where: 'code', pattern: /#!?\s*\[\s*allow\s*\([^)]*\)?/, wholeFile: (t) => t.includes('#!') }],
  java: [{ tool: 'the compiler', where: 'code', pattern: /@Suppress(?:Warnings|Lint)?\b\s*(?:\([^)]*\)?)?/ }],
  ruby: [{ tool: 'RuboCop', where: 'comment', pattern: /^\s*rubocop:(?:disable|todo)\b\s*\S*/ }],
  shell: [{ tool: 'ShellCheck', where: 'comment', pattern: /^\s*shellcheck\s+disable=\S*/ }],
};

// Literal text that each language's directive patterns above need, so a file
// whose changed lines contain none of it has no directive. Case-insensitive where
// one of the patterns is.
const ANCHORS: Record<Language, RegExp> = {
  js: /eslint-disable|@ts-|biome-ignore/g,
  python: /noqa|ignore|pylint|nosec/gi,
  go: /lint|nosec/g,
  rust: /allow/g,
  java: /@Suppress/g,
  ruby: /rubocop:/g,
  shell: /shellcheck/g,
};
// Each anchor starts with a literal, so its lines are found in the shared literal pass.
const LITERAL_ANCHORS = new Map<Language, LiteralAnchor | null>(
  Object.entries(ANCHORS).map(([language, pattern]) => [language as Language, declareAnchor(pattern)]),
);

/** Returns the lines of `lines` that contain an anchor of `language`. */
function anchoredLines(lines: DiffLine[], language: Language): Set<DiffLine> {
  const added = addedTextOf(lines);
  const anchor = LITERAL_ANCHORS.get(language);
  const indexes = anchor ? anchoredLineIndexes(added, anchor) : lineIndexesMatching(added, ANCHORS[language]);
  return new Set(indexes.map((index) => lines[index]!));
}

const HASH_COMMENTS = new Set<Language>(['python', 'ruby', 'shell']);

interface Found {
  directive: Directive;
  text: string;
}

// Length up to which a line is split as a whole before its last window is read.
const WHOLE_LINE_LIMIT = 64 * 1024;

function directiveOf(line: DiffLine, language: Language): Found | null {
  // A line up to WHOLE_LINE_LIMIT is split whole, so quotes opened early on it are
  // known where its comment starts. Directives end a line, so a longer one is read
  // again from its last window.
  const found = directiveIn(line.text, language, WHOLE_LINE_LIMIT);
  if (found !== null || line.text.length <= WHOLE_LINE_LIMIT) return found;
  return directiveIn(line.text.slice(-MAX_LINE), language, MAX_LINE);
}

function directiveIn(text: string, language: Language, limit: number): Found | null {
  const { code, comment } = splitLine(text, language, limit);
  // A comment may hold several directives (`# type: ignore  # noqa`), each after its own marker.
  let comments: string[] = [];
  if (comment !== null) comments = HASH_COMMENTS.has(language) ? comment.split('#') : [comment];
  for (const directive of DIRECTIVES[language]) {
    const parts = directive.where === 'code' ? [code] : comments;
    for (const part of parts) {
      const match = directive.pattern.exec(part);
      if (match) return { directive, text: match[0].trim() };
    }
  }
  return null;
}

export default defineDetector({
  meta: {
    id: 'disabled-check/suppression-added',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: 'Report lint, type-check and security-scan suppressions added to source files.',
    messages: {
      lineSuppressed: 'Suppression added: `{{directive}}` silences {{tool}} here, so the problem it reported stays in the code. Remove the directive and fix the reported problem.',
      fileSuppressed: 'Suppression added: `{{directive}}` silences {{tool}} for the rest of the file. Remove the directive and fix the reported problems.',
    },
  },
  keywords: ['eslint-disable', '@ts-', 'biome-ignore', 'noqa', 'ignore', 'pylint', 'nosec', 'nolint', 'allow', 'suppress', 'rubocop', 'shellcheck'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || file.added.length === 0) continue;
      const language = await languageOfFile(file);
      if (!language) continue;
      const candidates = anchoredLines(file.added, language);
      if (candidates.size === 0) continue;
      for (const line of anchoredLines(file.removed, language)) candidates.add(line);
      // newlyAdded passes each window of a long line, and a directive is read from the whole line.
      const directives = new Map<DiffLine, Found | null>();
      const keyOf = (line: DiffLine): Found | null => {
        const source = windowSource(line);
        if (!candidates.has(source)) return null;
        if (!directives.has(source)) directives.set(source, directiveOf(source, language));
        return directives.get(source)!;
      };
      const added = newlyAdded(file, keyOf, (found) => found.text, file, (line) => candidates.has(line));
      for (const { line, key } of added) {
        const wholeFile = key.directive.wholeFile?.(key.text) ?? false;
        context.report({
          messageId: wholeFile ? 'fileSuppressed' : 'lineSuppressed',
          data: { directive: key.text, tool: key.directive.tool },
          file: file.path,
          line: line.line,
          match: key.text,
          evidence: line.text.trim().slice(0, 160),
        });
      }
    }
  },
});
