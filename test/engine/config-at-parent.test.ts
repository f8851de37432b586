import { describe, expect, it } from 'vitest';
import { awsAccessKeyId, awsSecretAccessKey } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';

function secretFile(): string {
  return `export const cfg = { accessKeyId: '${awsAccessKeyId()}', secretAccessKey: '${awsSecretAccessKey()}' };\n`;
}

const SILENCE_SECRETS = 'rules:\n  - id: secret\n    action: off\n';

describe('config selection', () => {
  it('judges a commit by its parent config, not by a config it adds', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('.diff-guardian.yml', SILENCE_SECRETS).write('src/a.ts', secretFile()).commit('silence and leak', { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = jsonOf(result);
    expect(report.findings.some((f) => f.category === 'secret' && f.action === 'block')).toBe(true);
    expect(report.findings.some((f) => f.ruleId === 'disabled-check/guardian-config-changed')).toBe(true);
  });

  it('applies a committed config to the commits after it', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', SILENCE_SECRETS).commit('config');
    repo.write('src/a.ts', secretFile()).commit('leak');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).findings.filter((f) => f.category === 'secret')).toEqual([]);
  });

  it('gives a commit its own size cap inside a range', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('.diff-guardian.yml', 'settings:\n  maxFileBytes: 4096\n').commit('limit');
    repo.write('mid.txt', `${'x = 1\n'.repeat(1100)}`).commit('data', { agent: true });
    const alone = jsonOf(runCli(repo.dir, ['check', 'HEAD', '--format', 'json']));
    for (const threads of ['1', '2']) {
      const range = jsonOf(runCli(repo.dir, ['check', 'HEAD~2..HEAD', '--format', 'json'], { env: { DIFF_GUARDIAN_THREADS: threads } }));
      const last = range.commits.at(-1)!;
      expect(last.skipped).toEqual(alone.commits[0].skipped);
      expect(last.verdict).toBe('block');
    }
    expect(alone.commits[0].skipped.map((s: { file: string }) => s.file)).toEqual(['mid.txt']);
  });

  it('ignores the working tree config for staged checks', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('.diff-guardian.yml', SILENCE_SECRETS);
    repo.write('src/a.ts', secretFile());
    repo.git('add', 'src/a.ts');
    const result = runCli(repo.dir, ['check', '--staged', '--format', 'json']);
    expect(result.code).toBe(1);
  });

  it('uses --config instead of the repository config', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('src/a.ts', secretFile()).commit('leak');
    repo.write('../outside.yml', SILENCE_SECRETS);
    const result = runCli(repo.dir, ['check', 'HEAD', '--config', '../outside.yml', '--format', 'json']);
    expect(result.code).toBe(0);
  });

  it('reports an invalid committed config with its commit and line', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', 'rules:\n  - id: secret\n    action: maybe\n').commit('bad config');
    repo.write('a.txt', 'x\n').commit('next');
    const result = runCli(repo.dir, ['check', 'HEAD']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/[0-9a-f]{12}:\.diff-guardian\.yml:3:13: \/rules\/0\/action must be one of/);
  });

  it('blocks the commit that makes the config invalid', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    repo.write('.diff-guardian.yml', 'rules:\n  - id: secret\n    actoin: warn\n');
    repo.git('add', '-A');
    const result = runCli(repo.dir, ['hook', 'pre-commit']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('disabled-check/guardian-config-invalid');
    expect(result.stderr).toContain('actoin is not a known field');
  });

  it('checks every commit of a range and takes the strongest verdict', () => {
    const repo = TestRepo.init();
    const base = repo.write('README.md', '# demo\n').commit('init');
    repo.write('src/a.ts', secretFile()).commit('leak', { agent: true });
    repo.write('src/a.ts', 'export const cfg = {};\n').commit('remove leak', { agent: true });
    const result = runCli(repo.dir, ['check', `${base}..HEAD`, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = jsonOf(result);
    expect(report.commits).toHaveLength(2);
    expect(report.commits[0]!.verdict).toBe('block');
    expect(report.commits[1]!.verdict).toBe('allow');
  });
});
