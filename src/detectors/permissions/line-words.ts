// One shared pass over a change's lines for the permission line rules. Each rule declares
// words of which one occurs in every line it can match. A line with none of the declared words
// is dropped once for all rules, and each rule then tests its own words on the lines left.
// Over the added lines of the bench history, testing the union once per line took about a
// quarter of the time of testing each rule's words in turn (node 20, 2 cores).
import type { DiffLine } from '../../model/types.js';
import { CommitCache } from '../commit-cache.js';
import {
  declareLiterals,
  literalHitsOf,
  literalRunsOf,
  replaceLiterals,
  topLevelAlternatives,
  type LiteralGroup,
} from '../literal-scan.js';
import { addedTextOf, joinAddedLines, lineIndexAt } from '../secrets/added-text.js';
import { lineWindows, windowStart } from '../line-windows.js';
import { MAX_LINE_LENGTH } from './support.js';

const declared: RegExp[] = [];
let union: RegExp | null = null;
/**
 * The group of the shared literal pass that holds one literal per top-level alternative of the
 * declared words. It is null when some alternative has no literal run, so every line is tested.
 */
let literals: { group: LiteralGroup | null; declared: number; kinds: AlternativeKind[] } = { group: null, declared: 0, kinds: [] };

/**
 * How to decide from a hit of an alternative's literal whether the alternative matches on the
 * hit's line. `whole`: the alternative is the literal alone, so it matches. `at`: the literal
 * starts every match, so the sticky pattern is tried at the hit. `anywhere`: the pattern is
 * tried on the whole line.
 */
type AlternativeKind = { whole: true } | { at: RegExp } | { anywhere: RegExp };
/** Lines that contain a declared word, per line list, with the counts they were computed from. */
const candidates = new CommitCache<
  readonly DiffLine[],
  { declared: number; scanned: number; lines: DiffLine[] }
>();

/**
 * Declares a rule's line words and returns them. The union is matched case-insensitively, so
 * only the `i` flag is accepted, and numbered backreferences would break once sources are joined.
 */
export function declareLineWords(words: RegExp): RegExp {
  if (!['', 'i'].includes(words.flags) || /\\[1-9]/.test(words.source)) {
    throw new Error(`line words ${String(words)} must have no flag but i and no backreference`);
  }
  declared.push(words);
  union = null;
  // The literals join the shared pass now, so texts scanned later need no second pass.
  updateLiterals();
  return words;
}

/**
 * Returns the longest literal run of each top-level alternative, or null if one has none, with
 * the kind of each alternative (see AlternativeKind). An alternative of letters, digits and `_`
 * alone is `whole`: the union matches it wherever the case-insensitive shared pass finds it.
 */
function requiredLiterals(sources: readonly string[]): { runs: string[]; kinds: AlternativeKind[] } | null {
  const runs: string[] = [];
  const kinds: AlternativeKind[] = [];
  for (const alternative of sources.flatMap(topLevelAlternatives)) {
    const found = literalRunsOf(alternative);
    if (found.length === 0) return null;
    const longest = found.reduce((best, run) => (run.text.length > best.text.length ? run : best));
    runs.push(longest.text);
    if (/^\w+$/.test(alternative) && alternative.toLowerCase() === longest.text) kinds.push({ whole: true });
    else if (longest.prefix) kinds.push({ at: new RegExp(alternative, 'iy') });
    else kinds.push({ anywhere: new RegExp(alternative, 'i') });
  }
  return { runs, kinds };
}

/** Declares or replaces the shared-pass literals of the declared words. */
function updateLiterals(): void {
  const required = requiredLiterals(declared.map((words) => words.source));
  if (required === null) literals = { group: null, declared: declared.length, kinds: [] };
  else if (literals.group === null) literals = { group: declareLiterals(required.runs), declared: declared.length, kinds: required.kinds };
  else {
    replaceLiterals(literals.group, required.runs);
    literals.declared = declared.length;
    literals.kinds = required.kinds;
  }
}

/** Tells whether the alternative of `kind`, whose literal of `length` characters starts at `at` in `text`, matches in `text`. */
function alternativeMatches(kind: AlternativeKind, text: string, at: number, length: number): boolean {
  if (at < 0 || at + length > text.length) return false;
  if ('whole' in kind) return true;
  if ('at' in kind) {
    // A match of the alternative starts with its literal, so trying it at each hit finds every match.
    kind.at.lastIndex = at;
    return kind.at.test(text);
  }
  return kind.anywhere.test(text);
}

/**
 * Returns, for each line that contains one of the literals every declared word has, its index
 * and the offsets and literal indexes of its hits. The literals are found in the shared pass
 * over the joined lines, so a line without any is never searched.
 */
function hitsByLine(lines: readonly DiffLine[]): Array<{ index: number; offsets: number[]; literals: number[] }> | null {
  if (literals.declared !== declared.length) updateLiterals();
  if (literals.group === null) return null;
  const cached = addedTextOf(lines);
  // A list that grew after it was joined is joined again.
  const added = cached.starts.length === lines.length ? cached : joinAddedLines(lines);
  const byLine: Array<{ index: number; offsets: number[]; literals: number[] }> = [];
  const hits = literalHitsOf(added, literals.group);
  hits.starts.forEach((start, hit) => {
    const index = lineIndexAt(added, start);
    let last = byLine[byLine.length - 1];
    if (last?.index !== index) {
      last = { index, offsets: [], literals: [] };
      byLine.push(last);
    }
    last.offsets.push(start - added.starts[index]!);
    last.literals.push(hits.literals[hit]!);
  });
  return byLine;
}

/**
 * Returns the lines that contain any declared word, with lines over MAX_LINE_LENGTH read as
 * windows. Every alternative of the declared words contains its literal, so a line or window
 * matches the union only where an alternative with a hit inside it matches.
 */
function candidatesOf(lines: readonly DiffLine[]): DiffLine[] {
  const cached = candidates.get(lines);
  if (cached?.declared === declared.length && cached.scanned === lines.length) return cached.lines;
  const found: DiffLine[] = [];
  const withHits = hitsByLine(lines);
  if (withHits === null) {
    // Alternation binds loosest, so the sources join without groups.
    union ??= new RegExp(declared.map((words) => words.source).join('|'), 'i');
    const test = union;
    for (const line of lines) found.push(...lineWindows(line, MAX_LINE_LENGTH).filter((window) => test.test(window.text)));
  } else {
    const runs = literals.group!.literals;
    for (const { index, offsets, literals: ids } of withHits) {
      for (const window of lineWindows(lines[index]!, MAX_LINE_LENGTH)) {
        const start = windowStart(window);
        const matches = ids.some((id, hit) => alternativeMatches(literals.kinds[id]!, window.text, offsets[hit]! - start, runs[id]!.length));
        if (matches) found.push(window);
      }
    }
  }
  candidates.set(lines, { declared: declared.length, scanned: lines.length, lines: found });
  return found;
}

/**
 * Keeps the lines of a change's `added` or `removed` list that contain one of `words`, which
 * must have been declared. Lines longer than MAX_LINE_LENGTH are read as windows, as `codeLines`
 * reads them. The shared pass over each list runs once per list.
 */
export function linesWithWords(lines: readonly DiffLine[], words: RegExp): DiffLine[] {
  if (!declared.includes(words)) {
    throw new Error(
      `line words ${String(words)} were not declared: pass them to declareLineWords at module load`,
    );
  }
  return candidatesOf(lines).filter((line) => words.test(line.text));
}
