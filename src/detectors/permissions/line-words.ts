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
import { lineWindows } from '../line-windows.js';
import { MAX_LINE_LENGTH } from './support.js';

const declared: RegExp[] = [];
let union: RegExp | null = null;
/**
 * The group of the shared literal pass that holds one literal per top-level alternative of the
 * declared words. It is null when some alternative has no literal run, so every line is tested.
 */
let literals: { group: LiteralGroup | null; declared: number; whole: boolean[] } = { group: null, declared: 0, whole: [] };
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
 * Returns the longest literal run of each top-level alternative, or null if one has none. `whole`
 * tells, for each, whether the alternative is that run alone: letters, digits and `_`, which the
 * union matches wherever the case-insensitive shared pass finds the run.
 */
function requiredLiterals(sources: readonly string[]): { runs: string[]; whole: boolean[] } | null {
  const runs: string[] = [];
  const whole: boolean[] = [];
  for (const alternative of sources.flatMap(topLevelAlternatives)) {
    const found = literalRunsOf(alternative);
    if (found.length === 0) return null;
    const longest = found.reduce((best, run) => (run.text.length > best.text.length ? run : best)).text;
    runs.push(longest);
    whole.push(/^\w+$/.test(alternative) && alternative.toLowerCase() === longest);
  }
  return { runs, whole };
}

/** Declares or replaces the shared-pass literals of the declared words. */
function updateLiterals(): void {
  const required = requiredLiterals(declared.map((words) => words.source));
  if (required === null) literals = { group: null, declared: declared.length, whole: [] };
  else if (literals.group === null) literals = { group: declareLiterals(required.runs), declared: declared.length, whole: required.whole };
  else {
    replaceLiterals(literals.group, required.runs);
    literals.declared = declared.length;
    literals.whole = required.whole;
  }
}

/**
 * Returns the indexes of the lines that contain one of the literals every declared word has,
 * and for each whether one of its literals is a whole alternative, so the union matches it.
 * The literals are found in the shared pass over the joined lines, so a line without any is
 * never searched with the union pattern.
 */
function literalLineIndexes(lines: readonly DiffLine[]): { indexes: number[]; matched: boolean[] } | null {
  if (literals.declared !== declared.length) updateLiterals();
  if (literals.group === null) return null;
  const cached = addedTextOf(lines);
  // A list that grew after it was joined is joined again.
  const added = cached.starts.length === lines.length ? cached : joinAddedLines(lines);
  const indexes: number[] = [];
  const matched: boolean[] = [];
  const hits = literalHitsOf(added, literals.group);
  hits.starts.forEach((start, hit) => {
    const index = lineIndexAt(added, start);
    const whole = literals.whole[hits.literals[hit]!]!;
    if (indexes[indexes.length - 1] !== index) {
      indexes.push(index);
      matched.push(whole);
    } else if (whole) {
      matched[matched.length - 1] = true;
    }
  });
  return { indexes, matched };
}

/** Returns the lines that contain any declared word, with lines over MAX_LINE_LENGTH read as windows. */
function candidatesOf(lines: readonly DiffLine[]): DiffLine[] {
  const cached = candidates.get(lines);
  if (cached?.declared === declared.length && cached.scanned === lines.length) return cached.lines;
  // Alternation binds loosest, so the sources join without groups.
  union ??= new RegExp(declared.map((words) => words.source).join('|'), 'i');
  const test = union;
  const windows = (line: DiffLine): DiffLine[] => lineWindows(line, MAX_LINE_LENGTH).filter((window) => test.test(window.text));
  const found: DiffLine[] = [];
  const withLiterals = literalLineIndexes(lines);
  if (withLiterals === null) {
    for (const line of lines) found.push(...windows(line));
  } else {
    withLiterals.indexes.forEach((index, at) => {
      const line = lines[index]!;
      // A line with a whole alternative in it matches the union, unless it is read as windows.
      if (withLiterals.matched[at] && line.text.length <= MAX_LINE_LENGTH) found.push(line);
      else found.push(...windows(line));
    });
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
