import { normalizeName, popularNames } from './popular.js';
import type { Ecosystem } from './types.js';

/** Kind of resemblance between a name and a popular one. */
export type LookAlike = 'homoglyph' | 'separator' | 'scope' | 'edit-distance';

export interface TyposquatMatch {
  /** The popular name it resembles, as listed. */
  target: string;
  reason: LookAlike;
}

/** Names shorter than this are only matched by homoglyphs and separators: short names collide. */
const MIN_EDIT_LENGTH = 5;
/** Longer names are not compared, which bounds the work on hostile input. */
const MAX_NAME_LENGTH = 214;

// Characters that render like a Latin letter, folded to that letter. Digits are
// included because `l0dash` and `1odash` read as `lodash` at a glance.
const CONFUSABLES: Record<string, string> = {
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '\u0430': 'a', '\u0435': 'e', '\u043e': 'o',
  '\u0440': 'p', '\u0441': 'c', '\u0445': 'x', '\u0443': 'y', '\u0456': 'i', '\u0458': 'j',
  '\u0455': 's', '\u04bb': 'h', '\u0131': 'i', '\u03bf': 'o', '\u03b1': 'a',
};

/** Folds look-alike characters and letter pairs (`rn` for `m`, `vv` for `w`, `i` for `l`). */
function skeletonOf(name: string): string {
  let folded = '';
  for (const char of name.normalize('NFKC')) folded += CONFUSABLES[char] ?? char;
  return folded.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[il|]/g, 'l');
}

function withoutSeparators(name: string): string {
  return name.replace(/[-_.]/g, '');
}

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

function splitScope(name: string): { scope: string | null; bare: string } {
  const match = /^@([^/]+)\/(.+)$/.exec(name);
  return match ? { scope: match[1]!, bare: match[2]! } : { scope: null, bare: name };
}

/** Scope confusion: `@scope/name` written as `scope-name`, or a popular bare name under an unknown scope. */
function scopeLookAlike(name: string, popular: ReadonlySet<string>): string | null {
  const { scope, bare } = splitScope(name);
  const scopes = new Set<string>();
  for (const candidate of popular) {
    const parts = splitScope(candidate);
    if (parts.scope === null) continue;
    scopes.add(parts.scope);
    if (scope === null && (name === `${parts.scope}-${parts.bare}` || name === `${parts.scope}${parts.bare}`)) {
      return candidate;
    }
    if (scope !== null && scope !== parts.scope && bare === parts.bare && editDistance(scope, parts.scope, 1) <= 1) {
      return candidate;
    }
  }
  if (scope !== null && !scopes.has(scope) && popular.has(bare) && bare.length >= MIN_EDIT_LENGTH) return bare;
  return null;
}

interface Candidate {
  name: string;
  skeleton: string;
  bare: string;
}

const candidatesCache = new Map<Ecosystem, Candidate[]>();

function candidatesOf(ecosystem: Ecosystem, popular: ReadonlySet<string>): Candidate[] {
  let candidates = candidatesCache.get(ecosystem);
  if (!candidates) {
    candidates = [...popular].map((name) => ({ name, skeleton: skeletonOf(name), bare: withoutSeparators(name) }));
    candidatesCache.set(ecosystem, candidates);
  }
  return candidates;
}

/**
 * Checks a package name against the ecosystem's popular names. A popular name is
 * never matched against itself, and an ecosystem without a list never matches.
 */
export function findTyposquat(ecosystem: Ecosystem, rawName: string): TyposquatMatch | null {
  const popular = popularNames(ecosystem);
  const name = normalizeName(ecosystem, rawName);
  if (popular.size === 0 || popular.has(name) || name.length > MAX_NAME_LENGTH) return null;

  const skeleton = skeletonOf(name);
  const bareSeparators = withoutSeparators(name);
  let nearest: string | null = null;
  for (const candidate of candidatesOf(ecosystem, popular)) {
    if (candidate.skeleton === skeleton) return { target: candidate.name, reason: 'homoglyph' };
    if (candidate.bare === bareSeparators) return { target: candidate.name, reason: 'separator' };
    const long = candidate.name.length >= MIN_EDIT_LENGTH && name.length >= MIN_EDIT_LENGTH;
    if (nearest === null && long && editDistance(name, candidate.name, 1) <= 1) nearest = candidate.name;
  }
  if (ecosystem === 'npm') {
    const scoped = scopeLookAlike(name, popular);
    if (scoped) return { target: scoped, reason: 'scope' };
  }
  return nearest ? { target: nearest, reason: 'edit-distance' } : null;
}
