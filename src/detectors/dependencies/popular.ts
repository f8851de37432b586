import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ecosystem } from './types.js';

/** Ecosystems that ship a popular-name list in rules/data/. */
const LISTED: ReadonlySet<Ecosystem> = new Set(['npm', 'pypi', 'go', 'maven']);

const cache = new Map<Ecosystem, ReadonlySet<string>>();
let dataDir: string | null | undefined;

/**
 * Finds rules/data/ by walking up from this module, which sits in src/ when run
 * from source and in dist/ or dist/chunks/ when bundled. Both layouts keep rules/
 * at the package root.
 */
function findDataDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, 'rules', 'data');
    if (existsSync(join(candidate, 'popular-npm.txt'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/**
 * Returns the popular package names of an ecosystem, normalized with
 * `normalizeName`, or an empty set when no list ships for it (cargo, rubygems,
 * github-actions).
 */
export function popularNames(ecosystem: Ecosystem): ReadonlySet<string> {
  const cached = cache.get(ecosystem);
  if (cached) return cached;
  let names: ReadonlySet<string> = new Set();
  if (LISTED.has(ecosystem)) {
    if (dataDir === undefined) dataDir = findDataDir();
    if (dataDir) {
      const text = readFileSync(join(dataDir, `popular-${ecosystem}.txt`), 'utf8');
      const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      names = new Set(lines.map((line) => normalizeName(ecosystem, line)));
    }
  }
  cache.set(ecosystem, names);
  return names;
}

/**
 * Normalizes a package name the way its registry compares names: PyPI folds case
 * and treats runs of `-`, `_` and `.` as one `-` (PEP 503); npm, Go and Maven
 * names are compared in lower case.
 */
export function normalizeName(ecosystem: Ecosystem, name: string): string {
  const lower = name.trim().toLowerCase();
  return ecosystem === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower;
}
