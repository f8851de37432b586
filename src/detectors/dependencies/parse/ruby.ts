import { emptyFile, type DependencyFile, type SourceKind } from '../types.js';
import { stripComment } from './text.js';

const MAX_LINE = 4096;

/** Reads the string after `key:` or `:key =>` in a gem line. */
function option(line: string, key: string): string | null {
  const match = new RegExp(`(?:\\b${key}:|:${key}\\s*=>)\\s*['"]([^'"]*)['"]`).exec(line);
  return match ? match[1]! : null;
}

/** Reads a Gemfile: `gem` lines with versions, git, github and path options, and `source` URLs. */
export function parseGemfile(text: string): DependencyFile {
  const file = emptyFile('manifest', 'rubygems');
  const groups: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = stripComment(raw, '#').trim();
    const lineNumber = index + 1;
    if (line === '' || line.startsWith('#') || line.length > MAX_LINE) return;
    const group = /^group\s+(.+?)\s+do\b/.exec(line);
    if (group) {
      groups.push(group[1]!.replace(/[:\s]/g, ''));
      return;
    }
    if (/^end\b/.test(line)) {
      groups.pop();
      return;
    }
    const source = /^source\s+['"]([^'"]+)['"]/.exec(line);
    if (source) {
      file.registries.push({ ecosystem: 'rubygems', url: source[1]!, kind: 'source', line: lineNumber });
      return;
    }
    const gem = /^gem\s*\(?\s*['"]([^'"]+)['"]\s*(.*)$/.exec(line);
    if (!gem) return;
    const [, name = '', rest = ''] = gem;
    const versions = [...rest.matchAll(/(?:^|,)\s*['"]([~<>=!]*\s*[\d][\w.]*)['"]/g)].map((m) => m[1]!.replace(/\s+/g, ' '));
    const section = groups.length > 0 ? `group ${groups.join(', ')}` : 'gems';
    let spec = versions.join(', ');
    let kind: SourceKind = 'registry';
    const git = option(rest, 'git');
    const github = option(rest, 'github');
    const path = option(rest, 'path');
    if (git || github) {
      kind = git ? 'git' : 'github';
      const pin = option(rest, 'ref') ?? option(rest, 'tag') ?? option(rest, 'branch');
      spec = `${git ?? github}${pin ? `#${pin}` : ''}`;
    } else if (path) {
      kind = 'path';
      spec = path;
    }
    const gemSource = option(rest, 'source');
    if (gemSource) file.registries.push({ ecosystem: 'rubygems', url: gemSource, kind: `gem ${name} source`, line: lineNumber });
    file.dependencies.push({ ecosystem: 'rubygems', name, spec, section, source: kind, line: lineNumber });
  });
  return file;
}
