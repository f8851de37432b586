import { globMatcher } from '../../util/picomatch.js';
import { semverLib } from './semver-lib.js';
import type { DependencyPolicy, PackageMatcher } from '../../packs/types.js';
import { normalizeName } from './popular.js';
import { rangeOf } from './specs.js';
import type { Ecosystem } from './types.js';

/**
 * Registries trusted when a policy lists none for the ecosystem. A policy's
 * `registries` entry for an ecosystem replaces this list.
 */
export const DEFAULT_REGISTRIES: Record<Ecosystem, readonly string[]> = {
  npm: ['https://registry.npmjs.org/', 'https://registry.yarnpkg.com/', 'https://registry.npmjs.com/'],
  pypi: ['https://pypi.org/', 'https://files.pythonhosted.org/', 'https://pypi.python.org/'],
  go: ['https://proxy.golang.org/', 'https://sum.golang.org/'],
  cargo: ['https://index.crates.io/', 'https://crates.io/', 'https://static.crates.io/', 'https://github.com/rust-lang/crates.io-index'],
  rubygems: ['https://rubygems.org/', 'https://index.rubygems.org/'],
  maven: ['https://repo.maven.apache.org/maven2/', 'https://repo1.maven.org/maven2/'],
  'github-actions': ['https://github.com/'],
};

const globCache = new Map<string, (name: string) => boolean>();

function nameMatcher(glob: string): (name: string) => boolean {
  let matcher = globCache.get(glob);
  if (!matcher) {
    // `*` and `**` select every name, scoped or not; other globs follow picomatch, where `*` stops at `/`.
    matcher = glob === '*' || glob === '**' ? () => true : globMatcher(glob, { dot: true, nocase: true });
    globCache.set(glob, matcher);
  }
  return matcher;
}

/**
 * Tests a pack matcher against a package. `versions` holds when the spec's range
 * overlaps the matcher's range; a spec that is not a range (a git URL) matches
 * only a matcher without `versions`.
 */
export function matchesPackage(matcher: PackageMatcher, ecosystem: Ecosystem, name: string, spec?: string): boolean {
  if (matcher.ecosystem && matcher.ecosystem !== ecosystem) return false;
  const glob = matcher.ecosystem === 'pypi' ? normalizeName('pypi', matcher.name) : matcher.name;
  const candidate = ecosystem === 'pypi' ? normalizeName('pypi', name) : name;
  if (!nameMatcher(glob)(candidate)) return false;
  if (!matcher.versions || spec === undefined) return true;
  const wanted = rangeOf(ecosystem, matcher.versions);
  const actual = rangeOf(ecosystem, spec);
  if (!wanted || !actual) return false;
  try {
    return semverLib().intersects(wanted, actual, { loose: true });
  } catch {
    return false;
  }
}

export function findMatcher(
  matchers: readonly PackageMatcher[] | undefined,
  ecosystem: Ecosystem,
  name: string,
  spec?: string,
): PackageMatcher | null {
  return (matchers ?? []).find((m) => matchesPackage(m, ecosystem, name, spec)) ?? null;
}

function normalizeUrl(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    const path = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`;
    return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}`;
  } catch {
    return null;
  }
}

/** Returns the registries a policy trusts for an ecosystem, as normalized URL prefixes. */
export function allowedRegistries(policy: DependencyPolicy, ecosystem: Ecosystem): string[] {
  const configured = policy.registries?.[ecosystem];
  const list = configured && configured.length > 0 ? configured : DEFAULT_REGISTRIES[ecosystem];
  return list.map((url) => normalizeUrl(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`)).filter((u): u is string => !!u);
}

/** True when the URL lies under one of the registries the policy trusts for the ecosystem. */
export function isAllowedRegistry(policy: DependencyPolicy, ecosystem: Ecosystem, url: string): boolean {
  const normalized = normalizeUrl(url);
  if (!normalized) return false;
  return allowedRegistries(policy, ecosystem).some((prefix) => normalized.startsWith(prefix));
}

/**
 * Masks the user and password of every URL in the text (`https://user:token@host`
 * becomes `https://***@host`), because index and git URLs often carry tokens and
 * messages must never show one.
 */
export function withoutCredentials(text: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const start = at + 3;
    let end = start;
    while (end < text.length && !/[\s/@]/.test(text.charAt(end))) end += 1;
    if (text.charAt(end) !== '@' || end === start) continue;
    out += `${text.slice(from, start)}***`;
    from = end;
  }
  return out + text.slice(from);
}

/** Returns the host of a URL for messages, or the start of the text when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url.slice(0, 80);
  }
}
