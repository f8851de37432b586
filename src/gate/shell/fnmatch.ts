// Shell-style pattern matching for the patterns that `find -name` and
// `find -path` take, which the gate tests against protected paths.

type PatternPart = { kind: 'star' } | { kind: 'one'; test: (char: string) => boolean };

/**
 * Matches `text` against a find pattern as fnmatch does without flags: `*`
 * and `?` also match `/` and a leading dot. A star remembers one restart
 * point, so matching takes at most pattern × text steps.
 */
export function fnmatch(pattern: string, text: string, nocase: boolean): boolean {
  const parts = patternParts(nocase ? pattern.toLowerCase() : pattern);
  const subject = nocase ? text.toLowerCase() : text;
  let p = 0;
  let t = 0;
  let star = -1;
  let restart = 0;
  while (t < subject.length) {
    const part = parts[p];
    if (part?.kind === 'one' && part.test(subject[t]!)) {
      p += 1;
      t += 1;
    } else if (part?.kind === 'star') {
      star = p;
      restart = t;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      restart += 1;
      t = restart;
    } else {
      return false;
    }
  }
  while (parts[p]?.kind === 'star') p += 1;
  return p === parts.length;
}

function patternParts(pattern: string): PatternPart[] {
  const parts: PatternPart[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]!;
    const end = char === '[' ? pattern.indexOf(']', i + 2) : -1;
    if (char === '*') {
      parts.push({ kind: 'star' });
    } else if (char === '?') {
      parts.push({ kind: 'one', test: () => true });
    } else if (end > i) {
      parts.push({ kind: 'one', test: bracketTest(pattern.slice(i + 1, end)) });
      i = end;
    } else {
      const literal = char === '\\' && i + 1 < pattern.length ? pattern[++i]! : char;
      parts.push({ kind: 'one', test: (c) => c === literal });
    }
  }
  return parts;
}

/** Returns a test of one character against a bracket expression's body, such as `a-z` or `!.`. */
function bracketTest(body: string): (char: string) => boolean {
  const negated = body.startsWith('!') || body.startsWith('^');
  const set = negated ? body.slice(1) : body;
  return (char) => {
    let found = false;
    for (let i = 0; i < set.length; i += 1) {
      if (set[i + 1] === '-' && i + 2 < set.length) {
        if (char >= set[i]! && char <= set[i + 2]!) found = true;
        i += 2;
      } else if (set[i] === char) {
        found = true;
      }
    }
    return found !== negated;
  };
}
