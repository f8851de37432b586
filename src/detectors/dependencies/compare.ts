import type { FileChange } from '../../model/types.js';
import type { DependencyPolicy } from '../../packs/types.js';
import type { LocatedIssue } from './analyze.js';
import { installedPackage, judgeNewPackage } from './judge-install.js';
import { locateLine } from './locate.js';
import { isLocalReplacement } from './parse/go.js';
import { findMatcher, hostOf, isAllowedRegistry } from './policy.js';
import { normalizeName } from './popular.js';
import { compareSpecs, isPinned } from './specs.js';
import type { Dependency, DependencyFile, DependencyIssue, Ecosystem, GoReplace, SourceKind } from './types.js';

/** One changed manifest or lockfile with its parsed old and new content. */
export interface FileComparison {
  file: FileChange;
  newText: string | null;
  before: DependencyFile | null;
  after: DependencyFile;
}

/** Most lockfile-only additions reported per lockfile; a larger batch still shows this many. */
const MAX_LOCKFILE_ONLY = 25;

/** Sections that pin versions of other packages' dependencies rather than declare this project's own. */
const OVERRIDE_SECTIONS = /^(overrides|resolutions|patch\.)/;

function dependencyKey(dep: Dependency): string {
  const group = OVERRIDE_SECTIONS.test(dep.section) ? 'override' : 'direct';
  return `${group}:${normalizeName(dep.ecosystem, dep.name)}`;
}

function indexBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(keyOf(item))) map.set(keyOf(item), item);
  return map;
}

function place(comparison: FileComparison, issue: DependencyIssue, line: number | undefined, needles: string[]): LocatedIssue {
  const at = line ?? locateLine(comparison.file, comparison.newText, needles);
  return { ...issue, file: comparison.file.path, line: at };
}

/** Returns the dependency as the package it installs, so an npm alias becomes its target. */
function installedDependency(dep: Dependency): Dependency {
  const installed = installedPackage(dep);
  return installed.name === dep.name && installed.spec === dep.spec.trim() ? dep : { ...dep, ...installed };
}

/**
 * Judges a spec change of a dependency present before and after. A change that
 * makes the same name install another package, such as pointing it at an npm
 * alias, is judged as that package being added.
 */
function changedDependency(written: Dependency, changed: Dependency, policy: DependencyPolicy): DependencyIssue[] {
  const before = installedDependency(written);
  const after = installedDependency(changed);
  if (normalizeName(before.ecosystem, before.name) !== normalizeName(after.ecosystem, after.name)) {
    return judgeNewPackage(changed, policy).map((issue) => ({ ...issue, oldSpec: written.spec, section: changed.section }));
  }
  const base = { ecosystem: after.ecosystem, name: after.name, oldSpec: written.spec, newSpec: changed.spec, section: after.section };
  const denied = findMatcher(policy.deny, after.ecosystem, after.name, after.spec);
  if (denied) return [{ ...base, kind: 'denied-package', messageId: 'denied', detail: denied.reason ? ` (${denied.reason})` : '' }];
  if (findMatcher(policy.allow, after.ecosystem, after.name, after.spec)) return [];
  if (after.ecosystem === 'github-actions') {
    return isPinned('github-actions', after.spec) ? [] : [{ ...base, kind: 'unpinned-action', messageId: 'unpinned' }];
  }
  const offRegistry = after.source !== 'registry' && after.source !== 'alias' && after.source !== 'workspace';
  if (offRegistry) {
    const words: Partial<Record<SourceKind, string>> = { path: 'the local path', url: 'the URL' };
    const detail = words[after.source] ?? 'the git source';
    return [{ ...base, kind: 'non-registry-source', messageId: 'source', detail }];
  }
  if (before.source !== 'registry' && before.source !== 'alias') return [];
  const issues: DependencyIssue[] = [];
  const verdict = compareSpecs(after.ecosystem, before.spec, after.spec);
  if (verdict.major) issues.push({ ...base, kind: 'major-upgrade', messageId: 'upgraded' });
  if (verdict.loosened) {
    const widened = { kind: 'range-loosened' as const, messageId: 'widened', severity: 'info' as const };
    issues.push(verdict.unbounded ? { ...base, kind: 'range-loosened', messageId: 'unbounded' } : { ...base, ...widened });
  }
  if (policy.requirePinned && !isPinned(after.ecosystem, after.spec, after.source)) {
    issues.push({ ...base, kind: 'unpinned-version', messageId: 'unpinned' });
  }
  return issues;
}

function goReplaceIssue(replace: GoReplace, requires: Map<string, Dependency>): DependencyIssue {
  const required = requires.get(`direct:${replace.from.toLowerCase()}`);
  const oldSpec = replace.fromVersion ?? required?.spec ?? '(any version)';
  const base = { ecosystem: 'go' as const, name: replace.from, oldSpec, newSpec: replace.toVersion ?? '', detail: replace.to };
  if (isLocalReplacement(replace.to)) return { ...base, kind: 'go-module-replaced', messageId: 'localPath' };
  if (replace.to === replace.from) return { ...base, kind: 'go-module-replaced', messageId: 'samePath', severity: 'info' };
  return { ...base, kind: 'go-module-replaced', messageId: 'fork' };
}

/** Compares the manifests of a commit. Returns their issues and the ecosystems whose declared dependencies changed. */
export function compareManifests(
  comparisons: readonly FileComparison[],
  policy: DependencyPolicy,
): { issues: LocatedIssue[]; changedEcosystems: Set<Ecosystem> } {
  const issues: LocatedIssue[] = [];
  const changedEcosystems = new Set<Ecosystem>();
  const added: LocatedIssue[] = [];
  for (const comparison of comparisons) {
    const { before, after } = comparison;
    const oldDeps = indexBy(before?.dependencies ?? [], dependencyKey);
    const newDeps = indexBy(after.dependencies, dependencyKey);
    for (const [key, dep] of newDeps) {
      const old = oldDeps.get(key);
      if (old && old.spec.trim() === dep.spec.trim()) continue;
      changedEcosystems.add(dep.ecosystem);
      const needles = [dep.name, dep.spec];
      if (old) {
        for (const issue of changedDependency(old, dep, policy)) issues.push(place(comparison, issue, dep.line, needles));
        continue;
      }
      if (dep.source === 'workspace') continue;
      if (dep.ecosystem === 'github-actions') {
        issues.push(...changedDependency({ ...dep, spec: '' }, dep, policy).map((i) => place(comparison, { ...i, oldSpec: undefined }, dep.line, needles)));
        continue;
      }
      for (const issue of judgeNewPackage({ ecosystem: dep.ecosystem, name: dep.name, spec: dep.spec, source: dep.source }, policy)) {
        const located = place(comparison, { ...issue, newSpec: dep.spec || issue.newSpec, section: dep.section }, dep.line, needles);
        issues.push(located);
        if (issue.kind === 'new-dependency' || issue.kind === 'non-registry-source') added.push(located);
      }
    }
    if ([...oldDeps.keys()].some((key) => !newDeps.has(key))) changedEcosystems.add(after.ecosystem);

    const oldScripts = new Map((before?.scripts ?? []).map((s) => [s.name, s.command]));
    for (const script of after.scripts) {
      if (oldScripts.get(script.name) === script.command) continue;
      const issue: DependencyIssue = {
        kind: 'install-script', messageId: 'added', ecosystem: after.ecosystem, name: script.name,
        oldSpec: oldScripts.get(script.name), newSpec: script.command.slice(0, 200),
      };
      issues.push(place(comparison, issue, script.line, [script.name]));
    }

    const oldRegistries = new Set((before?.registries ?? []).map((r) => r.url.trim()));
    for (const registry of after.registries) {
      if (oldRegistries.has(registry.url.trim()) || isAllowedRegistry(policy, registry.ecosystem, registry.url)) continue;
      const issue: DependencyIssue = {
        kind: 'custom-registry', messageId: 'added', ecosystem: registry.ecosystem, name: registry.url,
        newSpec: registry.url, detail: `${comparison.file.path} (${registry.kind})`,
      };
      issues.push(place(comparison, issue, registry.line, [registry.url]));
    }

    const oldReplaces = new Set((before?.replaces ?? []).map((r) => `${r.from} ${r.fromVersion} ${r.to} ${r.toVersion}`));
    for (const replace of after.replaces) {
      if (oldReplaces.has(`${replace.from} ${replace.fromVersion} ${replace.to} ${replace.toVersion}`)) continue;
      changedEcosystems.add('go');
      issues.push(place(comparison, goReplaceIssue(replace, newDeps), replace.line, [replace.from]));
    }
  }
  const max = policy.maxNewPerCommit;
  if (max !== undefined && added.length > max) {
    const first = added[max]!;
    issues.push({
      kind: 'too-many-new', messageId: 'exceeded', ecosystem: first.ecosystem, name: first.name,
      newSpec: String(max), detail: String(added.length), file: first.file, line: first.line,
    });
  }
  return { issues, changedEcosystems };
}

function isHttp(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

/**
 * Compares the lockfiles of a commit: entries resolved from hosts outside the
 * allowed registries, integrity hashes that changed under an unchanged version,
 * denied packages anywhere in the tree, and packages added while no manifest of
 * the ecosystem changed.
 */
export function compareLockfiles(
  comparisons: readonly FileComparison[],
  policy: DependencyPolicy,
  changedEcosystems: ReadonlySet<Ecosystem>,
): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  for (const comparison of comparisons) {
    const { before, after } = comparison;
    const entryKey = (dep: Dependency): string => `${dep.name}@${dep.version ?? dep.spec}`;
    const oldEntries = indexBy(before?.dependencies ?? [], entryKey);
    const oldNames = new Set((before?.dependencies ?? []).map((d) => d.name));
    const reported = new Set<string>();
    let lockOnly = 0;
    for (const dep of after.dependencies) {
      const key = entryKey(dep);
      if (reported.has(key)) continue;
      const old = oldEntries.get(key);
      const base = { ecosystem: dep.ecosystem, name: dep.name, oldSpec: old?.spec, newSpec: dep.version ?? dep.spec };
      const resolvedChanged = dep.resolved !== old?.resolved;
      const offHost = resolvedChanged && isHttp(dep.resolved) && !isAllowedRegistry(policy, dep.ecosystem, dep.resolved);
      const integrityChanged = !!old?.integrity && !!dep.integrity && old.integrity !== dep.integrity;
      const denied = !old && findMatcher(policy.deny, dep.ecosystem, dep.name, dep.version ?? dep.spec);
      let issue: DependencyIssue | null = null;
      const installedAs = dep.alias ? [`node_modules/${dep.alias}`, dep.alias] : [];
      let needles = [...installedAs, `node_modules/${dep.name}`, dep.name];
      if (offHost) {
        issue = { ...base, kind: 'lockfile-source', messageId: integrityChanged ? 'resolvedHostAndIntegrity' : 'resolvedHost', detail: hostOf(dep.resolved!) };
        needles = [dep.resolved!, ...needles];
      } else if (integrityChanged && !resolvedChanged) {
        issue = { ...base, kind: 'lockfile-source', messageId: 'integrity' };
        needles = [dep.integrity!, ...needles];
      } else if (denied) {
        issue = { ...base, kind: 'denied-package', messageId: 'denied', detail: denied.reason ? ` (${denied.reason})` : '' };
      } else if (!old && before && !oldNames.has(dep.name) && !changedEcosystems.has(dep.ecosystem)) {
        // NOTE: any manifest change of the ecosystem excuses every new lockfile entry, even one that
        // the changed dependencies do not pull in. Telling them apart needs the resolved tree.
        lockOnly += 1;
        if (lockOnly <= MAX_LOCKFILE_ONLY && !findMatcher(policy.allow, dep.ecosystem, dep.name, dep.version)) {
          issue = { ...base, kind: 'lockfile-only', messageId: 'added' };
        }
      }
      if (!issue) continue;
      reported.add(key);
      // A host or hash finding belongs on the changed line, not the entry's first line.
      const line = issue.kind === 'lockfile-source' ? undefined : dep.line;
      issues.push(place(comparison, issue, line, needles));
    }
  }
  return issues;
}
