import { describe, expect, it } from 'vitest';
import { awsAccessKeyId, awsSecretAccessKey } from './helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from './helpers/repo.js';

function awsFile(keyId: string, secret: string): string {
  return [
    "import { S3Client } from '@aws-sdk/client-s3';",
    '',
    'export const s3 = new S3Client({',
    '  credentials: {',
    `    accessKeyId: '${keyId}',`,
    `    secretAccessKey: '${secret}',`,
    '  },',
    '});',
    '',
  ].join('\n');
}

describe('check command', () => {
  it('blocks an agent commit with an AWS key pair', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const keyId = awsAccessKeyId();
    const secret = awsSecretAccessKey();
    repo.write('src/s3.ts', awsFile(keyId, secret)).commit('connect to s3', { agent: true });

    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = jsonOf(result);
    expect(report.verdict).toBe('block');
    expect(report.commits[0]!.agent.agent).toBe(true);
    const secretFindings = report.findings.filter((f) => f.category === 'secret');
    expect(secretFindings.length).toBeGreaterThan(0);
    expect(secretFindings.every((f) => f.file === 'src/s3.ts')).toBe(true);
    expect(secretFindings.some((f) => f.line === 6)).toBe(true);
    for (const output of [result.stdout, result.stderr]) {
      expect(output).not.toContain(keyId);
      expect(output).not.toContain(secret);
    }
  });

  it('blocks the same change when staged', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const keyId = awsAccessKeyId();
    const secret = awsSecretAccessKey();
    repo.write('src/s3.ts', awsFile(keyId, secret)).stage();

    const result = runCli(repo.dir, ['check', '--staged', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(jsonOf(result).verdict).toBe('block');
    expect(result.stdout + result.stderr).not.toContain(secret);
    expect(result.stdout + result.stderr).not.toContain(keyId);
  });

  it('checks staged files before the first commit', () => {
    const repo = TestRepo.init();
    repo.write('src/s3.ts', awsFile(awsAccessKeyId(), awsSecretAccessKey())).stage();
    const result = runCli(repo.dir, ['check', '--staged', '--format', 'json']);
    expect(result.code).toBe(1);
  });

  it('allows a clean commit', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('src/add.ts', 'export const add = (a: number, b: number) => a + b;\n').commit('add helper');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).verdict).toBe('allow');
  });

  it('exits 2 on an unknown config field', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('guardian.yml', 'rules:\n  - id: secret\n    actoin: block\n');
    const result = runCli(repo.dir, ['check', 'HEAD', '--config', 'guardian.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('guardian.yml:3');
    expect(result.stderr).toContain('actoin');
  });

  it('exits 2 on an unknown commit', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const result = runCli(repo.dir, ['check', 'no-such-branch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-branch');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
