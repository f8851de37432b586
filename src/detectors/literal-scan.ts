// One pass over a joined text that finds every declared literal at once, ignoring ASCII case.
// Detectors that prefilter with an alternation of words (`pass|token|key|…`) spend much of
// their time in that regular expression, because nearly every letter starts some alternative.
// An Aho-Corasick automaton reads each character once whatever the number of words, so the
// literals of several detectors are declared here and found in one shared pass per text.
// Callers treat a hit as a candidate and confirm it with their own pattern.
import { CommitCache } from './commit-cache.js';
import { lineIndexAt, type AddedText } from './secrets/added-text.js';

/** Occurrences of the literals of one declared group, sorted by start offset (ties in scan order). */
export interface LiteralHits {
  /** Offsets in the joined text where a literal of the group starts, in rising order. */
  starts: number[];
  /** For each entry of `starts`, the index of the literal within the group. */
  literals: number[];
}

// A transition contains the target state in its low 15 bits and MARKED in its high bit when the
// target ends a literal or a keyword, so the scan loop tests one value per character.
const MARKED = 0x8000;
const STATE_BITS = 0x7fff;
const MAX_STATES = STATE_BITS + 1;
// The only characters outside ASCII whose toLowerCase() contains an ASCII letter.
const KELVIN_SIGN = 0x212a;
const DOTTED_CAPITAL_I = 0x130;

/** Flag of `scanWithKeywords`: the text contains the Kelvin sign or U+0130. */
export const FOLDS_TO_ASCII = 1;
/** Flag of `scanWithKeywords`: the text contains a character outside ASCII. */
export const NON_ASCII = 2;

/**
 * An Aho-Corasick automaton over lower-case ASCII literals, matched ignoring ASCII case. It can
 * also record which of a list of keywords occur, without their offsets.
 */
export class LiteralAutomaton {
  /** Transitions: row `state << shift`, cell `classOf[code]` (see the constructor). */
  private readonly delta: Uint16Array;
  /** Class of each UTF-16 code unit. */
  private readonly classOf: Uint8Array;
  private readonly shift: number;
  /** For each state, where its outputs start in `outputLengths` and `outputLiterals`. */
  private readonly outputStart: Uint32Array;
  /** Length and literal index of each literal that ends in a state, state after state. */
  private readonly outputLengths: Uint16Array;
  private readonly outputLiterals: Uint32Array;
  /** For each state, where the keywords that end there start in `keywordIds`. */
  private readonly keywordStart: Uint32Array;
  private readonly keywordIds: Uint32Array;
  /** Per state, 1 when a keyword ends there, else 0. */
  private readonly keywordStates: Uint8Array;
  /** Number of keywords, the length of the `found` array of `scanWithKeywords`. */
  private readonly keywordCount: number;
  /** Length of the longest literal or keyword. */
  private readonly longest: number;
  /** Length of each literal, by index. */
  private readonly literalLengths: Uint16Array;
  /** The state after the Kelvin sign or U+0130. */
  private readonly foldState: number;
  /** Whether the scan in progress has seen the Kelvin sign or U+0130. */
  private folded = false;
  /** States whose keywords the scan in progress has recorded, to mark as pending again at its end. */
  private cleared: number[] = [];

  constructor(literals: readonly string[], keywords: readonly string[] = []) {
    this.keywordCount = keywords.length;
    this.longest = Math.max(0, ...literals.map((l) => l.length), ...keywords.map((k) => k.length));
    this.literalLengths = Uint16Array.from(literals, (literal) => literal.length);
    const next: Array<Map<number, number>> = [new Map()];
    const ending: Array<Array<[number, number]>> = [[]];
    const keywordEnding: number[][] = [[]];
    const insert = (literal: string): number => {
      if (!/^[\x20-\x40\x5b-\x7e]+$/.test(literal)) {
        throw new Error(`literal ${JSON.stringify(literal)} must be non-empty lower-case printable ASCII`);
      }
      let state = 0;
      for (let i = 0; i < literal.length; i += 1) {
        const code = literal.charCodeAt(i);
        let target = next[state]!.get(code);
        if (target === undefined) {
          target = next.length;
          next.push(new Map());
          ending.push([]);
          keywordEnding.push([]);
          next[state]!.set(code, target);
        }
        state = target;
      }
      return state;
    };
    literals.forEach((literal, index) => ending[insert(literal)]!.push([literal.length, index]));
    keywords.forEach((keyword, index) => keywordEnding[insert(keyword)]!.push(index));
    if (next.length + 1 > MAX_STATES) {
      throw new Error(`${literals.length + keywords.length} literals need ${next.length + 1} states, over the limit of ${MAX_STATES}`);
    }

    // Breadth-first, so the failure state of each state is complete before its children need it.
    const failure = new Array<number>(next.length).fill(0);
    const queue = [...next[0]!.values()];
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      for (const [code, child] of next[state]!) {
        let fallback = failure[state]!;
        while (fallback !== 0 && !next[fallback]!.has(code)) fallback = failure[fallback]!;
        failure[child] = next[fallback]!.get(code) ?? 0;
        ending[child] = [...ending[child]!, ...ending[failure[child]!]!];
        keywordEnding[child] = [...keywordEnding[child]!, ...keywordEnding[failure[child]!]!];
        queue.push(child);
      }
    }

    // States are numbered breadth-first, so the shallow states, whose rows a scan reads most, sit
    // together in a few cache lines. A row has one cell per class of characters: one class per
    // character that occurs in a literal, upper-case letters sharing their lower-case class,
    // and class 0 for every other character, which leads back to the root from any state. The
    // table covers every UTF-16 code unit, so a character outside ASCII needs no test of its
    // own: in class 0, it matches no literal character, as in a regular expression with the `i`
    // flag and without `u`.
    const order = [0, ...queue];
    const rank = new Uint32Array(next.length);
    order.forEach((state, index) => {
      rank[state] = index;
    });
    const classOf = new Uint8Array(65536);
    let classes = 1;
    for (const state of order) {
      for (const code of next[state]!.keys()) if (classOf[code] === 0) classOf[code] = classes++;
    }
    for (let code = 65; code <= 90; code += 1) classOf[code] = classOf[code + 32]!;
    // The Kelvin sign and U+0130 lead to a marked state of their own, whose row is the root's,
    // so the scan reports them (see FOLDS_TO_ASCII) without testing each character.
    const foldClass = classes++;
    classOf[KELVIN_SIGN] = foldClass;
    classOf[DOTTED_CAPITAL_I] = foldClass;
    const foldState = next.length;
    this.foldState = foldState;
    let shift = 0;
    while (1 << shift < classes) shift += 1;
    const width = 1 << shift;
    this.classOf = classOf;
    this.shift = shift;

    // Each row starts as its failure state's row, which breadth-first order has already filled,
    // so the table takes one pass over its cells.
    const mark = (state: number): number =>
      ending[state]!.length > 0 || keywordEnding[state]!.length > 0 ? rank[state]! | MARKED : rank[state]!;
    this.delta = new Uint16Array((next.length + 1) * width);
    this.delta[foldClass] = foldState | MARKED;
    for (const state of order) {
      const row = rank[state]! * width;
      const fallback = rank[failure[state]!]! * width;
      if (state !== 0) this.delta.copyWithin(row, fallback, fallback + width);
      for (const [code, child] of next[state]!) this.delta[row + classOf[code]!] = mark(child);
    }
    this.delta.copyWithin(foldState * width, 0, width);
    this.outputStart = new Uint32Array(next.length + 2);
    const total = ending.reduce((sum, list) => sum + list.length, 0);
    this.outputLengths = new Uint16Array(total);
    this.outputLiterals = new Uint32Array(total);
    let at = 0;
    order.forEach((state, index) => {
      this.outputStart[index] = at;
      for (const [length, literal] of ending[state]!) {
        this.outputLengths[at] = length;
        this.outputLiterals[at] = literal;
        at += 1;
      }
    });
    this.outputStart[next.length] = at;
    this.outputStart[next.length + 1] = at;
    this.keywordStart = new Uint32Array(next.length + 2);
    this.keywordIds = new Uint32Array(keywordEnding.reduce((sum, list) => sum + list.length, 0));
    this.keywordStates = new Uint8Array(next.length + 1);
    at = 0;
    order.forEach((state, index) => {
      this.keywordStart[index] = at;
      if (keywordEnding[state]!.length > 0) this.keywordStates[index] = 1;
      for (const keyword of keywordEnding[state]!) this.keywordIds[at++] = keyword;
    });
    this.keywordStart[next.length] = at;
    this.keywordStart[next.length + 1] = at;
  }

  /**
   * Calls `found` for every occurrence of every literal in `text`, in order of the offset where
   * the occurrence ends. A character outside ASCII matches no literal character, as in a
   * regular expression with the `i` flag and without `u`.
   */
  scan(text: string, found: (literal: number, start: number) => void): void {
    const literals: number[] = [];
    const starts: number[] = [];
    this.scanInto(text, literals, starts);
    for (let i = 0; i < literals.length; i += 1) found(literals[i]!, starts[i]!);
  }

  /** Appends the literal index and start offset of every occurrence, as `scan` reports them. */
  scanInto(text: string, literals: number[], starts: number[]): void {
    this.scanWithKeywords(text, literals, starts, new Uint8Array(this.keywordCount));
  }

  /**
   * Appends hits as `scanInto` does and also sets `found[k]` to 1 for each keyword `k` that
   * occurs. Returns NON_ASCII when `text` contains a character outside ASCII, combined with
   * FOLDS_TO_ASCII when one is the Kelvin sign or U+0130. Their lower-case forms contain ASCII
   * letters, which this scan does not see because it resets outside ASCII.
   */
  scanWithKeywords(text: string, literals: number[], starts: number[], found: Uint8Array): number {
    const codes = codeUnitsOf(text);
    const flags = this.scanCodes(codes, text.length, literals, starts, found);
    releaseCodeUnits(codes);
    return flags;
  }

  /**
   * Scans the first `length` UTF-16 code units of `codes` as `scanWithKeywords` scans a string.
   *
   * Each character's step depends on the state the previous one left, so one scan waits for a
   * table read per character. A long text is therefore cut into four parts scanned side by
   * side, whose reads overlap. A part owns the hits that start in it, and reads on into the
   * next part for the longest literal's length, so a hit across a cut is found once.
   */
  private scanCodes(codes: Uint16Array, length: number, literals: number[], starts: number[], found: Uint8Array): number {
    const quarter = length >> 2;
    const states = new Int32Array(PART_STATES);
    this.folded = false;
    if (quarter < SPLIT_MIN_CHARS || quarter < this.longest) {
      this.run(codes, 0, length, states, 0, length, literals, starts, found);
    } else {
      this.scanInParts(codes, length, quarter, states, literals, starts, found);
    }
    const { cleared, keywordStates } = this;
    for (let i = 0; i < cleared.length; i += 1) keywordStates[cleared[i]!] = 1;
    cleared.length = 0;
    if (states[HIGH_BITS]! < 128) return 0;
    return this.folded ? NON_ASCII | FOLDS_TO_ASCII : NON_ASCII;
  }

  private scanInParts(
    codes: Uint16Array,
    length: number,
    quarter: number,
    states: Int32Array,
    literals: number[],
    starts: number[],
    found: Uint8Array,
  ): void {
    // Part p owns the hits that start from cuts[p] up to cuts[p + 1].
    const cuts = [0, quarter, 2 * quarter, 3 * quarter, length];
    const ids: number[][] = [[], [], [], []];
    const offsets: number[][] = [[], [], [], []];
    const stepsTogether = cuts[1]!;
    for (let i = 0; i < stepsTogether; i += 1) {
      i = advanceParts(codes, this.delta, this.classOf, this.shift, i, stepsTogether, quarter, states);
      if (i === stepsTogether) break;
      // advanceParts stopped after a step that left a part in a marked state.
      for (let part = 0; part < 4; part += 1) {
        const marked = states[part]!;
        if (marked >= MARKED) this.report(marked, i + part * quarter, cuts[part + 1]!, ids[part]!, offsets[part]!, found);
      }
    }
    // Each part goes on alone until no hit that starts in it can still end. The last part goes to the end.
    for (let part = 0; part < 4; part += 1) {
      const at = stepsTogether + part * quarter;
      const end = part === 3 ? length : Math.min(length, cuts[part + 1]! + this.longest - 1);
      this.run(codes, at, end, states, part, cuts[part + 1]!, ids[part]!, offsets[part]!, found);
    }
    this.inEndOrder(ids, offsets, literals, starts);
  }

  /**
   * Scans `codes` from `i` to `end` from the state in `states[part]`, keeping the hits that
   * start before `before`, and leaves the last state there.
   */
  private run(
    codes: Uint16Array,
    i: number,
    end: number,
    states: Int32Array,
    part: number,
    before: number,
    ids: number[],
    offsets: number[],
    found: Uint8Array,
  ): void {
    const { delta, classOf, shift } = this;
    let marked = states[part]!;
    let high = 0;
    for (; i < end; i += 1) {
      const code = codes[i]!;
      high |= code;
      marked = delta[((marked & STATE_BITS) << shift) | classOf[code]!]!;
      if (marked >= MARKED) this.report(marked, i, before, ids, offsets, found);
    }
    states[part] = marked;
    states[HIGH_BITS] |= high;
  }

  /**
   * Records the literals that end at offset `i` in state `marked` and start before `before`,
   * with their start offsets, and the keywords that end there.
   */
  private report(marked: number, i: number, before: number, ids: number[], offsets: number[], found: Uint8Array): void {
    const { outputStart, outputLengths, outputLiterals } = this;
    const state = marked & STATE_BITS;
    if (state === this.foldState) this.folded = true;
    const last = outputStart[state + 1]!;
    for (let at = outputStart[state]!; at < last; at += 1) {
      const start = i - outputLengths[at]! + 1;
      if (start >= before) continue;
      ids.push(outputLiterals[at]!);
      offsets.push(start);
    }
    if (this.keywordStates[state] === 1) {
      this.keywordStates[state] = 0;
      this.cleared.push(state);
      for (let at = this.keywordStart[state]!; at < this.keywordStart[state + 1]!; at += 1) found[this.keywordIds[at]!] = 1;
    }
  }

  /**
   * Appends the hits of the parts in the order of one scan: by end offset, and at one end the
   * longer first. Each part's hits are in that order already, so this merges the four lists.
   */
  private inEndOrder(ids: number[][], offsets: number[][], literals: number[], starts: number[]): void {
    const lengths = this.literalLengths;
    const next = [0, 0, 0, 0];
    for (;;) {
      let best = -1;
      let bestEnd = 0;
      let bestStart = 0;
      for (let part = 0; part < 4; part += 1) {
        const at = next[part]!;
        if (at >= ids[part]!.length) continue;
        const start = offsets[part]![at]!;
        const end = start + lengths[ids[part]![at]!]!;
        // At one end a hit of a lower part starts earlier, so a tie goes to the lower part.
        if (best < 0 || end < bestEnd) {
          best = part;
          bestEnd = end;
          bestStart = start;
        }
      }
      if (best < 0) return;
      literals.push(ids[best]![next[best]!]!);
      starts.push(bestStart);
      next[best] += 1;
    }
  }
}

// States of scanCodes: the state of each of four parts, then every code unit read ORed together.
const PART_STATES = 5;
const HIGH_BITS = 4;

/**
 * Steps the four parts of scanInParts side by side from offset `i` of the first part up to
 * `end`, with their states in `states`. Returns the offset of a step that leaves a part in a
 * marked state, or `end`. It calls nothing, so the compiler keeps its values in registers: with
 * a call in the loop, even one not taken, the scan took about twice as long.
 */
function advanceParts(
  codes: Uint16Array,
  delta: Uint16Array,
  classOf: Uint8Array,
  shift: number,
  i: number,
  end: number,
  quarter: number,
  states: Int32Array,
): number {
  let m0 = states[0]!;
  let m1 = states[1]!;
  let m2 = states[2]!;
  let m3 = states[3]!;
  let high = 0;
  for (; i < end; i += 1) {
    const c0 = codes[i]!;
    const c1 = codes[i + quarter]!;
    const c2 = codes[i + 2 * quarter]!;
    const c3 = codes[i + 3 * quarter]!;
    high |= c0 | c1 | c2 | c3;
    m0 = delta[((m0 & STATE_BITS) << shift) | classOf[c0]!]!;
    m1 = delta[((m1 & STATE_BITS) << shift) | classOf[c1]!]!;
    m2 = delta[((m2 & STATE_BITS) << shift) | classOf[c2]!]!;
    m3 = delta[((m3 & STATE_BITS) << shift) | classOf[c3]!]!;
    if ((m0 | m1 | m2 | m3) >= MARKED) break;
  }
  states[0] = m0;
  states[1] = m1;
  states[2] = m2;
  states[3] = m3;
  states[HIGH_BITS] |= high;
  return i;
}

// Texts whose quarter is shorter than this are scanned in one part.
const SPLIT_MIN_CHARS = 512;
// Code units of the text being scanned, reused from one scan to the next up to this size.
const KEPT_CODE_UNITS = 1 << 20;
let scratch: Uint16Array = new Uint16Array(4096);

/** Returns the UTF-16 code units of `text` in a Uint16Array of at least its length. */
function codeUnitsOf(text: string): Uint16Array {
  const codes = text.length <= scratch.length ? scratch : new Uint16Array(text.length);
  Buffer.from(codes.buffer, codes.byteOffset, text.length * 2).write(text, 'utf16le');
  return codes;
}

/** Keeps a buffer of codeUnitsOf for the next scan unless it is too large to hold on to. */
function releaseCodeUnits(codes: Uint16Array): void {
  if (codes.length > scratch.length && codes.length <= KEPT_CODE_UNITS) scratch = codes;
}

/** A group of literals declared at module load; its hits come from the shared pass. */
export interface LiteralGroup {
  literals: readonly string[];
}

const groups: LiteralGroup[] = [];

/** Keywords whose presence, not their offsets, the shared pass records. */
export interface KeywordSet {
  keywords: readonly string[];
}

const keywordSets: KeywordSet[] = [];
/** Counts declarations, so a text scanned before the latest one is scanned again. */
let version = 0;
/**
 * Texts scanned literal by literal since the latest declaration (see scanShared). Detector
 * modules load when they first run and declare their literals then, so the count starts again
 * at each declaration: rescanning a few short texts costs less than rebuilding the automaton.
 */
let shortScans = 0;
/**
 * Automaton over every declared literal and keyword. The uses of unique literal `id` are entries
 * `useStart[id]` to `useStart[id + 1]` of `useGroups` and `useLiterals`: a group and the
 * literal's index in it.
 */
let shared: {
  /** The unique literals, by id. */
  unique: string[];
  /** The unique keywords of every keyword set, by id. */
  keywords: string[];
  /** For each keyword set, in declaration order, the id of each of its keywords. */
  keywordIds: Uint32Array[];
  /** Built on the first text scanned. */
  automaton: LiteralAutomaton | null;
  useStart: Uint32Array;
  useGroups: Uint32Array;
  useLiterals: Uint32Array;
} | null = null;

/** Results of the shared pass over one text. */
interface SharedHits {
  version: number;
  hits: LiteralHits[];
  /** Per keyword id, 1 when the keyword occurs, else 0. */
  keywordsFound: Uint8Array;
  /** NON_ASCII and FOLDS_TO_ASCII, as `scanWithKeywords` returns them. */
  flags: number;
}

const cache = new CommitCache<AddedText, SharedHits>();

/** Tells whether the automaton accepts `text` as a literal: non-empty lower-case printable ASCII. */
export function isLiteral(text: string): boolean {
  return /^[\x20-\x40\x5b-\x7e]+$/.test(text);
}

/** Throws when a literal is not what the automaton accepts, without building one at module load. */
function checkLiterals(literals: readonly string[]): void {
  for (const literal of literals) {
    if (!isLiteral(literal)) {
      throw new Error(`literal ${JSON.stringify(literal)} must be non-empty lower-case printable ASCII`);
    }
  }
}

/** Declares literals to find in the shared pass. Call it at module load. */
export function declareLiterals(literals: readonly string[]): LiteralGroup {
  const group: LiteralGroup = { literals: [...literals] };
  checkLiterals(group.literals);
  groups.push(group);
  shared = null;
  version += 1;
  shortScans = 0;
  return group;
}

/**
 * Declares keywords whose presence the shared pass records, for `addKeywordsOf`. Each call adds
 * to the automaton, so declare a set once and keep it.
 */
export function declareKeywords(keywords: readonly string[]): KeywordSet {
  const set: KeywordSet = { keywords: [...keywords] };
  checkLiterals(set.keywords);
  keywordSets.push(set);
  shared = null;
  version += 1;
  shortScans = 0;
  return set;
}

/** Replaces the literals of a declared group, for declarations that grow after load. */
export function replaceLiterals(group: LiteralGroup, literals: readonly string[]): void {
  checkLiterals(literals);
  group.literals = [...literals];
  shared = null;
  version += 1;
  shortScans = 0;
}

function sharedAutomaton(): NonNullable<typeof shared> {
  if (shared) return shared;
  const unique = new Map<string, number>();
  const uses: Array<Array<[number, number]>> = [];
  groups.forEach((group, groupIndex) => {
    group.literals.forEach((literal, literalIndex) => {
      let id = unique.get(literal);
      if (id === undefined) {
        id = unique.size;
        unique.set(literal, id);
        uses.push([]);
      }
      uses[id]!.push([groupIndex, literalIndex]);
    });
  });
  const useStart = new Uint32Array(uses.length + 1);
  const useGroups = new Uint32Array(uses.reduce((sum, list) => sum + list.length, 0));
  const useLiterals = new Uint32Array(useGroups.length);
  let at = 0;
  uses.forEach((list, id) => {
    useStart[id] = at;
    for (const [group, literal] of list) {
      useGroups[at] = group;
      useLiterals[at] = literal;
      at += 1;
    }
  });
  useStart[uses.length] = at;
  const keywordIdOf = new Map<string, number>();
  const keywordIds = keywordSets.map((set) =>
    Uint32Array.from(set.keywords, (keyword) => {
      let id = keywordIdOf.get(keyword);
      if (id === undefined) {
        id = keywordIdOf.size;
        keywordIdOf.set(keyword, id);
      }
      return id;
    }),
  );
  shared = { unique: [...unique.keys()], keywords: [...keywordIdOf.keys()], keywordIds, automaton: null, useStart, useGroups, useLiterals };
  return shared;
}

// The first few short texts after a declaration are searched literal by literal, because a staged
// check or a gate decision reads a file or two. Building the automaton for the ~120 literals
// the detectors declare takes about 2 ms here and brings a garbage collection forward. A long
// range builds it after these few: searching each literal in turn made the bench history
// check about 0.5 s slower.
const SHORT_TEXT_CHARS = 4 * 1024;
const SHORT_SCANS_BEFORE_AUTOMATON = 8;

/**
 * Appends the literal id and start offset of every occurrence in `text`, as the automaton reports
 * them, and sets `found` for each keyword that occurs. Returns the flags of `scanWithKeywords`.
 */
function scanShared(uses: NonNullable<typeof shared>, text: string, ids: number[], starts: number[], found: Uint8Array): number {
  if (uses.automaton === null && text.length < SHORT_TEXT_CHARS && shortScans < SHORT_SCANS_BEFORE_AUTOMATON) {
    shortScans += 1;
    scanEachLiteral(uses.unique, text, ids, starts);
    const lower = text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
    uses.keywords.forEach((keyword, id) => {
      if (lower.includes(keyword)) found[id] = 1;
    });
    if (!/[^\x00-\x7f]/.test(text)) return 0;
    return /[\u212a\u0130]/.test(text) ? NON_ASCII | FOLDS_TO_ASCII : NON_ASCII;
  }
  uses.automaton ??= new LiteralAutomaton(uses.unique, uses.keywords);
  return uses.automaton.scanWithKeywords(text, ids, starts, found);
}

/** Finds each literal with indexOf, giving hits in the automaton's order: by end, the longer first at one end. */
export function scanEachLiteral(literals: readonly string[], text: string, ids: number[], starts: number[]): void {
  // Only ASCII letters change, so offsets stay those of `text`; the automaton folds no other letter.
  const lower = text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
  const found: Array<[end: number, length: number, id: number]> = [];
  literals.forEach((literal, id) => {
    for (let at = lower.indexOf(literal); at !== -1; at = lower.indexOf(literal, at + 1)) found.push([at + literal.length, literal.length, id]);
  });
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  for (const [end, length, id] of found) {
    ids.push(id);
    starts.push(end - length);
  }
}

/** Sorts hits by start when the scan, which reports them by end offset, left them out of order. */
function sortHits(hits: LiteralHits): void {
  const { starts, literals } = hits;
  let sorted = true;
  for (let i = 1; i < starts.length && sorted; i += 1) sorted = starts[i - 1]! <= starts[i]!;
  if (sorted) return;
  // The sort is stable, so hits with one start keep the order the scan gave them.
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  hits.starts = order.map((i) => starts[i]!);
  hits.literals = order.map((i) => literals[i]!);
}

/** The result of a group with no hit in a text. Frozen: callers only read hits. */
const NO_HITS: LiteralHits = Object.freeze({ starts: Object.freeze([]) as unknown as number[], literals: Object.freeze([]) as unknown as number[] });

/** Returns what the shared pass found in `added`, running the pass on the first call for a text. */
function sharedHitsOf(added: AddedText): SharedHits {
  const cached = cache.get(added);
  if (cached && cached.version === version) return cached;
  const uses = sharedAutomaton();
  const { useStart, useGroups, useLiterals } = uses;
  // Most groups find nothing in a text, and share one empty result.
  const hits = new Array<LiteralHits>(groups.length).fill(NO_HITS);
  const ids: number[] = [];
  const starts: number[] = [];
  const keywordsFound = new Uint8Array(uses.keywords.length);
  const flags = scanShared(uses, added.text, ids, starts, keywordsFound);
  // The groups given hits, each once: most texts touch a few of the many groups.
  const touched: LiteralHits[] = [];
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[i]!;
    for (let use = useStart[id]!; use < useStart[id + 1]!; use += 1) {
      let groupHits = hits[useGroups[use]!]!;
      if (groupHits === NO_HITS) {
        groupHits = { starts: [], literals: [] };
        hits[useGroups[use]!] = groupHits;
        touched.push(groupHits);
      }
      groupHits.starts.push(starts[i]!);
      groupHits.literals.push(useLiterals[use]!);
    }
  }
  for (let i = 0; i < touched.length; i += 1) sortHits(touched[i]!);
  const result: SharedHits = { version, hits, keywordsFound, flags };
  cache.set(added, result);
  return result;
}

/**
 * Returns where the literals of `group` occur in `added`, ignoring ASCII case. The first call
 * for a text finds the literals of every declared group in one pass.
 */
export function literalHitsOf(added: AddedText, group: LiteralGroup): LiteralHits {
  const groupIndex = groups.indexOf(group);
  if (groupIndex < 0) throw new Error('literal group was not declared with declareLiterals');
  return sharedHitsOf(added).hits[groupIndex]!;
}

/** Tells whether `added` contains a character outside ASCII, from the shared pass. */
export function hasNonAscii(added: AddedText): boolean {
  return (sharedHitsOf(added).flags & NON_ASCII) !== 0;
}

/**
 * Adds to `into` the keywords of `set` that occur in `added`, ignoring ASCII case, from the
 * shared pass. Returns false and adds nothing when the text contains the Kelvin sign or
 * U+0130, because toLowerCase() turns them into ASCII letters that the pass does not see. The
 * caller must then search that text itself.
 */
export function addKeywordsOf(added: AddedText, set: KeywordSet, into: Set<string>): boolean {
  const setIndex = keywordSets.indexOf(set);
  if (setIndex < 0) throw new Error('keyword set was not declared with declareKeywords');
  const { keywordsFound, flags } = sharedHitsOf(added);
  if ((flags & FOLDS_TO_ASCII) !== 0) return false;
  const ids = sharedAutomaton().keywordIds[setIndex]!;
  for (let i = 0; i < ids.length; i += 1) {
    if (keywordsFound[ids[i]!] === 1) into.add(set.keywords[i]!);
  }
  return true;
}

/** A global pattern whose every match starts with one of the literals of a declared group. */
export interface LiteralAnchor {
  group: LiteralGroup;
  /** The pattern made sticky, to confirm a match at a literal hit. */
  sticky: RegExp;
}

/**
 * Declares the literal prefixes of a pattern's top-level alternatives for the shared pass.
 * Returns null when an alternative starts with anything but a literal character, so the caller
 * must search with the pattern itself. Call it at module load.
 */
export function declareAnchor(pattern: RegExp): LiteralAnchor | null {
  const prefixes: string[] = [];
  for (const alternative of topLevelAlternatives(pattern.source)) {
    const [first] = literalRunsOf(alternative);
    if (!first?.prefix) return null;
    prefixes.push(first.text);
  }
  const flags = pattern.flags.replace(/[gy]/g, '') + 'y';
  return { group: declareLiterals(prefixes), sticky: new RegExp(pattern.source, flags) };
}

/**
 * Returns, in order and each once, the indexes of the lines of `added` in which the anchor's
 * pattern matches, as lineIndexesMatching returns them. Only offsets where a literal of the
 * anchor starts are tried, so the pattern must not match a newline.
 */
export function anchoredLineIndexes(added: AddedText, anchor: LiteralAnchor): number[] {
  const indexes: number[] = [];
  const { sticky } = anchor;
  let nextLineStart = 0;
  for (const start of literalHitsOf(added, anchor.group).starts) {
    // The rest of a line already found cannot add anything.
    if (start < nextLineStart) continue;
    sticky.lastIndex = start;
    if (!sticky.test(added.text)) continue;
    const index = lineIndexAt(added, start);
    indexes.push(index);
    nextLineStart = added.starts[index + 1] ?? added.text.length;
  }
  sticky.lastIndex = 0;
  return indexes;
}

/** Splits a pattern source at its top-level `|`, outside groups and character classes. */
export function topLevelAlternatives(source: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') i += 1;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (ch === '|' && depth === 0) {
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  return alternatives;
}

// Escapes that stand for one literal character. Others (\s, \w, \b, \x41, …) end a run.
const LITERAL_ESCAPES = new Set(['.', '-', '/', '_', ':', '@', '$', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\', '^']);

/**
 * Returns the runs of literal characters that every match of one alternative (no top-level
 * `|`) contains, in lower case. `prefix` marks a run that starts the match. Text inside
 * groups, classes and quantifier bounds is skipped, and a character made optional by a
 * quantifier ends the run before it.
 */
export function literalRunsOf(alternative: string): Array<{ text: string; prefix: boolean }> {
  const runs: Array<{ text: string; prefix: boolean }> = [];
  let run = '';
  let prefix = true;
  const end = (): void => {
    if (run !== '') runs.push({ text: run.toLowerCase(), prefix });
    run = '';
    prefix = false;
  };
  for (let i = 0; i < alternative.length; i += 1) {
    const ch = alternative[i]!;
    let literal: string | null = null;
    let width = 1;
    if (ch === '\\') {
      const escaped = alternative[i + 1] ?? '';
      if (LITERAL_ESCAPES.has(escaped)) literal = escaped;
      width = 2;
    } else if (/^[A-Za-z0-9_\-:@!%&=<>~`'",;#/ ]$/.test(ch)) {
      literal = ch;
    }
    const quantifier = alternative[i + width];
    if (literal !== null && quantifier !== '?' && quantifier !== '*' && quantifier !== '{') {
      // A `+` repeats the character, which still occurs at least once.
      run += literal;
      if (quantifier === '+') end();
      i += width - 1;
      continue;
    }
    end();
    if (ch === '(' || ch === '[') {
      i = closingOf(alternative, i);
    } else if (ch === '{') {
      // The bounds of a quantifier are no literal text.
      const close = alternative.indexOf('}', i);
      i = close < 0 ? alternative.length : close;
    } else {
      i += width - 1;
    }
  }
  end();
  return runs;
}

/** Returns the offset of the `)` or `]` that closes the group or class opening at `open`. */
function closingOf(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') i += 1;
    else if (inClass) {
      if (ch === ']') {
        inClass = false;
        if (depth === 0) return i;
      }
    } else if (ch === '[') inClass = true;
    else if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return source.length;
}
