import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unknownRuleIds } from '../../src/engine/unknown-rules.js';
import { defaultPolicy, fileSource, loadPolicy } from '../../src/packs/load.js';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';

function policyOf(text: string) {
  const path = join(tempDir(), 'config.yml');
  writeFileSync(path, text);
  return loadPolicy(fileSource(), path);
}

describe('unknown rule ids', () => {
  it('finds none in the built-in packs', async () => {
    expect(await unknownRuleIds([defaultPolicy(), policyOf('extends: [strict]\n')])).toEqual([]);
  });

  it('accepts categories, globs and gate rule ids', async () => {
    const policy = policyOf('rules:\n  - id: secret\n    action: warn\n  - id: permission/*\n    action: warn\n  - id: permission/shell-chmod-widening\n    action: warn\n');
    expect(await unknownRuleIds([policy])).toEqual([]);
  });

  it('lists a misspelt id with its origin', async () => {
    const policy = policyOf('rules:\n  - id: secrte/aws-access-key\n    action: warn\n');
    const unknown = await unknownRuleIds([policy]);
    expect(unknown.map((rule) => rule.id)).toEqual(['secrte/aws-access-key']);
    expect(unknown[0]!.origin).toContain('#rules[0]');
  });

  it('warns in a staged check', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', 'extends: [default]\nrules:\n  - id: secrte/aws-access-key\n    action: warn\n').commit('config');
    repo.write('a.txt', 'x\n').stage();
    const result = runCli(repo.dir, ['check', '--staged']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('rule id "secrte/aws-access-key" selects no rule');
  });
});
