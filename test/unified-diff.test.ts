import { describe, expect, it } from 'vitest';
import { changeOfFiles, findingsOf } from './helpers/change.js';
import aws from '../src/detectors/secrets/aws.js';
import { awsAccessKeyId, awsSecretAccessKey } from './helpers/secrets.js';

describe('test change builder', () => {
  it('maps added lines to new line numbers', () => {
    const change = changeOfFiles({ 'src/a.ts': { old: 'one\ntwo\nthree\n', new: 'one\n2\ntwo\nthree\nfour\n' } });
    const file = change.files[0]!;
    expect(file.path).toBe('src/a.ts');
    expect(file.status).toBe('modified');
    expect(file.added).toEqual([
      { line: 2, text: '2' },
      { line: 5, text: 'four' },
    ]);
  });

  it('marks an added file', () => {
    const change = changeOfFiles({ 'new.txt': { new: 'x\n' } });
    expect(change.files[0]!.status).toBe('added');
    expect(change.files[0]!.oldPath).toBeNull();
  });

  it('runs a detector over a unified diff', async () => {
    const diff = [
      '--- /dev/null',
      '+++ b/cfg.ts',
      '@@ -0,0 +1,2 @@',
      `+const id = '${awsAccessKeyId()}';`,
      `+const secretAccessKey = '${awsSecretAccessKey()}';`,
      '',
    ].join('\n');
    const findings = await findingsOf(aws, diff);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]!.file).toBe('cfg.ts');
  });
});

describe('unified diff reader', () => {
  it('ignores the no-newline marker', () => {
    const change = changeOfFiles({ 'a.txt': { old: 'one\ntwo', new: 'one\nthree' } });
    expect(change.files[0]!.added).toEqual([{ line: 2, text: 'three' }]);
    expect(change.files[0]!.removed).toEqual([{ line: 2, text: 'two' }]);
  });
});

describe('unified diff paths', () => {
  it('keeps a leading folder named a or b', () => {
    const change = changeOfFiles({ 'b/c.txt': { old: 'x\n', new: 'y\n' }, 'a/d.txt': { new: 'z\n' } });
    expect(change.files.map((f) => f.path).sort()).toEqual(['a/d.txt', 'b/c.txt']);
  });
});
