import { readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { parse } from '../util/yaml.js';
import { ConfigError } from '../errors.js';
import { gitSyncBuffer } from '../git/exec.js';
import { BUILTIN_PACKS } from './generated/builtin-packs.js';
import {
  DEFAULT_SETTINGS,
  type PackDocument,
  type PackRecord,
  type Policy,
} from './types.js';
import { sha256Hex } from '../util/sha256.js';
import { parsePack } from './validate.js';

export { CONFIG_FILE } from '../repository-files.js';

/** Source of pack files: the filesystem, or a commit's tree. */
export interface PackSource {
  /** Reads `path`, or returns null when there is no such file. */
  read(path: string): string | null;
  /** Resolves `ref` relative to the file `from`. */
  resolve(from: string, ref: string): string;
  /** How to name `path` in messages. */
  display(path: string): string;
}

export function fileSource(): PackSource {
  return {
    read(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return null;
        throw new ConfigError(`${path}: cannot read config file (${code ?? (error as Error).message})`);
      }
    },
    resolve: (from, ref) => resolve(dirname(from), ref),
    display: (path) => path,
  };
}

/** Reads files from the tree of `commit`, never from the working tree. */
export function treeSource(cwd: string, commit: string, display = (path: string) => `${commit.slice(0, 12)}:${path}`): PackSource {
  return gitObjectSource(cwd, commit, display);
}

/** Reads files from the index, as the commit being made will contain them. */
export function indexSource(cwd: string): PackSource {
  return gitObjectSource(cwd, '', (path) => `${path} (staged)`);
}

/** Resolves `ref` relative to the file `from` inside a tree, keeping a path that leaves the tree recognisable. */
export function resolveTreePath(from: string, ref: string): string {
  if (ref.startsWith('/')) return ref;
  return posix.normalize(posix.join(posix.dirname(from), ref)).replace(/^(\.\/)+/, '');
}

/**
 * Returns why `path` names no file of a tree, or null when it may. A config
 * read from a commit may extend only files of that commit, which every
 * clone and server then judges alike.
 */
export function treePathProblem(path: string): string | null {
  if (path.startsWith('/')) return 'is an absolute path, but a config in a repository can extend only files of the repository';
  if (path === '..' || path.startsWith('../')) return 'is outside the repository, but a config in a repository can extend only files of the repository';
  if (path.includes('\n')) return 'contains a line break, which no pack path may contain';
  return null;
}

/**
 * Reads files of `revision` (a commit, or '' for the index) with one
 * `git cat-file --batch` per file, which also reports a directory or a
 * submodule at the path. A missing file reads as null.
 */
function gitObjectSource(cwd: string, revision: string, display: (path: string) => string): PackSource {
  return {
    read(path) {
      const problem = treePathProblem(path);
      if (problem) throw new ConfigError(`${display(path)}: ${problem}`);
      const out = gitSyncBuffer(['cat-file', '--batch'], { cwd, input: `${revision}:${path}\n` });
      const headerEnd = out.indexOf(10);
      const [, type, size] = out.subarray(0, headerEnd).toString('utf8').split(' ');
      if (type === 'tree') throw new ConfigError(`${display(path)}: is a directory, not a pack file; name a YAML file in extends`);
      if (type === 'commit') throw new ConfigError(`${display(path)}: is a submodule, not a pack file; name a YAML file in extends`);
      if (type !== 'blob' || size === undefined) return null;
      return out.subarray(headerEnd + 1, headerEnd + 1 + Number(size)).toString('utf8');
    },
    resolve: resolveTreePath,
    display,
  };
}

function isBuiltinName(ref: string): boolean {
  return /^[a-z][a-z0-9-]*$/.test(ref);
}

/** Returns true when `record` names one of the built-in packs of `rules/`. */
export function isBuiltinPack(record: PackRecord): boolean {
  return Object.values(BUILTIN_PACKS).some((pack) => pack.file === record.file && pack.sha256 === record.sha256);
}

/** Files that a config reads besides itself, as paths of its source. */
export interface ConfiguredFiles {
  /** Packs extended by path, directly or through other packs, in load order. */
  packs: string[];
  /** The last `settings.allowlistFile` in load order, if any. */
  allowlistFile?: string;
}

/**
 * Lists the pack files a config extends by path and the allowlist file it
 * names. Unlike `loadPolicy` it skips files that are missing or not valid,
 * so that an edit to a broken pack is still recognised as a pack edit.
 */
export function configuredFiles(source: PackSource, path: string): ConfiguredFiles {
  const result: ConfiguredFiles = { packs: [] };
  const visited = new Set<string>([path]);
  const walk = (file: string): void => {
    let text: string | null;
    try {
      text = source.read(file);
    } catch (error) {
      if (error instanceof ConfigError) return;
      throw error;
    }
    if (text === null) return;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      return;
    }
    if (!doc || typeof doc !== 'object') return;
    const { extends: refs, settings } = doc as { extends?: unknown; settings?: { allowlistFile?: unknown } };
    for (const ref of Array.isArray(refs) ? refs : []) {
      if (typeof ref !== 'string' || isBuiltinName(ref)) continue;
      const child = source.resolve(file, ref);
      if (visited.has(child)) continue;
      visited.add(child);
      result.packs.push(child);
      walk(child);
    }
    // A file's own settings are merged after those of the packs it extends, so they win.
    if (settings && typeof settings === 'object' && typeof settings.allowlistFile === 'string') {
      result.allowlistFile = settings.allowlistFile;
    }
  };
  walk(path);
  return result;
}

/** Builds the policy from the built-in default pack alone. */
export function defaultPolicy(): Policy {
  return buildPolicy([{ record: null, doc: { extends: ['default'] } }], fileSource());
}

/**
 * Loads a config document and everything it extends. A config without
 * `extends` starts from the built-in `default` pack.
 */
export function loadPolicy(source: PackSource, path: string): Policy {
  const text = source.read(path);
  if (text === null) throw new ConfigError(`${source.display(path)}: config file not found`);
  const doc = parsePack(text, source.display(path));
  const record: PackRecord = { name: doc.name ?? 'config', file: source.display(path), sha256: sha256(text) };
  const withDefault = doc.extends === undefined ? { ...doc, extends: ['default'] } : doc;
  return buildPolicy([{ record, doc: withDefault, path }], source);
}

interface Loaded {
  record: PackRecord | null;
  doc: PackDocument;
  path?: string;
}

function buildPolicy(roots: Loaded[], source: PackSource): Policy {
  const policy: Policy = {
    packs: [],
    rules: [],
    agents: [],
    settings: { ...DEFAULT_SETTINGS },
    dependencies: {},
    acknowledged: [],
    server: {},
  };
  const visiting = new Set<string>();
  const applied = new Set<string>();

  const apply = (loaded: Loaded, chain: string[]): void => {
    for (const ref of loaded.doc.extends ?? []) {
      const child = loadReference(ref, loaded, source);
      const key = child.record!.file;
      if (visiting.has(key)) {
        throw new ConfigError(`${chain.join(' -> ')} -> ${key}: packs extend each other in a cycle`);
      }
      if (applied.has(key)) continue;
      visiting.add(key);
      apply(child, [...chain, key]);
      visiting.delete(key);
      applied.add(key);
    }
    merge(policy, loaded);
  };
  for (const root of roots) apply(root, [root.record?.file ?? '<default>']);
  return policy;
}

function loadReference(ref: string, from: Loaded, source: PackSource): Loaded {
  if (isBuiltinName(ref)) {
    const builtin = BUILTIN_PACKS[ref];
    if (!builtin) {
      const names = Object.keys(BUILTIN_PACKS).join(', ');
      throw new ConfigError(`${from.record?.file ?? 'config'}: unknown pack "${ref}" in extends (built-in packs: ${names}, or a path such as ./packs/team.yml)`);
    }
    return { record: { name: builtin.data.name ?? ref, file: builtin.file, sha256: builtin.sha256 }, doc: builtin.data };
  }
  if (!from.path) {
    throw new ConfigError(`built-in pack ${from.record?.file} cannot extend the file "${ref}"`);
  }
  const path = source.resolve(from.path, ref);
  const text = source.read(path);
  if (text === null) {
    throw new ConfigError(`${from.record?.file}: pack "${ref}" in extends was not found (looked for ${source.display(path)})`);
  }
  const doc = parsePack(text, source.display(path));
  return { record: { name: doc.name ?? ref, file: source.display(path), sha256: sha256(text) }, doc, path };
}

function merge(policy: Policy, loaded: Loaded): void {
  const { doc, record } = loaded;
  const origin = record?.file ?? '<default>';
  if (record) policy.packs.push(record);
  (doc.rules ?? []).forEach((rule, index) => policy.rules.push({ ...rule, origin: `${origin}#rules[${index}]` }));
  policy.agents.push(...(doc.agents ?? []));
  Object.assign(policy.settings, doc.settings ?? {});
  const deps = doc.dependencies ?? {};
  policy.dependencies = {
    ...policy.dependencies,
    ...deps,
    allow: [...(policy.dependencies.allow ?? []), ...(deps.allow ?? [])],
    deny: [...(policy.dependencies.deny ?? []), ...(deps.deny ?? [])],
    registries: { ...(policy.dependencies.registries ?? {}), ...(deps.registries ?? {}) },
  };
  policy.acknowledged.push(...(doc.acknowledged ?? []).map((a) => ({ ...a, origin })));
  Object.assign(policy.server, doc.server ?? {});
}

function sha256(text: string): string {
  return sha256Hex(text);
}

/** Joins a repository-relative path for a tree source. */
export function repoPath(...parts: string[]): string {
  return join(...parts).split('\\').join('/');
}
