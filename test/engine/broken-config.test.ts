import { describe, expect, it } from 'vitest';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun, installServerHooks, serverWithHooks } from '../hooks/server-helpers.js';

const RULE = 'disabled-check/guardian-config-invalid';
const TEAM_PACK = 'rules:\n  - id: secret\n    action: block\n';
const MISSING = 'extends: [default, ./packs/missing.yml]\n';

/** Commits `base` files, then `change` files, and returns the JSON report of checking the second commit. */
function checkSecondCommit(base: Record<string, string | Buffer>, change: Record<string, string | Buffer>) {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n');
  for (const [path, content] of Object.entries(base)) repo.write(path, content);
  repo.commit('base');
  for (const [path, content] of Object.entries(change)) repo.write(path, content);
  repo.commit('change');
  return runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
}

describe('guardian-config-invalid in a real repository', () => {
  const flag: Array<{ name: string; base?: Record<string, string | Buffer>; change: Record<string, string>; file: string; error: string }> = [
    { name: 'missing extends path', change: { '.diff-guardian.yml': MISSING }, file: '.diff-guardian.yml', error: 'was not found' },
    { name: 'pack outside the repository', change: { '.diff-guardian.yml': 'extends: [../outside.yml]\n' }, file: '.diff-guardian.yml', error: 'outside the repository' },
    { name: 'absolute pack path', change: { '.diff-guardian.yml': 'extends: [/etc/team.yml]\n' }, file: '.diff-guardian.yml', error: 'absolute path' },
    {
      name: 'extends cycle in the tree',
      base: { 'packs/a.yml': 'extends: [./b.yml]\n', 'packs/b.yml': 'extends: [./a.yml]\n' },
      change: { '.diff-guardian.yml': 'extends: [default, ./packs/a.yml]\n' },
      file: '.diff-guardian.yml',
      error: 'cycle',
    },
    { name: 'directory in the tree', base: { 'packs/team/a.yml': TEAM_PACK }, change: { '.diff-guardian.yml': 'extends: [./packs/team]\n' }, file: '.diff-guardian.yml', error: 'is a directory' },
    { name: 'directory the commit adds', change: { '.diff-guardian.yml': 'extends: [./packs/team]\n', 'packs/team/a.yml': TEAM_PACK }, file: '.diff-guardian.yml', error: 'is a directory' },
    { name: 'binary pack in the tree', base: { 'packs/team.yml': Buffer.from([0x72, 0x75, 0x00, 0x01, 0x02, 0x0a]) }, change: { '.diff-guardian.yml': 'extends: [./packs/team.yml]\n' }, file: '.diff-guardian.yml', error: 'binary' },
    {
      name: 'pack edit that closes a cycle',
      base: { '.diff-guardian.yml': 'extends: [default, ./packs/a.yml]\n', 'packs/a.yml': TEAM_PACK },
      change: { 'packs/a.yml': 'extends: [./a.yml]\n' },
      file: 'packs/a.yml',
      error: 'cycle',
    },
    {
      name: 'pack edit that extends a missing path',
      base: { '.diff-guardian.yml': 'extends: [default, ./packs/a.yml]\n', 'packs/a.yml': TEAM_PACK },
      change: { 'packs/a.yml': 'extends: [./gone.yml]\n' },
      file: 'packs/a.yml',
      error: 'was not found',
    },
  ];
  for (const { name, base, change, file, error } of flag) {
    it(`flags ${name}`, () => {
      const result = checkSecondCommit(base ?? {}, change);
      expect(result.code).toBe(1);
      const findings = jsonOf(result).findings.filter((f) => f.ruleId === RULE);
      expect(findings.map((f) => f.file)).toEqual([file]);
      expect(findings[0]!.action).toBe('block');
      expect(findings[0]!.message).toContain(error);
    });
  }

  const pass: Array<{ name: string; base?: Record<string, string>; change: Record<string, string> }> = [
    { name: 'pack the tree contains', base: { 'packs/team.yml': TEAM_PACK }, change: { '.diff-guardian.yml': 'extends: [default, ./packs/team.yml]\n' } },
    { name: 'pack in a subfolder path', base: { 'packs/team.yml': TEAM_PACK }, change: { '.diff-guardian.yml': 'extends: [default, ./packs/../packs/team.yml]\n' } },
    { name: 'missing pack added with it', change: { '.diff-guardian.yml': MISSING, 'packs/missing.yml': TEAM_PACK } },
    { name: 'config deleted with its pack', base: { '.diff-guardian.yml': 'extends: [default, ./packs/a.yml]\n', 'packs/a.yml': TEAM_PACK }, change: {} },
  ];
  for (const { name, base, change } of pass) {
    it(`passes ${name}`, () => {
      const repo = TestRepo.init();
      repo.write('README.md', '# demo\n');
      for (const [path, content] of Object.entries(base ?? {})) repo.write(path, content);
      repo.commit('base');
      if (Object.keys(change).length === 0) repo.remove('.diff-guardian.yml').remove('packs');
      for (const [path, content] of Object.entries(change)) repo.write(path, content);
      repo.commit('change');
      const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
      expect(result.stderr).toBe('');
      expect(jsonOf(result).findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    });
  }
});

/** Creates a repository with the client hooks and a committed config that extends a path no commit contains. */
function repoWithBrokenConfig(): { repo: TestRepo; broken: string } {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
  repo.write('.diff-guardian.yml', MISSING);
  const broken = repo.commit('extend a missing pack');
  return { repo, broken };
}

function hookCommit(repo: TestRepo, message: string) {
  repo.stage();
  return gitRun(repo.dir, ['commit', '-q', '-m', message]);
}

describe('config that does not load at the base', () => {
  it('pre-commit blocks the commit that breaks it', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
    repo.write('.diff-guardian.yml', MISSING);
    const result = hookCommit(repo, 'extend a missing pack');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(RULE);
    expect(result.output).toContain('packs/missing.yml');
  });

  it('pre-commit fails closed on other commits', () => {
    const { repo, broken } = repoWithBrokenConfig();
    repo.write('a.txt', 'one\n');
    const result = hookCommit(repo, 'add a');
    expect(result.code).not.toBe(0);
    expect(repo.head()).toBe(broken);
    expect(result.output).toContain(`${broken.slice(0, 12)}:.diff-guardian.yml: pack "./packs/missing.yml" in extends was not found`);
    expect(result.output).toContain('in a commit of its own');

    const check = runCli(repo.dir, ['check', '--staged']);
    expect(check.code).toBe(2);
  });

  for (const [name, repair] of [
    ['adds the missing pack', (repo: TestRepo) => repo.write('packs/missing.yml', TEAM_PACK)],
    ['fixes the config', (repo: TestRepo) => repo.write('.diff-guardian.yml', 'extends: [default]\n')],
    ['removes the config', (repo: TestRepo) => repo.remove('.diff-guardian.yml')],
  ] as const) {
    it(`pre-commit judges a commit that ${name}`, () => {
      const { repo, broken } = repoWithBrokenConfig();
      repair(repo);
      const result = hookCommit(repo, 'repair the config');
      expect(result.code).toBe(0);
      expect(repo.head()).not.toBe(broken);
      const warnings = result.output.split('\n').filter((line) => line.includes('does not load'));
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings[0]).toContain('packs/missing.yml');
      expect(warnings[0]).toContain('built-in default packs');

      // The repaired config judges the next commit without a warning.
      repo.write('a.txt', 'one\n');
      const next = hookCommit(repo, 'add a');
      expect(next.code).toBe(0);
      expect(next.output).not.toContain('does not load');
    });
  }

  it('judges the rest of a repair', () => {
    const { repo } = repoWithBrokenConfig();
    repo.write('packs/missing.yml', TEAM_PACK);
    repo.write('deploy.sh', '#!/bin/sh\nchmod 777 /srv/app\n');
    repo.commit('repair and loosen');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.stderr).toContain('does not load');
    const rules = jsonOf(result).findings.map((f) => f.ruleId);
    expect(rules.some((id) => id.startsWith('permission/'))).toBe(true);
  });

  it('range check fails closed on other commits', () => {
    const { repo, broken } = repoWithBrokenConfig();
    repo.write('a.txt', 'one\n');
    repo.commit('add a');
    const result = runCli(repo.dir, ['check', `${broken}..HEAD`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('in a commit of its own');
  });

  it('pre-receive rejects the break and accepts the repair', () => {
    const { bare, work } = serverWithHooks({ install: false });
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    installServerHooks(bare);

    work.write('.diff-guardian.yml', MISSING);
    const broken = work.commit('extend a missing pack');
    const rejected = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(rejected.code).not.toBe(0);
    expect(rejected.output).toContain(RULE);

    // Once the broken commit is on the server (pushed before the hooks were installed),
    // the commit that repairs it is pushed like any other.
    const fresh = serverWithHooks({ install: false });
    fresh.work.git('fetch', '-q', work.dir, 'main');
    fresh.work.git('reset', '-q', '--hard', broken);
    expect(gitRun(fresh.work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    installServerHooks(fresh.bare);
    fresh.work.write('packs/missing.yml', TEAM_PACK);
    fresh.work.commit('add the missing pack');
    const accepted = gitRun(fresh.work.dir, ['push', 'origin', 'main']);
    expect(accepted.code).toBe(0);
  });
});
