import { parse as parseYaml } from '../../../util/yaml.js';
import { npmAliasTarget, npmSourceOf } from '../specs.js';
import { emptyFile, type Dependency, type DependencyFile, type SourceKind } from '../types.js';

const MANIFEST_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** Lifecycle scripts that npm, yarn and pnpm run when the package is installed. */
export const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens npm `overrides`, where a value is a spec or an object keyed by child names (`.` is the package itself). */
function overrideEntries(value: unknown, out: Array<[string, string]>, depth = 0): void {
  if (!isRecord(value) || depth > 8) return;
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === 'string') out.push([key, child]);
    else if (isRecord(child)) {
      if (typeof child['.'] === 'string') out.push([key, child['.']]);
      overrideEntries(child, out, depth + 1);
    }
  }
}

/** Strips a version selector from an override or resolution key: `a@^1`, `**\/a`, `parent/a`. */
function keyName(key: string): string {
  const last = key.replace(/^\*\*\//, '').split('/').slice(-2);
  const joined = last[0]?.startsWith('@') ? last.join('/') : (last.at(-1) ?? key);
  const at = joined.indexOf('@', 1);
  return at > 0 ? joined.slice(0, at) : joined;
}

/** Reads package.json: every dependency section, overrides and resolutions, and install scripts. */
export function parsePackageJson(text: string): DependencyFile {
  const file = emptyFile('manifest', 'npm');
  const doc: unknown = JSON.parse(text);
  if (!isRecord(doc)) return file;
  const add = (name: string, spec: string, section: string): void => {
    file.dependencies.push({ ecosystem: 'npm', name, spec, section, source: npmSourceOf(spec) });
  };
  for (const section of MANIFEST_SECTIONS) {
    const deps = doc[section];
    if (!isRecord(deps)) continue;
    for (const [name, spec] of Object.entries(deps)) if (typeof spec === 'string') add(name, spec, section);
  }
  const overrides: Array<[string, string]> = [];
  overrideEntries(doc.overrides, overrides);
  for (const [key, spec] of overrides) add(keyName(key), spec, 'overrides');
  const resolutions: Array<[string, string]> = [];
  overrideEntries(doc.resolutions, resolutions);
  if (isRecord(doc.pnpm)) overrideEntries(doc.pnpm.overrides, resolutions);
  for (const [key, spec] of resolutions) add(keyName(key), spec, 'resolutions');
  if (isRecord(doc.scripts)) {
    for (const name of INSTALL_SCRIPTS) {
      const command = doc.scripts[name];
      if (typeof command === 'string') file.scripts.push({ name, command });
    }
  }
  return file;
}

function lockEntry(name: string, entry: Record<string, unknown>, section: string): Dependency {
  const version = typeof entry.version === 'string' ? entry.version : '';
  const resolved = typeof entry.resolved === 'string' ? entry.resolved : undefined;
  const integrity = typeof entry.integrity === 'string' ? entry.integrity : undefined;
  // Lockfile version 1 records an alias as `"es": { "version": "npm:event-stream@3.3.6" }`.
  const alias = npmAliasTarget(version, name);
  if (alias) {
    const target = { name: alias.name, spec: alias.range, version: alias.range, alias: name };
    return { ecosystem: 'npm', ...target, resolved, integrity, section, source: 'registry' };
  }
  // In lockfile v1 `version` itself holds a git or tarball source when the package came from one.
  // An HTTP `resolved` is a registry tarball; its host is judged against the allowed registries.
  const versionSource = npmSourceOf(version || '*');
  const source: SourceKind =
    versionSource !== 'registry' ? versionSource : resolved && !/^https?:/i.test(resolved) ? npmSourceOf(resolved) : 'registry';
  return { ecosystem: 'npm', name, spec: version, version, resolved, integrity, section, source };
}

/** Reads package-lock.json or npm-shrinkwrap.json, lockfile versions 1 to 3. */
export function parsePackageLock(text: string): DependencyFile {
  const file = emptyFile('lockfile', 'npm');
  const doc: unknown = JSON.parse(text);
  if (!isRecord(doc)) return file;
  if (isRecord(doc.packages)) {
    for (const [location, entry] of Object.entries(doc.packages)) {
      if (location === '' || !isRecord(entry) || entry.link === true) continue;
      const at = location.lastIndexOf('node_modules/');
      if (at < 0) continue; // a workspace folder, not an installed package
      const folder = location.slice(at + 'node_modules/'.length);
      const name = typeof entry.name === 'string' ? entry.name : folder;
      const dependency = lockEntry(name, entry, location);
      // An alias installs its target under the folder name, and the lockfile names the target in `name`.
      if (dependency.name !== folder) dependency.alias = folder;
      file.dependencies.push(dependency);
    }
    return file;
  }
  const walk = (deps: unknown, prefix: string, depth: number): void => {
    if (!isRecord(deps) || depth > 64) return;
    for (const [name, entry] of Object.entries(deps)) {
      if (!isRecord(entry)) continue;
      const location = `${prefix}node_modules/${name}`;
      file.dependencies.push(lockEntry(name, entry, location));
      walk(entry.dependencies, `${location}/`, depth + 1);
    }
  };
  walk(doc.dependencies, '', 0);
  return file;
}

/** Splits `name@range` at the `@` that ends the name, keeping a scope's leading `@`. */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  return at > 0 ? { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) } : { name: descriptor, range: '' };
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return /^".*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/**
 * Reads yarn.lock, both the classic format (yarn 1) and the YAML format of yarn
 * 2 and later ("berry"), line by line so that each entry keeps its line.
 */
export function parseYarnLock(text: string): DependencyFile {
  const file = emptyFile('lockfile', 'npm');
  let current: Dependency | null = null;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      current = null;
      if (!line.endsWith(':') || line.startsWith('__metadata')) continue;
      const first = unquote(line.slice(0, -1).split(/,\s*/)[0] ?? '');
      const descriptor = splitDescriptor(unquote(first));
      // An alias entry (`es@npm:event-stream@3.3.6`) installs its target package.
      const name = npmAliasTarget(descriptor.range, descriptor.name)?.name ?? descriptor.name;
      const range = descriptor.range;
      if (!name) continue;
      current = { ecosystem: 'npm', name, spec: '', section: 'yarn.lock', source: 'registry', line: index + 1 };
      if (/^(workspace|link|portal|file):/.test(range)) current.source = range.startsWith('workspace') ? 'workspace' : 'path';
      file.dependencies.push(current);
      continue;
    }
    if (!current || /^ {4}/.test(line)) continue;
    const field = /^ {2}(\w+):?\s+(.*)$/.exec(line);
    if (!field) continue;
    const [, key, raw = ''] = field;
    const value = unquote(raw);
    if (key === 'version') current.version = current.spec = value;
    else if (key === 'resolved') {
      current.resolved = value.replace(/#[0-9a-f]+$/i, '');
      current.source = npmSourceOf(current.resolved);
    } else if (key === 'integrity' || key === 'checksum') current.integrity = value;
    else if (key === 'resolution') {
      const { range } = splitDescriptor(value);
      current.source = range.startsWith('npm:') ? 'registry' : npmSourceOf(range);
      if (current.source !== 'registry') current.resolved = range;
    }
  }
  return file;
}

/** Splits a pnpm package key (`/a/1.0.0`, `/a@1.0.0(peer@2)`, `a@1.0.0`) into name and version. */
function pnpmKey(key: string): { name: string; version: string } | null {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '').replace(/_[^/]*$/, '');
  const at = bare.indexOf('@', 1);
  if (at > 0) return { name: bare.slice(0, at), version: bare.slice(at + 1) };
  const slash = bare.lastIndexOf('/');
  return slash > 0 ? { name: bare.slice(0, slash), version: bare.slice(slash + 1) } : null;
}

/** Reads pnpm-lock.yaml, lockfile versions 5 to 9. */
export function parsePnpmLock(text: string): DependencyFile {
  const file = emptyFile('lockfile', 'npm');
  const doc: unknown = parseYaml(text, { maxAliasCount: 100 });
  if (!isRecord(doc) || !isRecord(doc.packages)) return file;
  for (const [key, entry] of Object.entries(doc.packages)) {
    const parsed = pnpmKey(key);
    if (!parsed || !isRecord(entry)) continue;
    const resolution = isRecord(entry.resolution) ? entry.resolution : {};
    const tarball = typeof resolution.tarball === 'string' ? resolution.tarball : undefined;
    const repo = typeof resolution.repo === 'string' ? resolution.repo : undefined;
    const resolved = tarball ?? repo;
    let source: SourceKind = 'registry';
    if (repo) source = 'git';
    else if (tarball) source = /^https?:/.test(tarball) ? 'url' : 'path';
    const name = typeof entry.name === 'string' ? entry.name : parsed.name;
    const version = typeof entry.version === 'string' ? entry.version : parsed.version;
    const integrity = typeof resolution.integrity === 'string' ? resolution.integrity : undefined;
    file.dependencies.push({ ecosystem: 'npm', name, spec: version, version, resolved, integrity, section: 'packages', source });
  }
  return file;
}

/** Reads registry settings from .npmrc (`registry=`, `@scope:registry=`) and .yarnrc (`registry "…"`). */
export function parseNpmrc(text: string): DependencyFile {
  const file = emptyFile('manifest', 'npm');
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    const match = /^((?:@[\w.-]+:)?registry)\s*[=\s]\s*"?([^"\s]+)"?$/.exec(line);
    if (match) file.registries.push({ ecosystem: 'npm', url: match[2]!, kind: match[1]!, line: index + 1 });
  });
  return file;
}

/** Reads registry settings from .yarnrc.yml: `npmRegistryServer`, also under `npmScopes`. */
export function parseYarnrcYml(text: string): DependencyFile {
  const file = emptyFile('manifest', 'npm');
  const doc: unknown = parseYaml(text, { maxAliasCount: 100 });
  if (!isRecord(doc)) return file;
  if (typeof doc.npmRegistryServer === 'string') {
    file.registries.push({ ecosystem: 'npm', url: doc.npmRegistryServer, kind: 'npmRegistryServer' });
  }
  if (isRecord(doc.npmScopes)) {
    for (const [scope, settings] of Object.entries(doc.npmScopes)) {
      if (isRecord(settings) && typeof settings.npmRegistryServer === 'string') {
        file.registries.push({ ecosystem: 'npm', url: settings.npmRegistryServer, kind: `npmScopes.${scope}` });
      }
    }
  }
  return file;
}
