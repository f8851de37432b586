/** Small seeded generator (mulberry32) so every fuzz run is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = ['\u0000', '\n', '\r\n', ':', '@@', '"', '\\', '\u202e', '\uffff', '\u00ff', '-', '+', ' ', '{', '[', '&a', '*a', '!!', '---', '\t'];

/** Returns a copy of `input` with a few random edits: byte flips, cuts, duplications and inserted tokens. */
export function mutate(input: string, random: () => number): string {
  let text = input;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(random() * (text.length + 1));
    const kind = Math.floor(random() * 5);
    if (kind === 0) text = text.slice(0, at);
    else if (kind === 1) text = text.slice(0, at) + INTERESTING[Math.floor(random() * INTERESTING.length)] + text.slice(at);
    else if (kind === 2) text = text.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + text.slice(at + 1);
    else if (kind === 3) {
      const end = Math.min(text.length, at + Math.floor(random() * 40));
      text = text.slice(0, end) + text.slice(at, end) + text.slice(end);
    } else text = text.slice(0, at) + text.slice(at + Math.floor(random() * 20));
  }
  return text;
}
