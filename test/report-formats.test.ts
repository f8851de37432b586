import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsAccessKeyId, awsSecretAccessKey } from './helpers/secrets.js';
import { runCli, TestRepo } from './helpers/repo.js';

function leakyRepo(): { repo: TestRepo; secrets: string[] } {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  const secrets = [awsAccessKeyId(), awsSecretAccessKey()];
  repo.write('src/s3.ts', `const id = '${secrets[0]}';\nconst secretAccessKey = '${secrets[1]}';\n`).commit('leak', { agent: true });
  return { repo, secrets };
}

describe('report formats', () => {
  it('writes SARIF 2.1.0 with fingerprints and locations', () => {
    const { repo, secrets } = leakyRepo();
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('diff-guardian');
    expect(run.results.length).toBeGreaterThan(0);
    const first = run.results[0];
    expect(first.level).toBe('error');
    expect(first.partialFingerprints['diffGuardian/v1']).toMatch(/^[0-9a-f]{16}$/);
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe('src/s3.ts');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain(first.ruleId);
    for (const secret of secrets) expect(result.stdout).not.toContain(secret);
  });

  it('prints text without colour under NO_COLOR', () => {
    const { repo } = leakyRepo();
    const result = runCli(repo.dir, ['check', 'HEAD'], { env: { NO_COLOR: '1', FORCE_COLOR: '' } });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stdout).toContain('src/s3.ts');
    expect(result.stdout).toMatch(/BLOCK: 1 of 1 commit\(s\) blocked; findings: \d+ blocking/);
  });

  it('colours text when forced', () => {
    const { repo } = leakyRepo();
    const result = runCli(repo.dir, ['check', 'HEAD'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(result.stdout).toMatch(/\u001b\[/);
  });

  it('writes the report to --output and keeps the exit code', () => {
    const { repo } = leakyRepo();
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json', '--output', 'report.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(repo.path('report.json'), 'utf8')).verdict).toBe('block');
  });

  it('rejects an unknown format with exit 2', () => {
    const { repo } = leakyRepo();
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid --format "xml": use text, json or sarif');
  });

  it('prints help with the exit codes', () => {
    const result = runCli(process.cwd(), ['check', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit status:');
    expect(result.stdout).toContain('1  blocked');
  });

  it('rejects an unknown option with exit 2', () => {
    const result = runCli(process.cwd(), ['check', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--frobnicate'");
  });

  it('rejects a path outside a repository with exit 2', () => {
    const result = runCli('/', ['check', 'HEAD']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not inside a git repository');
  });
});
