import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { loadDetectors } from '../../src/detectors/lazy.js';

// Keeps the detector registry, its tests and the README's detector table in
// step: a detector added without a table test or a README row fails here.

const ROOT = resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const detectors = allDetectors();
const testText = filesUnder(join(ROOT, 'test'))
  .filter((path) => path.endsWith('.test.ts'))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('detector registry', () => {
  it('has unique, well-formed ids', () => {
    const ids = detectors.map((d) => d.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const detector of detectors) {
      expect(detector.meta.id.startsWith(`${detector.meta.category}/`)).toBe(true);
      expect(detector.meta.description).toMatch(/^Report /);
      expect(Object.keys(detector.meta.messages).length).toBeGreaterThan(0);
    }
  });

  it('gives every detector a test and a README row', async () => {
    // A detector counts as tested when a test names its id or imports the module that defines it.
    const modules = new Map<unknown, string>();
    for (const path of filesUnder(join(ROOT, 'src/detectors')).filter((p) => p.endsWith('.ts'))) {
      const module = (await import(path)) as { default?: unknown };
      if (module.default) modules.set(module.default, path.slice(join(ROOT, 'src/').length).replace(/\.ts$/, '.js'));
    }
    const untested: string[] = [];
    const undocumented: string[] = [];
    for (const detector of await loadDetectors(detectors)) {
      const module = modules.get(detector);
      const tested = testText.includes(detector.meta.id) || (module !== undefined && testText.includes(module));
      if (!tested) untested.push(detector.meta.id);
      if (!readme.includes(`\`${detector.meta.id}\``)) undocumented.push(detector.meta.id);
    }
    expect(untested, 'detectors without a table test').toEqual([]);
    expect(
      undocumented,
      'detectors missing from README: run `npm run build && node dist/cli.js rules --format markdown` and paste the table under "## Detectors"',
    ).toEqual([]);
  });

  it('matches the generated catalog', async () => {
    // The engine reads meta and keywords from the catalog before a module has
    // loaded; scripts/generate.mjs writes it from the modules at build time.
    const loaded = await loadDetectors(detectors);
    detectors.forEach((lazy, index) => {
      const detector = loaded[index]!;
      expect(detector.meta.id).toBe(lazy.meta.id);
      expect(lazy.meta).toEqual(detector.meta);
      expect(lazy.keywords).toEqual(detector.keywords);
    });
  });
});
