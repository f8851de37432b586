import { parse as parseToml } from 'smol-toml';
import { emptyFile, type DependencyFile, type SourceKind } from '../types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SECTIONS = ['dependencies', 'dev-dependencies', 'build-dependencies'] as const;

function readSection(table: unknown, section: string, file: DependencyFile): void {
  if (!isRecord(table)) return;
  for (const [key, value] of Object.entries(table)) {
    if (typeof value === 'string') {
      file.dependencies.push({ ecosystem: 'cargo', name: key, spec: value, section, source: 'registry' });
      continue;
    }
    if (!isRecord(value)) continue;
    // `package` renames: the key is the local name, `package` the crate fetched.
    const name = typeof value.package === 'string' ? value.package : key;
    let source: SourceKind = 'registry';
    let spec = typeof value.version === 'string' ? value.version : '*';
    if (typeof value.git === 'string') {
      source = 'git';
      const pin = ['rev', 'tag', 'branch'].map((k) => value[k]).find((v) => typeof v === 'string');
      spec = pin ? `${value.git}#${pin as string}` : value.git;
    } else if (typeof value.path === 'string') {
      source = 'path';
      spec = value.path;
    } else if (value.workspace === true) {
      source = 'workspace';
      spec = 'workspace = true';
    }
    file.dependencies.push({ ecosystem: 'cargo', name, spec, section, source });
    if (typeof value.registry === 'string') {
      file.registries.push({ ecosystem: 'cargo', url: `registry "${value.registry}"`, kind: `${section}.${key}.registry` });
    }
  }
}

/** Reads Cargo.toml: dependency tables, target-specific ones and `[workspace.dependencies]`. */
export function parseCargoToml(text: string): DependencyFile {
  const file = emptyFile('manifest', 'cargo');
  const doc = parseToml(text) as Record<string, unknown>;
  for (const section of SECTIONS) readSection(doc[section], section, file);
  if (isRecord(doc.target)) {
    for (const [target, tables] of Object.entries(doc.target)) {
      if (!isRecord(tables)) continue;
      for (const section of SECTIONS) readSection(tables[section], `target.${target}.${section}`, file);
    }
  }
  if (isRecord(doc.workspace)) readSection(doc.workspace.dependencies, 'workspace.dependencies', file);
  if (isRecord(doc.patch)) {
    for (const [registry, table] of Object.entries(doc.patch)) readSection(table, `patch.${registry}`, file);
  }
  return file;
}

/** Reads .cargo/config.toml: alternative registries and source replacements. */
export function parseCargoConfig(text: string): DependencyFile {
  const file = emptyFile('manifest', 'cargo');
  const doc = parseToml(text) as Record<string, unknown>;
  for (const key of ['registries', 'source'] as const) {
    const table = doc[key];
    if (!isRecord(table)) continue;
    for (const [name, settings] of Object.entries(table)) {
      if (!isRecord(settings)) continue;
      for (const field of ['index', 'registry', 'local-registry', 'directory'] as const) {
        const url = settings[field];
        if (typeof url === 'string') file.registries.push({ ecosystem: 'cargo', url, kind: `${key}.${name}.${field}` });
      }
    }
  }
  return file;
}
