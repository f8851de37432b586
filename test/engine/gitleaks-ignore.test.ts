import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { gitleaksRuleTargets } from '../../src/engine/gitleaks-rules.js';
import { parseGitleaksIgnore } from '../../src/engine/repo-ignores.js';
import { awsAccessKeyId, generatedSecrets, githubToken, strongToken } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';
import { gitRun, serverWithHooks } from '../hooks/server-helpers.js';

function expectNoSecretIn(output: string): void {
  for (const secret of generatedSecrets()) expect(output).not.toContain(secret);
}

/**
 * Commits `.gitleaksignore` with `entries`, then a config file whose line 2
 * contains both an AWS access key id and a GitHub token, and checks that commit.
 */
function checkWithIgnore(entries: string[]) {
  const repo = TestRepo.init();
  repo.write('.gitleaksignore', `# accepted findings\n${entries.join('\n')}\n`).commit('init');
  const line = `export const keys = ['${awsAccessKeyId()}', '${githubToken()}'];`;
  repo.write('src/keys.ts', `// fixtures\n${line}\n`).commit('add keys');
  const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
  expectNoSecretIn(result.stdout + result.stderr);
  const findings = jsonOf(result).findings.filter((f) => f.file === 'src/keys.ts');
  const byRule = new Map(findings.map((f) => [f.ruleId as string, f]));
  return { repo, result, byRule };
}

describe('gitleaks rule ids', () => {
  it('maps only to shipped secret rules', () => {
    const ours = new Set(allDetectors().filter((d) => d.meta.category === 'secret').map((d) => d.meta.id));
    for (const id of ['aws-access-token', 'github-pat', 'github-fine-grained-pat', 'gitlab-pat', 'private-key', 'slack-bot-token', 'slack-webhook-url', 'stripe-access-token', 'generic-api-key', 'jwt']) {
      const targets = gitleaksRuleTargets(id);
      expect(targets, id).not.toBeNull();
      for (const target of targets!) expect(ours.has(target), `${id} -> ${target}`).toBe(true);
    }
  });

  it('maps the named credentials', () => {
    expect(gitleaksRuleTargets('aws-access-token')).toEqual(['secret/aws-access-key']);
    expect(gitleaksRuleTargets('github-pat')).toEqual(['secret/github-token']);
    expect(gitleaksRuleTargets('github-fine-grained-pat')).toEqual(['secret/github-token']);
    expect(gitleaksRuleTargets('private-key')).toEqual(['secret/private-key']);
    expect(gitleaksRuleTargets('slack-user-token')).toEqual(['secret/slack']);
    expect(gitleaksRuleTargets('stripe-access-token')).toEqual(['secret/stripe-live-key']);
    expect(gitleaksRuleTargets('generic-api-key')).toEqual(['secret/generic-assignment', 'secret/high-entropy-value']);
  });

  it('accepts our own secret ids', () => {
    expect(gitleaksRuleTargets('secret/aws-access-key')).toEqual(['secret/aws-access-key']);
    expect(gitleaksRuleTargets('secret/private-key')).toEqual(['secret/private-key']);
  });

  it('rejects unknown and non-secret ids', () => {
    expect(gitleaksRuleTargets('made-up-rule')).toBeNull();
    expect(gitleaksRuleTargets('secret/made-up')).toBeNull();
    expect(gitleaksRuleTargets('permission/world-writable-mode')).toBeNull();
    expect(gitleaksRuleTargets('constructor')).toBeNull();
    expect(gitleaksRuleTargets('toString')).toBeNull();
    expect(gitleaksRuleTargets('')).toBeNull();
  });

  it('parses the file line of each entry', () => {
    const entries = parseGitleaksIgnore('# head\n\nabc1234:src/a:b.ts:github-pat:7\nsrc/c.ts:jwt:2\n');
    expect(entries).toEqual([
      { commit: 'abc1234', file: 'src/a:b.ts', rule: 'github-pat', line: 7, fileLine: 3 },
      { commit: undefined, file: 'src/c.ts', rule: 'jwt', line: 2, fileLine: 4 },
    ]);
  });
});

describe('.gitleaksignore rule field', () => {
  it('acknowledges only the mapped rule', () => {
    const { result, byRule } = checkWithIgnore(['src/keys.ts:github-pat:2']);
    expect(byRule.get('secret/github-token')?.suppressed?.by).toBe('.gitleaksignore');
    expect(byRule.get('secret/aws-access-key')?.suppressed).toBeUndefined();
    expect(byRule.get('secret/aws-access-key')?.action).toBe('block');
    expect(result.code).toBe(1);
  });

  it('acknowledges both with two entries', () => {
    const { result, byRule } = checkWithIgnore(['src/keys.ts:github-pat:2', 'src/keys.ts:aws-access-token:2']);
    expect(byRule.get('secret/github-token')?.suppressed?.by).toBe('.gitleaksignore');
    expect(byRule.get('secret/aws-access-key')?.suppressed?.by).toBe('.gitleaksignore');
    expect(result.code).toBe(0);
  });

  it('accepts a diff-guardian rule id', () => {
    const { byRule } = checkWithIgnore(['src/keys.ts:secret/aws-access-key:2']);
    expect(byRule.get('secret/aws-access-key')?.suppressed?.by).toBe('.gitleaksignore');
    expect(byRule.get('secret/github-token')?.suppressed).toBeUndefined();
  });

  it('warns per unknown entry, acknowledging nothing', () => {
    const { result, byRule } = checkWithIgnore(['src/keys.ts:made-up-rule:2', 'src/keys.ts:made-up-rule:2']);
    expect(result.code).toBe(1);
    expect(byRule.get('secret/github-token')?.suppressed).toBeUndefined();
    expect(byRule.get('secret/aws-access-key')?.suppressed).toBeUndefined();
    const warnings = result.stderr.split('\n').filter((l) => l.includes('made-up-rule'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('.gitleaksignore:2: entry src/keys.ts:made-up-rule:2');
    expect(warnings[0]).toContain('acknowledges nothing');
    expect(warnings[1]).toContain('.gitleaksignore:3:');
  });

  it('keeps generic-api-key for assignments', () => {
    const repo = TestRepo.init();
    repo.write('.gitleaksignore', 'app.env:generic-api-key:1\n').commit('init');
    repo.write('app.env', `API_TOKEN=${strongToken(24)}\n`).commit('add token');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const finding = jsonOf(result).findings.find((f) => f.file === 'app.env' && f.line === 1)!;
    expect(finding.suppressed.by).toBe('.gitleaksignore');
  });

  it('rejects a push on the server for an unknown id', () => {
    const { work } = serverWithHooks();
    work.write('.gitleaksignore', 'src/keys.ts:made-up-rule:1\n').commit('init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    work.write('src/keys.ts', `export const key = '${awsAccessKeyId()}';\n`).commit('add key');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expectNoSecretIn(push.output);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('remote: diff-guardian: warning: .gitleaksignore:1: entry src/keys.ts:made-up-rule:1');
    expect(push.output).toMatch(/src\/keys\.ts:1 +block +secret\/aws-access-key/);
  });

  it('accepts a push on the server for a mapped id', () => {
    const { work } = serverWithHooks();
    work.write('.gitleaksignore', 'src/keys.ts:aws-access-token:1\n').commit('init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    work.write('src/keys.ts', `export const key = '${awsAccessKeyId()}';\n`).commit('add key');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expectNoSecretIn(push.output);
    expect(push.code).toBe(0);
  });
});
