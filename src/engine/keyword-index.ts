// Finds which detector keywords occur in a commit's text in one pass, with an
// Aho-Corasick automaton over ASCII. Testing each keyword with includes() read
// the whole commit text once per keyword (over 200 keywords), which cost more
// than the detectors themselves on large ranges.

const ASCII = 128;

/** A matcher for a fixed set of lower-case keywords. */
export class KeywordIndex {
  private readonly keywords: string[];
  /** Keywords with a character outside ASCII, tested with includes() instead. */
  private readonly others: string[];
  /** next[state * ASCII + code] is the state after reading `code` (a full DFA). */
  private readonly next: Int32Array;
  /** Ids of the keywords that end at each state, counting those reached through failure links. */
  private readonly outputs: (number[] | null)[];

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
  }

  /** Returns the keywords that occur in `text`. */
  find(text: string): Set<string> {
    const found = new Set<string>();
    const seen = new Uint8Array(this.keywords.length);
    const { next, outputs } = this;
    let remaining = this.keywords.length;
    let state = 0;
    for (let i = 0; i < text.length && remaining > 0; i += 1) {
      const code = text.charCodeAt(i);
      state = code < ASCII ? next[state * ASCII + code]! : 0;
      const ids = outputs[state];
      if (ids === null || ids === undefined) continue;
      for (const id of ids) {
        if (seen[id]) continue;
        seen[id] = 1;
        remaining -= 1;
        found.add(this.keywords[id]!);
      }
    }
    for (const keyword of this.others) if (text.includes(keyword)) found.add(keyword);
    return found;
  }
}
