// Finds which detector keywords occur in a commit's text in one pass, with an
// Aho-Corasick automaton over ASCII. Testing each keyword with includes() read
// the whole commit text once per keyword (over 200 keywords), which cost more
// than the detectors themselves on large ranges.

const ASCII = 128;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const CASE_OFFSET = 0x20;
// The only characters outside ASCII whose toLowerCase() contains ASCII:
// the Kelvin sign becomes "k", and U+0130 becomes "i" and a combining dot.
const KELVIN_SIGN = 0x212a;
const LOWER_K = 0x6b;
const DOTTED_CAPITAL_I = 0x130;
const LOWER_I = 0x69;

/** A matcher for a fixed set of lower-case keywords. */
export class KeywordIndex {
  private readonly keywords: string[];
  /** Keywords with a character outside ASCII, tested with includes() instead. */
  private readonly others: string[];
  /** next[state * ASCII + code] is the state after reading `code` (a full DFA). */
  private readonly next: Int32Array;
  /** Ids of the keywords that end at each state, counting those reached through failure links. */
  private readonly outputs: (number[] | null)[];
  /** Per state, 1 when a keyword ends there, else 0: the starting point of each scan. */
  private readonly pendingStates: Uint8Array;

  constructor(keywords: Iterable<string>) {
    const unique = [...new Set(keywords)].filter((k) => k.length > 0);
    this.keywords = unique.filter((k) => /^[\x00-\x7f]*$/.test(k));
    this.others = unique.filter((k) => !/^[\x00-\x7f]*$/.test(k));
    const goto: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    this.keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i += 1) {
        const code = keyword.charCodeAt(i);
        let target = goto[state]!.get(code);
        if (target === undefined) {
          target = goto.length;
          goto.push(new Map());
          ends.push([]);
          goto[state]!.set(code, target);
        }
        state = target;
      }
      ends[state]!.push(id);
    });
    this.next = new Int32Array(goto.length * ASCII);
    this.outputs = new Array<number[] | null>(goto.length).fill(null);
    // Breadth-first, so each state's failure state is complete before its children need it.
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (const [code, child] of goto[0]!) {
      this.next[code] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      const inherited = this.outputs[fail[state]!];
      const own = ends[state]!;
      this.outputs[state] = own.length > 0 || inherited ? [...own, ...(inherited ?? [])] : null;
      for (let code = 0; code < ASCII; code += 1) {
        const child = goto[state]!.get(code);
        const viaFailure = this.next[fail[state]! * ASCII + code]!;
        if (child === undefined) {
          this.next[state * ASCII + code] = viaFailure;
        } else {
          this.next[state * ASCII + code] = child;
          fail[child] = viaFailure;
          queue.push(child);
        }
      }
    }
    this.pendingStates = new Uint8Array(goto.length);
    for (let state = 0; state < goto.length; state += 1) {
      if (this.outputs[state] !== null) this.pendingStates[state] = 1;
    }
    // An upper-case letter moves the automaton as its lower-case form does, so
    // a scan reads the text as toLowerCase() would return it without copying it.
    for (let state = 0; state < goto.length; state += 1) {
      for (let code = UPPER_A; code <= UPPER_Z; code += 1) {
        this.next[state * ASCII + code] = this.next[state * ASCII + code + CASE_OFFSET]!;
      }
    }
  }

  /** True when every keyword is ASCII, so the automaton alone matches them. */
  get asciiOnly(): boolean {
    return this.others.length === 0;
  }

  /** Returns the keywords that occur in `text`, ignoring case. */
  find(text: string): Set<string> {
    const scan = this.scan();
    scan.add(text);
    return scan.found();
  }

  /**
   * Starts a search over several texts, read as if they were joined with
   * newlines and lower-cased, without building that joined copy.
   */
  scan(): KeywordScan {
    return new KeywordScan(this.keywords, this.others, this.next, this.outputs, this.pendingStates);
  }
}

const NEWLINE = 0x0a;

/** A keyword search in progress over a sequence of texts. */
export class KeywordScan {
  private readonly seen: Uint8Array;
  /** Per state, 1 when a keyword not yet found ends there, else 0. */
  private readonly pending: Uint8Array;
  private readonly result = new Set<string>();
  private remaining: number;
  private state = 0;
  private started = false;

  constructor(
    private readonly keywords: readonly string[],
    private readonly others: readonly string[],
    private readonly next: Int32Array,
    private readonly outputs: readonly (number[] | null)[],
    /** Per state, 1 when a keyword ends there, else 0. */
    pendingStates: Uint8Array,
  ) {
    this.seen = new Uint8Array(keywords.length);
    this.remaining = keywords.length;
    this.pending = pendingStates.slice();
  }

  /** Reads one more text, after a newline when it is not the first. */
  add(text: string): void {
    if (this.started) this.step(NEWLINE);
    this.started = true;
    if (this.others.length > 0) {
      const lower = text.toLowerCase();
      // NOTE: keywords outside ASCII are matched within one text, not across the newline before it.
      for (const keyword of this.others) {
        if (!this.result.has(keyword) && lower.includes(keyword)) this.result.add(keyword);
      }
    }
    // This loop runs once per character of every changed line, so it keeps the
    // state in locals. It reads the text itself because the table folds case.
    const { next, pending } = this;
    let state = this.state;
    for (let i = 0; i < text.length && this.remaining > 0; i += 1) {
      const code = text.charCodeAt(i);
      if (code < ASCII) {
        state = next[state * ASCII + code]!;
      } else if (code === KELVIN_SIGN) {
        state = next[state * ASCII + LOWER_K]!;
      } else if (code === DOTTED_CAPITAL_I) {
        state = next[state * ASCII + LOWER_I]!;
        if (pending[state] === 1) this.record(state);
        // The combining dot that follows the "i" is outside ASCII.
        state = 0;
      } else {
        state = 0;
      }
      if (pending[state] === 1) this.record(state);
    }
    this.state = state;
  }

  /** Returns the keywords found so far. */
  found(): Set<string> {
    return this.result;
  }

  private step(code: number): void {
    this.state = this.next[this.state * ASCII + code]!;
    if (this.pending[this.state] === 1) this.record(this.state);
  }

  /** Adds the keywords that end at `state`, which then has nothing left to report. */
  private record(state: number): void {
    for (const id of this.outputs[state]!) {
      if (this.seen[id]) continue;
      this.seen[id] = 1;
      this.remaining -= 1;
      this.result.add(this.keywords[id]!);
    }
    this.pending[state] = 0;
  }
}
