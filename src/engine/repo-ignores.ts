import { parse } from '../util/yaml.js';
import { ConfigError } from '../errors.js';
import { gitleaksRuleTargets } from './gitleaks-rules.js';
import { maskTokens } from './redact.js';
import { describeYamlError } from '../packs/validate.js';
import { gitSync } from '../git/exec.js';
import { warn } from '../log.js';
import type { Acknowledgement, ExternalIgnores, GitleaksEntry, Policy } from '../packs/types.js';

import { DEFAULT_ALLOWLIST_FILE, GITLEAKS_IGNORE, IGNORE_FILES, SECRETLINT_IGNORE } from '../repository-files.js';

export { DEFAULT_ALLOWLIST_FILE, GITLEAKS_IGNORE, SECRETLINT_IGNORE } from '../repository-files.js';

/** A `.gitleaksignore` entry and the 1-based line of the file it was read from. */
export type GitleaksIgnoreEntry = GitleaksEntry & { fileLine: number };

/** Parses `.gitleaksignore`: one `[commit:]file:rule:line` fingerprint per line, `#` comments. */
export function parseGitleaksIgnore(text: string): GitleaksIgnoreEntry[] {
  const entries: GitleaksIgnoreEntry[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split(':');
    if (parts.length < 3 || !/^\d+$/.test(parts[parts.length - 1]!)) continue;
    const lineNumber = Number(parts.pop());
    const rule = parts.pop()!;
    const commit = parts.length > 1 && /^[0-9a-f]{7,64}$/.test(parts[0]!) ? parts.shift() : undefined;
    entries.push({ commit, file: parts.join(':'), rule, line: lineNumber, fileLine: index + 1 });
  }
  return entries;
}

/** Converts one gitignore-style pattern to picomatch globs. */
function globsOf(pattern: string): string[] {
  let glob = pattern.replace(/\\ /g, ' ');
  const directory = glob.endsWith('/');
  if (directory) glob = glob.slice(0, -1);
  const anchored = glob.startsWith('/') || glob.slice(0, -1).includes('/');
  glob = glob.replace(/^\//, '');
  if (!anchored) glob = `**/${glob}`;
  return directory ? [`${glob}/**`] : [glob, `${glob}/**`];
}

/** Parses `.secretlintignore`, which uses gitignore syntax. */
export function parseSecretlintIgnore(text: string): Pick<ExternalIgnores, 'secretlintGlobs' | 'secretlintKeep'> {
  const secretlintGlobs: string[] = [];
  const secretlintKeep: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('!')) secretlintKeep.push(...globsOf(line.slice(1)));
    else secretlintGlobs.push(...globsOf(line));
  }
  return { secretlintGlobs, secretlintKeep };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a YYYY-MM-DD date that exists, so 2027-02-30 or 9999-99-99 cannot stand for "never expires". */
function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Parses an allowlist file. Every entry names the fingerprint and path of one
 * finding, why it is accepted, who approved it and the last day it applies,
 * so an auditor can review each decision and none lasts forever.
 */
export function parseAllowlist(text: string, origin: string): Array<Acknowledgement & { origin: string }> {
  let document: unknown;
  try {
    // Every value is read as written: an unquoted fingerprint of digits alone
    // (about 1 in 2,000) or with a leading zero stays the text it is.
    document = parse(text, { schema: 'failsafe' });
  } catch (error) {
    throw new ConfigError(describeYamlError(error, origin));
  }
  if (document === null || document === undefined) return [];
  const entries = (document as { entries?: unknown }).entries;
  if (typeof document !== 'object' || !Array.isArray(entries)) {
    throw new ConfigError(`${origin}: expected a mapping with an \`entries\` list`);
  }
  return entries.map((entry: unknown, index) => {
    const where = `${origin}: /entries/${index}`;
    if (!entry || typeof entry !== 'object') throw new ConfigError(`${where} must be a mapping`);
    const e = entry as Record<string, unknown>;
    const text = (key: string): string | undefined => {
      const value = e[key];
      if (typeof value === 'string') return value;
      // YAML reads an unquoted 2027-01-31 as a date.
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      return undefined;
    };
    const fingerprint = text('fingerprint');
    // Values are shown masked: a wrong value may be the credential itself, pasted into the wrong field.
    const masked = (value: unknown): string => JSON.stringify(typeof value === 'string' ? maskTokens(value, 80) : (value ?? null));
    if (!fingerprint || !/^[0-9a-f]{16}$/.test(fingerprint)) throw new ConfigError(`${where}/fingerprint must be 16 lower-case hex digits (got ${masked(e.fingerprint)})`);
    for (const key of ['path', 'reason', 'approvedBy', 'expires']) {
      if (!text(key)) throw new ConfigError(`${where}/${key} is missing; every allowlist entry needs path, reason, approvedBy and expires`);
    }
    if (!isCalendarDay(text('expires')!)) throw new ConfigError(`${where}/expires must be a date such as 2027-01-31 (got ${masked(text('expires'))})`);
    const rule = text('rule');
    return { fingerprint, path: text('path')!, reason: text('reason')!, approvedBy: text('approvedBy')!, expires: text('expires')!, ...(rule ? { rule } : {}), origin };
  });
}

/**
 * Reads the allowlist file and other tools' ignore files from the tree of
 * each base commit (never the working tree, so a commit cannot acknowledge
 * its own findings) and adds them to the policy that judges the commit.
 */
export class RepoIgnores {
  /** Blob ids by base commit and path; a path looked up and not found maps to null. */
  private readonly bases = new Map<string, Map<string, string | null>>();
  private readonly blobText = new Map<string, string>();
  private readonly extended = new WeakMap<Policy, Map<string, Policy>>();
  /** Blob ids of allowlists and ignore files whose problems were already reported. */
  private readonly warned = new Set<string>();

  constructor(private readonly cwd: string) {}

  /** Paths looked up at every base unless a config names another allowlist file. */
  static readonly defaultPaths: readonly string[] = IGNORE_FILES;

  /** Looks up the files at every base with one git process. */
  prepare(bases: readonly (string | null)[], paths: readonly string[] = RepoIgnores.defaultPaths): void {
    const requests = this.lookups(bases, paths);
    if (requests.length === 0) return;
    const input = requests.map(({ base, path }) => `${base}:${path}`).join('\n') + '\n';
    const out = gitSync(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: this.cwd, input }).split('\n');
    requests.forEach(({ base, path }, index) => this.record(base, path, out[index]));
  }

  /** Returns the files of `bases` not looked up yet, for callers that look them up in a git process of their own. */
  lookups(bases: readonly (string | null)[], paths: readonly string[] = RepoIgnores.defaultPaths): Array<{ base: string; path: string }> {
    const requests: Array<{ base: string; path: string }> = [];
    for (const base of new Set(bases)) {
      if (base === null) continue;
      const known = this.bases.get(base);
      for (const path of paths) if (!known?.has(path)) requests.push({ base, path });
    }
    return requests;
  }

  /**
   * Records one `cat-file --batch-check=%(objectname) %(objecttype)` output line
   * for `base:path`, for callers that looked the files up in a git process of
   * their own.
   */
  record(base: string, path: string, line: string | undefined): void {
    const [oid, type] = (line ?? '').split(' ');
    const known = this.bases.get(base) ?? new Map<string, string | null>();
    known.set(path, type === 'blob' && oid ? oid : null);
    this.bases.set(base, known);
  }

  /** Drops the looked-up files of every base. Parsed files stay cached by blob id. */
  forget(): void {
    this.bases.clear();
  }

  /** Returns the blob id of `path` in the tree of `base`, or null when there is none. */
  blobAt(base: string, path: string): string | null {
    this.prepare([base], [path]);
    return this.bases.get(base)!.get(path) ?? null;
  }

  /** Reads a blob's text, cached by blob id. */
  read(oid: string): string {
    let text = this.blobText.get(oid);
    if (text === undefined) {
      text = gitSync(['cat-file', 'blob', oid], { cwd: this.cwd });
      this.blobText.set(oid, text);
    }
    return text;
  }

  /**
   * Returns `policy` with the base's allowlist entries and external ignores
   * added. A policy that already carries the files of a trusted commit
   * (`ignoresFrom`), or whose `server.repositoryIgnores` is false, is
   * returned unchanged.
   */
  apply(policy: Policy, base: string | null): Policy {
    if (!base || policy.ignoresFrom !== undefined || policy.server.repositoryIgnores === false) return policy;
    return this.withFilesOf(policy, base);
  }

  /**
   * Returns `policy` with the allowlist and ignore files of `commit` alone,
   * marked so that the files at each judged commit's base are never read.
   * The server uses it so that only files already on the server count.
   */
  applyFrom(policy: Policy, commit: string | null): Policy {
    const from = commit !== null && policy.server.repositoryIgnores !== false ? commit : null;
    const withFiles = from === null ? policy : this.withFilesOf(policy, from);
    return { ...withFiles, ignoresFrom: from };
  }

  /**
   * Parses an allowlist blob. An invalid allowlist is ignored with a warning
   * instead of failing the check, because without its entries every finding
   * counts, so the check only gets stricter. Failing would also judge the
   * commit that fixes the file by the broken one: on a server that fails
   * closed, every later push to that branch would be rejected.
   */
  private allowlistEntries(oid: string, path: string): Array<Acknowledgement & { origin: string }> {
    try {
      return parseAllowlist(this.read(oid), path);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (!this.warned.has(oid)) {
        this.warned.add(oid);
        warn(`${error.message}; the allowlist is ignored until it is fixed, so the findings it acknowledges count`);
      }
      return [];
    }
  }

  /**
   * Parses a `.gitleaksignore` blob and drops the entries whose rule id is
   * neither a gitleaks id with a diff-guardian counterpart nor a diff-guardian
   * secret rule id. Such an entry would otherwise acknowledge any secret at its
   * position, so it acknowledges nothing, and each is reported once per blob.
   */
  private gitleaksEntries(oid: string): GitleaksEntry[] {
    const entries = parseGitleaksIgnore(this.read(oid));
    const known = entries.filter((entry) => gitleaksRuleTargets(entry.rule) !== null);
    if (known.length < entries.length && !this.warned.has(`gitleaks:${oid}`)) {
      this.warned.add(`gitleaks:${oid}`);
      for (const entry of entries) {
        if (gitleaksRuleTargets(entry.rule) !== null) continue;
        const text = maskTokens([entry.commit, entry.file, entry.rule, String(entry.line)].filter(Boolean).join(':'), 200);
        warn(
          `${GITLEAKS_IGNORE}:${entry.fileLine}: entry ${text} names rule ${JSON.stringify(maskTokens(entry.rule, 80))}, which is neither a gitleaks rule id diff-guardian maps nor a diff-guardian secret rule id, so the entry acknowledges nothing; write one of those ids (\`diff-guardian rules\` lists ours; the README lists the mapped gitleaks ids)`,
        );
      }
    }
    return known;
  }

  private withFilesOf(policy: Policy, base: string): Policy {
    const allowlistPath = policy.settings.allowlistFile ?? DEFAULT_ALLOWLIST_FILE;
    this.prepare([base], [allowlistPath, GITLEAKS_IGNORE, SECRETLINT_IGNORE]);
    const blobs = this.bases.get(base)!;
    const allowlist = blobs.get(allowlistPath);
    const gitleaks = blobs.get(GITLEAKS_IGNORE);
    const secretlint = blobs.get(SECRETLINT_IGNORE);
    if (!allowlist && !gitleaks && !secretlint) return policy;
    const key = `${allowlistPath}:${allowlist}:${gitleaks}:${secretlint}`;
    const known = this.extended.get(policy) ?? new Map<string, Policy>();
    this.extended.set(policy, known);
    let result = known.get(key);
    if (!result) {
      result = {
        ...policy,
        acknowledged: [...policy.acknowledged, ...(allowlist ? this.allowlistEntries(allowlist, allowlistPath) : [])],
        externalIgnores: {
          gitleaks: gitleaks ? this.gitleaksEntries(gitleaks) : [],
          ...(secretlint ? parseSecretlintIgnore(this.read(secretlint)) : { secretlintGlobs: [], secretlintKeep: [] }),
        },
      };
      known.set(key, result);
    }
    return result;
  }
}
