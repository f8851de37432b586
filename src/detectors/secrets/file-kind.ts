// File kinds that decide how secret detectors read a file, by its name alone.

export type FileKind = 'code' | 'config' | 'env' | 'docs' | 'other';

const CODE = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'py', 'rb', 'go', 'java', 'kt', 'kts', 'scala', 'cs',
  'fs', 'vb', 'php', 'rs', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp', 'm', 'mm', 'dart', 'lua', 'pl', 'pm', 'r',
  'groovy', 'gradle', 'clj', 'ex', 'exs', 'erl', 'hs', 'jl', 'vue', 'svelte', 'coffee', 'ps1', 'map', 'wasm',
]);
const CONFIG = new Set([
  'json', 'jsonc', 'json5', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'config', 'properties', 'xml',
  'tf', 'tfvars', 'hcl', 'plist', 'cnf', 'npmrc', 'pypirc', 'netrc',
]);
const ENV = new Set(['env', 'vars', 'sh', 'bash', 'zsh', 'ksh', 'fish', 'bat', 'cmd', 'envrc']);
const DOCS = new Set(['md', 'markdown', 'mdx', 'rst', 'adoc', 'asciidoc', 'txt', 'html', 'htm', 'ipynb']);

/** Returns the base name and the lower-case extension of a path. */
export function nameParts(path: string): { base: string; ext: string } {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  // A leading dot (`.npmrc`) makes the whole name the extension.
  const ext = dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
  return { base, ext };
}

/** `.env`, `.env.local`, `prod.env`: files of `KEY=value` lines read by dotenv loaders. */
export function isDotenv(path: string): boolean {
  const { base } = nameParts(path);
  return /^\.env(?:\.[\w.-]+)?$/.test(base) || /\.env$/.test(base);
}

/** Dotenv templates committed on purpose: `.env.example`, `.env.sample`, `.env.template` and the like. */
export function isDotenvTemplate(path: string): boolean {
  const { base } = nameParts(path);
  return /(?:^|\.)(?:example|sample|template|tmpl|tpl|dist|defaults?|schema|skeleton|stub|test\.example)(?:\.env)?$/i.test(base);
}

export function fileKind(path: string): FileKind {
  const { base, ext } = nameParts(path);
  if (isDotenv(path)) return 'env';
  if (base === 'Dockerfile' || base.startsWith('Dockerfile.') || base === 'Makefile') return 'env';
  if (ENV.has(ext)) return 'env';
  if (CODE.has(ext)) return 'code';
  if (CONFIG.has(ext)) return 'config';
  if (DOCS.has(ext)) return 'docs';
  return 'other';
}
