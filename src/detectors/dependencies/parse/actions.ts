import { parse as parseYaml } from '../../../util/yaml.js';
import { emptyFile, type DependencyFile } from '../types.js';

function collectUses(node: unknown, out: Set<string>, depth = 0): void {
  if (depth > 32 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) collectUses(item, out, depth + 1);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'uses' && typeof value === 'string') out.add(value.trim());
    else collectUses(value, out, depth + 1);
  }
}

/**
 * Reads the `uses:` references of a GitHub Actions workflow or action file. The
 * YAML is parsed to learn which `uses` values are real keys, so text inside a
 * `run:` script is not mistaken for one; the lines come from a scan of the text.
 */
export function parseWorkflow(text: string): DependencyFile {
  const file = emptyFile('manifest', 'github-actions');
  const real = new Set<string>();
  collectUses(parseYaml(text, { maxAliasCount: 100 }), real);
  text.split('\n').forEach((raw, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)/.exec(raw);
    if (!match || !real.has(match[1]!)) return;
    const reference = match[1]!;
    // Local actions (./path) live in this repository and have no version to pin.
    if (reference.startsWith('./') || reference.startsWith('.\\')) return;
    const docker = reference.startsWith('docker://');
    const at = docker ? reference.lastIndexOf('@') : reference.indexOf('@');
    const name = at > 0 ? reference.slice(0, at) : reference;
    const spec = at > 0 ? reference.slice(at + 1) : '';
    file.dependencies.push({ ecosystem: 'github-actions', name, spec, section: 'uses', source: 'registry', line: index + 1 });
  });
  return file;
}
