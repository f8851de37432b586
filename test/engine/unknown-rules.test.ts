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

describe('unknown rule ids outside pack rules', () => {
  const warningsOf = (stderr: string, id: string): string[] =>
    stderr.split('\n').filter((line) => line.startsWith('diff-guardian: warning:') && line.includes(JSON.stringify(id)));

  it('warns once about an inline comment typo', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('src/a.ts', 'export const a = 1; // diff-guardian: allow secret/aws-acces-key -- sample value\n');
    repo.write('src/b.ts', 'export const b = 2; // diff-guardian: allow secret/aws-acces-key -- sample value\n');
    repo.commit('add samples');
    repo.write('src/c.ts', 'export const c = 3; // diff-guardian: allow secret/aws-acces-key -- sample value\n');
    repo.commit('add another');
    const result = runCli(repo.dir, ['check', 'HEAD~2..HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const warnings = warningsOf(result.stderr, 'secret/aws-acces-key');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('src/a.ts:1');
    expect(warnings[0]).toContain('inline allow comment');
  });

  it('warns about an inline typo in a staged check', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('run.sh', '#!/bin/sh\nchmod 777 /srv # diff-guardian: allow permision/* -- shared folder\n').stage();
    const result = runCli(repo.dir, ['check', '--staged']);
    const warnings = warningsOf(result.stderr, 'permision/*');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('staged run.sh:2');
  });

  it('stays quiet for inline ids that select rules', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const lines = [
      '// diff-guardian: allow secret/aws-access-key -- sample',
      '// diff-guardian: allow secret -- sample',
      '// diff-guardian: allow permission/* -- sample',
      '// diff-guardian: allow permission/shell-chmod-widening -- sample',
    ];
    repo.write('src/a.ts', `${lines.join('\n')}\n`);
    repo.commit('add comments');
    const result = runCli(repo.dir, ['check', 'HEAD']);
    expect(result.stderr).not.toContain('selects no rule');
  });

  it('warns once about an acknowledged rule typo', () => {
    const repo = TestRepo.init();
    const config = [
      'extends: [default]',
      'acknowledged:',
      '  - fingerprint: 0123456789abcdef',
      '    rule: secret/aws-acces-key',
      '    reason: sample value',
      '  - fingerprint: fedcba9876543210',
      '    rule: secret/aws-acces-key',
      '    reason: another sample value',
      '  - fingerprint: 00112233445566ff',
      '    rule: secret/*',
      '    reason: valid glob',
      '  - fingerprint: 00112233445566ee',
      '    rule: permission',
      '    reason: valid category',
      '',
    ].join('\n');
    repo.write('.diff-guardian.yml', config).commit('config');
    repo.write('a.txt', 'x\n').commit('add a');
    repo.write('b.txt', 'y\n').commit('add b');
    const result = runCli(repo.dir, ['check', 'HEAD~1..HEAD']);
    expect(result.code).toBe(0);
    const warnings = warningsOf(result.stderr, 'secret/aws-acces-key');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('acknowledged rule');
    expect(result.stderr).not.toContain('"secret/*"');
    expect(result.stderr).not.toContain('"permission"');
  });
});
