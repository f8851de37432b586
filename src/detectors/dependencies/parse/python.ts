import { parse as parseToml } from 'smol-toml';
import { emptyFile, type Dependency, type DependencyFile, type SourceKind } from '../types.js';
import { stripComment, trimTrailingSlashes } from './text.js';

/** Maximum length of a requirement line; longer lines are skipped as not a requirement. */
const MAX_LINE = 4096;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Derives a package name from a URL or path requirement: `#egg=name`, else the last path segment. */
function nameFromLocation(location: string): string {
  const egg = /[#&]egg=([\w.-]+)/.exec(location);
  if (egg) return egg[1]!;
  const cut = location.search(/[#?]/);
  const withoutFragment = cut === -1 ? location : location.slice(0, cut);
  const path = trimTrailingSlashes(withoutFragment.replace(/@[^/@]*$/, ''));
  const last = path.slice(path.lastIndexOf('/') + 1) || path;
  return last.replace(/\.git$/, '').replace(/(-\d[\w.]*)?(\.tar\.gz|\.zip|\.whl|\.tgz)$/, '') || location;
}

function locationSource(location: string): SourceKind {
  if (/^(git\+|hg\+|svn\+|bzr\+)/i.test(location) || /\.git(@|#|$)/.test(location)) return 'git';
  if (/^https?:\/\//i.test(location)) return 'url';
  return 'path';
}

/**
 * Parses one PEP 508 requirement (`name[extra] >=1,<2 ; marker`, `name @ url`) or a
 * pip URL or path requirement. Returns null for text that is not a requirement.
 */
export function parseRequirement(text: string, section: string, line?: number): Dependency | null {
  const value = stripComment(text, '#').trim();
  if (value === '' || value.length > MAX_LINE) return null;
  const direct = /^([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*@\s*(\S+)/.exec(value);
  if (direct) {
    const location = direct[2]!;
    return { ecosystem: 'pypi', name: direct[1]!, spec: location, section, source: locationSource(location), line };
  }
  if (/^([a-z][\w+]*:\/\/|git\+|\.{0,2}\/|~\/|file:)/i.test(value) || value === '.') {
    const location = value.split(';')[0]!.trim();
    return { ecosystem: 'pypi', name: nameFromLocation(location), spec: location, section, source: locationSource(location), line };
  }
  const match = /^([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*(\(?[^;]*?\)?)\s*(;.*)?$/.exec(value);
  if (!match) return null;
  const spec = match[2]!.replace(/^\(|\)$/g, '').replace(/\s+/g, '');
  return { ecosystem: 'pypi', name: match[1]!, spec, section, source: 'registry', line };
}

/** Reads a pip requirements file, including `-e`, URL and path requirements and index options. */
export function parseRequirementsTxt(text: string): DependencyFile {
  const file = emptyFile('manifest', 'pypi');
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const start = index;
    let line = lines[index]!.replace(/\r$/, '');
    // A trailing backslash continues the requirement on the next line.
    while (line.endsWith('\\') && index + 1 < lines.length) {
      index += 1;
      line = `${line.slice(0, -1)} ${lines[index]!.replace(/\r$/, '')}`;
    }
    line = stripComment(line, '#').trim();
    if (line === '') continue;
    const option = /^(-i|--index-url|--extra-index-url|-f|--find-links)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    if (option) {
      file.registries.push({ ecosystem: 'pypi', url: option[2]!, kind: option[1]!, line: start + 1 });
      continue;
    }
    const editable = /^(-e|--editable)(?:\s*=\s*|\s+)(.+)$/.exec(line);
    if (editable) {
      const dep = parseRequirement(editable[2]!, 'editable', start + 1);
      if (dep) file.dependencies.push(dep);
      continue;
    }
    if (line.startsWith('-')) continue; // -r, -c, --hash and other pip options
    const dep = parseRequirement(line.replace(/\s--hash=\S+/g, ''), 'requirements', start + 1);
    if (dep) file.dependencies.push(dep);
  }
  return file;
}

/** Turns a Poetry or Pipenv dependency value (a string or a table) into a dependency. */
function tableDependency(name: string, value: unknown, section: string): Dependency | null {
  if (typeof value === 'string') return { ecosystem: 'pypi', name, spec: value, section, source: 'registry' };
  if (Array.isArray(value)) return tableDependency(name, value[0], section);
  if (!isRecord(value)) return null;
  for (const key of ['git', 'url', 'path', 'file'] as const) {
    const location = value[key];
    if (typeof location !== 'string') continue;
    const pin = ['rev', 'tag', 'branch', 'ref'].map((k) => value[k]).find((v) => typeof v === 'string');
    const spec = pin ? `${location}@${pin as string}` : location;
    const kinds: Record<typeof key, SourceKind> = { git: 'git', url: 'url', path: 'path', file: 'path' };
    const source = kinds[key];
    return { ecosystem: 'pypi', name, spec, section, source };
  }
  const version = typeof value.version === 'string' ? value.version : '*';
  return { ecosystem: 'pypi', name, spec: version, section, source: 'registry' };
}

function readTable(table: unknown, section: string, out: DependencyFile, skip: ReadonlySet<string> = new Set()): void {
  if (!isRecord(table)) return;
  for (const [name, value] of Object.entries(table)) {
    if (skip.has(name.toLowerCase())) continue;
    const dep = tableDependency(name, value, section);
    if (dep) out.dependencies.push(dep);
  }
}

function readRequirementList(list: unknown, section: string, out: DependencyFile): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const dep = parseRequirement(item, section);
    if (dep) out.dependencies.push(dep);
  }
}

/** Reads pyproject.toml: PEP 621 `[project]`, PEP 735 groups, Poetry, and package indexes. */
export function parsePyproject(text: string): DependencyFile {
  const file = emptyFile('manifest', 'pypi');
  const doc = parseToml(text) as Record<string, unknown>;
  const project = isRecord(doc.project) ? doc.project : {};
  readRequirementList(project.dependencies, 'project.dependencies', file);
  if (isRecord(project['optional-dependencies'])) {
    for (const [extra, list] of Object.entries(project['optional-dependencies'])) {
      readRequirementList(list, `project.optional-dependencies.${extra}`, file);
    }
  }
  if (isRecord(doc['dependency-groups'])) {
    for (const [group, list] of Object.entries(doc['dependency-groups'])) {
      readRequirementList(list, `dependency-groups.${group}`, file);
    }
  }
  const tool = isRecord(doc.tool) ? doc.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const python = new Set(['python']);
  readTable(poetry.dependencies, 'tool.poetry.dependencies', file, python);
  readTable(poetry['dev-dependencies'], 'tool.poetry.dev-dependencies', file, python);
  if (isRecord(poetry.group)) {
    for (const [group, settings] of Object.entries(poetry.group)) {
      if (isRecord(settings)) readTable(settings.dependencies, `tool.poetry.group.${group}.dependencies`, file, python);
    }
  }
  for (const source of Array.isArray(poetry.source) ? poetry.source : []) {
    if (isRecord(source) && typeof source.url === 'string') {
      file.registries.push({ ecosystem: 'pypi', url: source.url, kind: 'tool.poetry.source' });
    }
  }
  const uv = isRecord(tool.uv) ? tool.uv : {};
  for (const key of ['index-url', 'extra-index-url'] as const) {
    const urls = Array.isArray(uv[key]) ? uv[key] : [uv[key]];
    for (const url of urls) if (typeof url === 'string') file.registries.push({ ecosystem: 'pypi', url, kind: `tool.uv.${key}` });
  }
  for (const index of Array.isArray(uv.index) ? uv.index : []) {
    if (isRecord(index) && typeof index.url === 'string') {
      file.registries.push({ ecosystem: 'pypi', url: index.url, kind: 'tool.uv.index' });
    }
  }
  return file;
}

/** Reads a Pipfile: `[packages]`, `[dev-packages]` and `[[source]]` indexes. */
export function parsePipfile(text: string): DependencyFile {
  const file = emptyFile('manifest', 'pypi');
  const doc = parseToml(text) as Record<string, unknown>;
  readTable(doc.packages, 'packages', file);
  readTable(doc['dev-packages'], 'dev-packages', file);
  for (const source of Array.isArray(doc.source) ? doc.source : []) {
    if (isRecord(source) && typeof source.url === 'string') {
      file.registries.push({ ecosystem: 'pypi', url: source.url, kind: 'Pipfile [[source]]' });
    }
  }
  return file;
}
