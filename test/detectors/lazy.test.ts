import { describe, expect, it } from 'vitest';
import { defineDetector, type Detector } from '../../src/detectors/define.js';
import { allDetectors, defaultDetectors } from '../../src/detectors/index.js';
import { lazyDetector, type LazyDetector } from '../../src/detectors/lazy.js';
import { changeFromUnifiedDiff, runDetectors } from '../helpers/change.js';

// Registries list detectors whose modules load on their first run. A commit
// loads the modules of the detectors its text selects, and no others.

function byId(id: string): LazyDetector {
  const found = allDetectors().find((detector) => detector.meta.id === id);
  if (!found) throw new Error(`no detector ${id}`);
  return found as LazyDetector;
}

const CHMOD_RULE = 'permission/chmod-permissive';

const SOURCE_EDIT = `diff --git a/src/sum.js b/src/sum.js
--- a/src/sum.js
+++ b/src/sum.js
@@ -1,3 +1,3 @@
 export function sum(values) {
-  return values.reduce((a, b) => a + b);
+  return values.reduce((a, b) => a + b, 0);
 }
`;

const CHMOD_SCRIPT = `diff --git a/deploy.sh b/deploy.sh
--- a/deploy.sh
+++ b/deploy.sh
@@ -1,2 +1,3 @@
 #!/bin/sh
 set -e
+chmod 777 /srv/data
`;

describe('lazy detectors', () => {
  it('reads ids and keywords unloaded', () => {
    for (const detector of allDetectors()) {
      expect(detector.meta.id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
      expect(detector.meta.id.startsWith(`${detector.meta.category}/`)).toBe(true);
    }
    expect(byId(CHMOD_RULE).keywords!.length).toBeGreaterThan(0);
  });

  it('skips modules without keyword hits', async () => {
    // Test files run in their own process, so nothing has loaded the chmod rule yet.
    const chmod = byId(CHMOD_RULE);
    expect(chmod.isLoaded).toBe(false);
    await runDetectors(defaultDetectors(), changeFromUnifiedDiff(SOURCE_EDIT));
    expect(chmod.isLoaded).toBe(false);
    expect(byId('secret/high-entropy-value').isLoaded).toBe(true);

    const verdict = await runDetectors(defaultDetectors(), changeFromUnifiedDiff(CHMOD_SCRIPT), { agent: true });
    expect(chmod.isLoaded).toBe(true);
    expect(verdict.findings.map((finding) => finding.ruleId)).toContain(CHMOD_RULE);
  });

  it('rejects a mismatched module id', async () => {
    const other: Detector = defineDetector({
      meta: { id: 'secret/other', category: 'secret', severity: 'block', confidence: 'high', description: 'Report nothing.', messages: { m: 'm' } },
      run() {},
    });
    const lazy = lazyDetector('secret/aws-access-key', async () => ({ default: other }));
    await expect(lazy.load()).rejects.toThrow(/declares secret\/other/);
  });

  it('runs uncatalogued detectors on every commit', async () => {
    let runs = 0;
    const fresh: Detector = defineDetector({
      meta: { id: 'secret/not-in-catalog', category: 'secret', severity: 'warn', confidence: 'low', description: 'Report nothing.', messages: { m: 'm' } },
      keywords: ['never-present'],
      run() {
        runs += 1;
      },
    });
    const lazy = lazyDetector('secret/not-in-catalog', async () => ({ default: fresh }));
    expect(lazy.keywords).toBeUndefined();
    expect(() => lazy.meta).toThrow(/missing from the generated catalog/);
    await runDetectors(lazy, changeFromUnifiedDiff(SOURCE_EDIT));
    expect(runs).toBe(1);
    expect(lazy.meta.id).toBe('secret/not-in-catalog');
  });
});
