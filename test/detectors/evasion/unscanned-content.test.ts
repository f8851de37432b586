import { describe, expect, it } from 'vitest';
import { githubToken } from '../../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../../helpers/repo.js';
import { gitRun, serverWithHooks } from '../../hooks/server-helpers.js';

const SMALL_LIMIT = 'settings:\n  maxFileBytes: 4096\n';

function padded(token: string): string {
  const lines = Array.from({ length: 600 }, (_, i) => `value_${i} = ${i}`);
  lines.splice(50, 0, `key = "${token}"`);
  return `${lines.join('\n')}\n`;
}

describe('secret/unscanned-content', () => {
  it('blocks an agent commit with a file too large to scan', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', SMALL_LIMIT).commit('limit');
    repo.write('data/blob.py', padded(githubToken())).commit('data', { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const finding = jsonOf(result).findings.find((f) => f.ruleId === 'secret/unscanned-content');
    expect(finding?.action).toBe('block');
    expect(finding?.file).toBe('data/blob.py');
    expect(finding?.line).toBe(0);
    expect(finding?.evidence).toBe('data/blob.py (read by secret rules only)');
  });

  it('blocks a credential in an oversized file for a human', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', SMALL_LIMIT).commit('limit');
    const token = githubToken();
    repo.write('data/blob.py', padded(token)).commit('data');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const findings = jsonOf(result).findings.filter((f) => f.ruleId === 'secret/unscanned-content');
    expect(findings.map((f) => [f.line, f.action])).toEqual([
      [0, 'warn'],
      [51, 'block'],
    ]);
    expect(result.stdout).not.toContain(token);
  });

  it('rejects a human push of an oversized file with a credential', () => {
    const { work } = serverWithHooks({ config: SMALL_LIMIT });
    const token = githubToken();
    work.write('data/blob.py', padded(token)).commit('data');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/data\/blob\.py:51 +block +secret\/unscanned-content/);
    expect(push.output).not.toContain(token);
  });

  it('warns on the same file in a human commit', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', SMALL_LIMIT).commit('limit');
    repo.write('data/blob.py', padded('not-a-secret')).commit('data');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).findings.find((f) => f.ruleId === 'secret/unscanned-content')?.action).toBe('warn');
  });

  it('rescans a file cut down from an unscanned one by renames', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', SMALL_LIMIT).commit('limit');
    const token = githubToken();
    // Short lines keep the trimmed file under the limit while git still detects a rename (over 50% similar).
    const lines = Array.from({ length: 1000 }, (_, i) => `x${i}`);
    lines.splice(50, 0, `key = "${token}"`);
    repo.write('blob0.py', `${lines.join('\n')}\n`).commit('big');
    const small = `${lines.slice(0, 600).join('\n')}\n`;
    repo.remove('blob0.py').write('blob1.py', small).commit('trim', { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    const report = jsonOf(result);
    expect(report.findings.some((f) => f.ruleId === 'secret/unscanned-content' && f.file === 'blob1.py' && f.line === 51)).toBe(true);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(token);
  });

  it('blocks an agent rename of a file too large to scan', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', SMALL_LIMIT).commit('limit');
    repo.write('data/blob.py', padded(githubToken())).commit('data');
    repo.git('mv', 'data/blob.py', 'data/moved.py');
    repo.commit('move', { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const finding = jsonOf(result).findings.find((f) => f.ruleId === 'secret/unscanned-content');
    expect(finding?.file).toBe('data/moved.py');
    expect(finding?.action).toBe('block');
  });
});
