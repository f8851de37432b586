import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDetectors } from '../../../src/detectors/checks/index.js';
import type { Finding } from '../../../src/model/types.js';
import { decide } from '../../../src/packs/decide.js';
import { defaultPolicy, fileSource, loadPolicy } from '../../../src/packs/load.js';
import { tempDir } from '../../helpers/repo.js';

function findingOf(ruleId: string, file: string): Finding {
  return {
    ruleId,
    category: 'disabled-check',
    severity: 'warn',
    action: 'allow',
    message: '',
    file,
    line: 1,
    commit: 'PATCH',
    evidence: '',
    fingerprint: '0'.repeat(16),
  };
}

function configWith(text: string): string {
  const path = join(tempDir(), 'config.yml');
  writeFileSync(path, text);
  return path;
}

const ids = checkDetectors.map((detector) => detector.meta.id);

describe('disabled-checks pack', () => {
  it('registers every disabled-check detector once', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('disabled-check/'))).toBe(true);
  });

  // An invalid config breaks the checks of every later commit, so it blocks for everyone.
  const blockForEveryone = new Set(['disabled-check/guardian-config-invalid']);

  it.each(ids.filter((id) => !blockForEveryone.has(id)))('blocks %s for agents and warns for humans', (id) => {
    const policy = defaultPolicy();
    expect(decide(policy, findingOf(id, 'src/a.test.ts'), true).action).toBe('block');
    expect(decide(policy, findingOf(id, 'src/a.test.ts'), false).action).toBe('warn');
  });

  it.each([...blockForEveryone])('blocks %s for every author', (id) => {
    const policy = defaultPolicy();
    expect(decide(policy, findingOf(id, 'src/a.test.ts'), true).action).toBe('block');
    expect(decide(policy, findingOf(id, 'src/a.test.ts'), false).action).toBe('block');
  });

  it.each(ids)('blocks %s for humans under the strict pack', (id) => {
    const policy = loadPolicy(fileSource(), configWith('extends: [strict]\n'));
    expect(decide(policy, findingOf(id, 'src/a.test.ts'), false).action).toBe('block');
  });

  it.each(ids)('turns %s off for one path only', (id) => {
    const policy = loadPolicy(fileSource(), configWith(`rules:\n  - id: ${id}\n    action: off\n    paths: ['legacy/**']\n`));
    expect(decide(policy, findingOf(id, 'legacy/a.test.ts'), true).action).toBe('off');
    expect(decide(policy, findingOf(id, 'src/a.test.ts'), true).action).toBe('block');
  });

  it('only warns on skipped tests and suppressions in fixture folders', () => {
    const policy = defaultPolicy();
    for (const id of ['disabled-check/test-skipped', 'disabled-check/suppression-added']) {
      expect(decide(policy, findingOf(id, 'test/fixtures/rules/skip.test.ts'), true).action).toBe('warn');
      expect(decide(policy, findingOf(id, 'pkg/testdata/x_test.go'), true).action).toBe('warn');
    }
    expect(decide(policy, findingOf('disabled-check/test-removed', 'test/fixtures/a.test.ts'), true).action).toBe('block');
  });
});
