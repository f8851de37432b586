import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLeaks } from '../leak-check.js';
import { tempDir, TestRepo } from '../helpers/repo.js';

describe('secret leak check', () => {
  it('finds a secret in outputs, reports and notes', () => {
    const root = tempDir();
    mkdirSync(join(root, 'secrets'));
    mkdirSync(join(root, 'outputs'));
    mkdirSync(join(root, 'tmp'));
    writeFileSync(join(root, 'secrets', '1.txt'), 'leaked-value-123456\nquiet-value-654321\n');
    writeFileSync(join(root, 'outputs', '1.txt'), 'found leaked-value-123456 in src/a.ts\n');
    writeFileSync(join(root, 'tmp', 'report.sarif'), '{"message":"quiet-value-654321"}');
    const repo = new TestRepo(join(root, 'tmp', 'repo'));
    mkdirSync(repo.dir);
    repo.git('init', '-q');
    repo.write('a.txt', 'x\n').commit('one');
    repo.git('notes', '--ref=diff-guardian', 'add', '-m', 'verdict: block leaked-value-123456', 'HEAD');
    const result = findLeaks(root);
    expect(result.secrets).toBe(2);
    expect(result.leaks).toHaveLength(3);
    expect(result.leaks.some((l) => l.includes('notes'))).toBe(true);
    expect(result.leaks.some((l) => l.includes('report.sarif'))).toBe(true);
  });

  it('passes clean outputs', () => {
    const root = tempDir();
    mkdirSync(join(root, 'secrets'));
    mkdirSync(join(root, 'outputs'));
    writeFileSync(join(root, 'secrets', '1.txt'), 'leaked-value-123456\n');
    writeFileSync(join(root, 'outputs', '1.txt'), 'evidence: leak…[redacted 19 chars]\n');
    expect(findLeaks(root).leaks).toEqual([]);
  });
});
