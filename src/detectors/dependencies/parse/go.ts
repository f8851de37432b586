import { emptyFile, type DependencyFile } from '../types.js';

/** Strips a `//` comment and surrounding space from a go.mod line. */
function code(line: string): string {
  const at = line.indexOf('//');
  return (at === -1 ? line : line.slice(0, at)).trim();
}

/** Reads a module path and optional version: `example.com/a v1.2.3` or a quoted path. */
function moduleRef(text: string): { path: string; version?: string } | null {
  const match = /^"?([^\s"]+)"?(?:\s+(\S+))?$/.exec(text.trim());
  return match ? { path: match[1]!, version: match[2] } : null;
}

/** Reads go.mod: `require` and `replace` directives, single-line and in blocks. */
export function parseGoMod(text: string): DependencyFile {
  const file = emptyFile('manifest', 'go');
  let block: 'require' | 'replace' | 'other' | null = null;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = code(raw);
    const lineNumber = index + 1;
    if (line === '') return;
    if (block) {
      if (line === ')') block = null;
      else if (block === 'require') readRequire(line, lineNumber, raw);
      else if (block === 'replace') readReplace(line, lineNumber);
      return;
    }
    const verb = /^\w+/.exec(line)?.[0];
    if (!verb) return;
    const rest = line.slice(verb.length).trim();
    if (rest === '(') {
      block = verb === 'require' || verb === 'replace' ? verb : 'other';
      return;
    }
    if (verb === 'require') readRequire(rest, lineNumber, raw);
    else if (verb === 'replace') readReplace(rest, lineNumber);
  });
  return file;

  function readRequire(text: string, line: number, raw: string): void {
    const ref = moduleRef(text);
    if (!ref || !ref.version) return;
    const section = /\/\/\s*indirect\b/.test(raw) ? 'require (indirect)' : 'require';
    file.dependencies.push({ ecosystem: 'go', name: ref.path, spec: ref.version, section, source: 'registry', line });
  }

  function readReplace(text: string, line: number): void {
    const sides = text.split('=>');
    if (sides.length !== 2) return;
    const from = moduleRef(sides[0]!);
    const to = moduleRef(sides[1]!);
    if (!from || !to) return;
    file.replaces.push({ from: from.path, fromVersion: from.version, to: to.path, toVersion: to.version, line });
  }
}

/** True when a replacement target is a directory on disk rather than a module path. */
export function isLocalReplacement(target: string): boolean {
  return /^(\.{1,2}(\/|\\|$)|\/|[A-Za-z]:\\)/.test(target);
}
