import type { Comparator, Range, SemVer } from 'semver';
import { semverLib } from './semver-lib.js';
import type { Ecosystem, SourceKind } from './types.js';

/** Maximum spec length given to a range parser; longer specs are compared as text only. */
const MAX_SPEC_LENGTH = 512;

/** Classifies an npm dependency spec (the value in package.json) by where it installs from. */
export function npmSourceOf(spec: string): SourceKind {
  const value = spec.trim();
  if (/^npm:/i.test(value)) return 'alias';
  if (/^workspace:/i.test(value)) return 'workspace';
  if (/^(git\+|git:\/\/|git@|ssh:\/\/)/i.test(value)) return 'git';
  if (/^(github|gitlab|bitbucket|gist):/i.test(value)) return 'github';
  if (/^https?:\/\//i.test(value)) return /\.git(?:#[^#]*)?$/i.test(value) ? 'git' : 'url';
  if (/^(file|link|portal|patch):|^\.{0,2}\/|^~\//i.test(value)) return 'path';
  if (/^[\w.-]+\/[\w.-]+(#\S*)?$/.test(value)) return 'github';
  return 'registry';
}

/** The package an npm alias installs, and the range of it that the alias requests. */
export interface AliasTarget {
  name: string;
  range: string;
}

/** An npm package name, optionally scoped, as npm accepts it in an alias. */
const NPM_NAME = /^(?:@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/i;

/**
 * Returns the package that an `npm:` spec installs and the range of it, or null
 * for any other spec. `npm:event-stream@3.3.6` and `npm:@scope/pkg` install
 * another package under the dependency's name, which is what a policy has to
 * judge. Yarn 2 and later also write `npm:^4.17.21` for a plain registry
 * range, which names the dependency itself (`ownName`).
 */
export function npmAliasTarget(spec: string, ownName: string): AliasTarget | null {
  const match = /^npm:(.+)$/i.exec(spec.trim());
  if (!match) return null;
  const body = match[1]!.trim();
  const at = body.indexOf('@', 1);
  if (at < 0 && body.length <= MAX_SPEC_LENGTH && semverLib().validRange(body) !== null) {
    return { name: ownName, range: body };
  }
  const name = at > 0 ? body.slice(0, at).trim() : body;
  if (!NPM_NAME.test(name)) return null;
  return { name, range: at > 0 ? body.slice(at + 1).trim() : '' };
}

/** Turns a Cargo requirement into an npm range: a bare version means `^`, commas mean "and". */
function cargoToRange(spec: string): string {
  return spec
    .split(',')
    .map((part) => part.trim())
    .map((part) => (/^\d/.test(part) ? `^${part}` : part.replace(/^=\s*/, '')))
    .join(' ');
}

/** Turns a RubyGems requirement list (`~> 1.2`, `>= 1, < 3`) into an npm range. */
function gemToRange(spec: string): string {
  const parts = spec.split(',').map((part) => part.trim()).filter(Boolean);
  return parts
    .map((part) => {
      const match = /^(~>|>=|<=|>|<|=|!=)?\s*([\w.]+)$/.exec(part);
      if (!match) return part;
      const [, op = '=', version = ''] = match;
      if (op === '~>') {
        const numbers = version.split('.');
        if (numbers.length === 1) return `>=${version}`;
        const upper = [...numbers.slice(0, -2), String(Number(numbers.at(-2)) + 1)].join('.');
        return `>=${version} <${upper}`;
      }
      if (op === '!=') return '';
      return op === '=' ? version : `${op}${version}`;
    })
    .join(' ');
}

/** Turns a PEP 440 specifier set (`>=2,<3`, `~=1.4`, `==1.*`) into an npm range, or null. */
function pep440ToRange(spec: string): string | null {
  const parts = spec.split(',').map((part) => part.trim()).filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    const match = /^(~=|===|==|!=|>=|<=|>|<)\s*([\w.*+!-]+)$/.exec(part);
    if (!match) return null;
    const [, op, version = ''] = match;
    if (op === '!=') continue;
    if (op === '~=') {
      const numbers = version.split('.');
      const upper = numbers.length > 1 ? [...numbers.slice(0, -2), String(Number(numbers.at(-2)) + 1)].join('.') : '';
      out.push(upper ? `>=${version} <${upper}` : `>=${version}`);
    } else if (op === '==' || op === '===') {
      out.push(version.includes('*') ? version.replace(/\.\*$/, '.x') : version);
    } else {
      out.push(`${op}${version}`);
    }
  }
  return out.join(' ') || '*';
}

/** Turns a Maven version or range (`[1.0,2.0)`, `[1.5,)`) into an npm range, or null. */
function mavenToRange(spec: string): string | null {
  const value = spec.trim();
  if (/^(LATEST|RELEASE)$/i.test(value)) return '*';
  const range = /^([[(])\s*([^,\s]*)\s*,\s*([^\])\s]*)\s*([\])])$/.exec(value);
  if (!range) return value;
  const [, open, low, high, close] = range;
  const lower = low ? `${open === '[' ? '>=' : '>'}${low}` : '';
  const upper = high ? `${close === ']' ? '<=' : '<'}${high}` : '';
  return `${lower} ${upper}`.trim() || '*';
}

/**
 * Returns the spec as an npm-style semver range, or null when it cannot be read
 * as one (a git URL, a dist-tag, a malformed requirement).
 */
export function rangeOf(ecosystem: Ecosystem, spec: string): Range | null {
  const value = spec.trim();
  if (value.length > MAX_SPEC_LENGTH) return null;
  let text: string | null;
  switch (ecosystem) {
    case 'npm':
      text = value === '' || value === 'latest' ? '*' : value;
      break;
    case 'cargo':
      text = cargoToRange(value || '*');
      break;
    case 'rubygems':
      text = gemToRange(value) || '*';
      break;
    case 'pypi':
      // Poetry writes npm-style `^1.2` and `~1.2`, and a bare version means exactly that version.
      if (value === '' || value === '*') text = '*';
      else if (/^[\^~]\d|^\d/.test(value) && !value.includes(',')) text = value;
      else text = pep440ToRange(value);
      break;
    case 'maven':
      text = mavenToRange(value);
      break;
    case 'go':
    case 'github-actions':
      text = value.replace(/^v/, '').replace(/\+incompatible$/, '');
      break;
  }
  if (text === null) return null;
  try {
    const { Range: SemverRange } = semverLib();
    return new SemverRange(text, { loose: true });
  } catch {
    return null;
  }
}

/** True when the range admits arbitrarily new versions (`*`, `latest`, `>=1.2`, a dropped upper bound). */
export function isUnbounded(range: Range): boolean {
  // An empty operator is an exact version, except for `*`, whose comparator has an empty value.
  const bounds = (c: Comparator): boolean => c.operator.startsWith('<') || (c.operator === '' && c.value !== '');
  return range.set.some((comparators) => !comparators.some(bounds));
}

/**
 * Compares two specs of one package. `loosened` means the new range admits
 * versions the old one did not, other than by moving to a newer major version;
 * `unbounded` means the new range has lost its upper bound. A bump that stays
 * within or narrows the old range is neither.
 */
export function compareSpecs(
  ecosystem: Ecosystem,
  oldSpec: string,
  newSpec: string,
): { loosened: boolean; unbounded: boolean; major: boolean } {
  const none = { loosened: false, unbounded: false, major: false };
  if (oldSpec.trim() === newSpec.trim()) return none;
  const oldRange = rangeOf(ecosystem, oldSpec);
  const newRange = rangeOf(ecosystem, newSpec);
  if (!oldRange || !newRange) return none;
  const unbounded = isUnbounded(newRange) && !isUnbounded(oldRange);
  const oldMin = minVersion(oldRange);
  const newMin = minVersion(newRange);
  const caret = ecosystem === 'npm' || ecosystem === 'cargo';
  const major = !!oldMin && !!newMin && majorOf(newMin, caret) > majorOf(oldMin, caret);
  let subset = false;
  try {
    subset = semverLib().subset(newRange, oldRange);
  } catch {
    subset = false;
  }
  const loosened = unbounded || (!subset && !major && intersectsSafe(newRange, oldRange));
  return { loosened, unbounded, major };
}

function minVersion(range: Range): SemVer | null {
  try {
    return semverLib().minVersion(range);
  } catch {
    return null;
  }
}

function intersectsSafe(a: Range, b: Range): boolean {
  try {
    return a.intersects(b);
  } catch {
    return false;
  }
}

/**
 * Major version, ranked. Under the caret rule of npm and Cargo a 0.x version
 * changes major with its minor number; Go, PyPI and the others count the first
 * number alone.
 */
function majorOf(version: SemVer, caret: boolean): number {
  return version.major > 0 || !caret ? version.major * 1e6 : version.minor;
}

/** True when the spec names one exact version (or, for git and Actions, a full commit SHA). */
export function isPinned(ecosystem: Ecosystem, spec: string, source: SourceKind = 'registry'): boolean {
  const value = spec.trim();
  if (source === 'git' || source === 'github' || ecosystem === 'github-actions') {
    return /(^|[#@=])[0-9a-f]{40}$/i.test(value);
  }
  if (source !== 'registry' && source !== 'alias') return source === 'workspace';
  switch (ecosystem) {
    case 'npm':
      return semverLib().valid(value.replace(/^npm:(@?[^@]+)@/, ''), { loose: true }) !== null;
    case 'pypi':
      return /^===?\s*[\w.+!-]+$/.test(value) && !value.includes('*');
    case 'cargo':
      return /^=\s*\d+\.\d+\.\d+/.test(value);
    case 'rubygems':
      return /^(=\s*)?\d+(\.\d+)*$/.test(value);
    case 'maven':
      return value !== '' && !/^[[(]|^(LATEST|RELEASE)$|SNAPSHOT$/i.test(value);
    case 'go':
      return true;
  }
  return false;
}
