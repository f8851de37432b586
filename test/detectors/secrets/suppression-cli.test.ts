import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE62, generatedSecrets, randomFrom, remember, strongToken } from '../../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../../helpers/repo.js';

const CHANGELOG_HEAD = '# Changelog\n\n';
const dsn = (password: string) => `DATABASE_URL=postgresql://demo:${password}@localhost:5433/demo_test`;

function expectNoSecretIn(output: string): void {
  for (const secret of generatedSecrets()) expect(output).not.toContain(secret);
}

/** Builds a repository whose CHANGELOG.md documents a test DSN, and returns the DSN finding's fingerprint. */
function repoWithDocumentedDsn(): { repo: TestRepo; fingerprint: string } {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  const filler = Array.from({ length: 36 }, (_, i) => `- change ${i}`).join('\n');
  repo.write('CHANGELOG.md', `${CHANGELOG_HEAD}${filler}\n\n${dsn('demo')}\n`).commit('document the test database');
  const report = jsonOf(runCli(repo.dir, ['check', 'HEAD', '--format', 'json']));
  const finding = report.findings.find((f) => f.file === 'CHANGELOG.md');
  expect(finding).toBeDefined();
  return { repo, fingerprint: finding!.fingerprint as string };
}

function allowlist(fingerprint: string, expires: string): string {
  return [
    'entries:',
    `  - fingerprint: ${fingerprint}`,
    '    path: CHANGELOG.md',
    '    reason: documented test database on localhost',
    '    approvedBy: security@example.com',
    `    expires: ${expires}`,
    '',
  ].join('\n');
}

function insertReleaseNotes(repo: TestRepo, extra = ''): void {
  const current = readFileSync(repo.path('CHANGELOG.md'), 'utf8');
  repo.write('CHANGELOG.md', `## 1.8.0\n- fix a\n- fix b\n\n${current}${extra}`);
}


describe('allowlist file', () => {
  it('keeps a finding acknowledged after lines are inserted above it', () => {
    const { repo, fingerprint } = repoWithDocumentedDsn();
    repo.write('.diff-guardian-allowlist.yml', allowlist(fingerprint, '2999-12-31')).commit('acknowledge the test DSN');
    insertReleaseNotes(repo);
    const edited = repo.git('show', 'HEAD:CHANGELOG.md');
    repo.commit('release notes 1.8.0');
    const result = runCli(repo.dir, ['check', 'HEAD~1..HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = jsonOf(result);
    expect(report.verdict).toBe('allow');
    expect(repo.git('show', 'HEAD~1:.diff-guardian-allowlist.yml')).toBe(allowlist(fingerprint, '2999-12-31'));
    void edited;
  });

  it('shows an acknowledged finding when the file is re-added', () => {
    const { repo, fingerprint } = repoWithDocumentedDsn();
    repo.write('.diff-guardian-allowlist.yml', allowlist(fingerprint, '2999-12-31')).commit('acknowledge the test DSN');
    repo.remove('CHANGELOG.md').commit('drop changelog');
    repo.git('checkout', 'HEAD~1', '--', 'CHANGELOG.md');
    insertReleaseNotes(repo);
    repo.commit('restore changelog with 1.8.0 notes');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const finding = jsonOf(result).findings.find((f) => f.file === 'CHANGELOG.md')!;
    expect(finding.line).toBe(44);
    expect(finding.suppressed.by).toContain('.diff-guardian-allowlist.yml');
    expect(finding.suppressed.by).toContain('security@example.com');
    const text = runCli(repo.dir, ['check', 'HEAD']);
    expect(text.stdout).toContain('acknowledged');
  });

  it('blocks only the second DSN with another password', () => {
    const { repo, fingerprint } = repoWithDocumentedDsn();
    repo.write('.diff-guardian-allowlist.yml', allowlist(fingerprint, '2999-12-31')).commit('acknowledge the test DSN');
    repo.remove('CHANGELOG.md').commit('drop changelog');
    repo.git('checkout', 'HEAD~1', '--', 'CHANGELOG.md');
    const second = remember(strongToken(16));
    insertReleaseNotes(repo, `${dsn(second)}\n`);
    repo.commit('restore changelog');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const findings = jsonOf(result).findings.filter((f) => f.file === 'CHANGELOG.md');
    expect(findings.map((f) => f.action)).toEqual(['allow', 'block']);
    expectNoSecretIn(result.stdout + result.stderr);
  });

  it('stops suppressing after the expiry date and says so', () => {
    const { repo, fingerprint } = repoWithDocumentedDsn();
    repo.write('.diff-guardian-allowlist.yml', allowlist(fingerprint, '2020-01-31')).commit('acknowledge the test DSN');
    repo.remove('CHANGELOG.md').commit('drop changelog');
    repo.git('checkout', 'HEAD~1', '--', 'CHANGELOG.md');
    repo.commit('restore changelog');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const finding = jsonOf(result).findings.find((f) => f.file === 'CHANGELOG.md')!;
    expect(finding.suppressed).toBeUndefined();
    expect(finding.message).toContain('expired on 2020-01-31');
  });

  it('ignores an invalid allowlist with a warning', () => {
    const { repo, fingerprint } = repoWithDocumentedDsn();
    const text = allowlist(fingerprint, '2999-12-31').replace(/ {4}approvedBy: .*\n/, '');
    repo.write('.diff-guardian-allowlist.yml', text).commit('acknowledge');
    repo.remove('CHANGELOG.md').commit('drop changelog');
    repo.git('checkout', 'HEAD~1', '--', 'CHANGELOG.md');
    repo.commit('restore changelog');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.stderr).toContain('/entries/0/approvedBy is missing');
    expect(result.stderr).toContain('the allowlist is ignored');
    const finding = jsonOf(result).findings.find((f) => f.file === 'CHANGELOG.md')!;
    expect(finding.suppressed).toBeUndefined();
  });

  it('ignores an allowlist with an impossible expiry date', () => {
    const { repo, fingerprint } = repoWithDocumentedDsn();
    repo.write('.diff-guardian-allowlist.yml', allowlist(fingerprint, '2027-02-30')).commit('acknowledge');
    repo.remove('CHANGELOG.md').commit('drop changelog');
    repo.git('checkout', 'HEAD~1', '--', 'CHANGELOG.md');
    repo.commit('restore changelog');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.stderr).toContain('/entries/0/expires must be a date');
    const finding = jsonOf(result).findings.find((f) => f.file === 'CHANGELOG.md')!;
    expect(finding.suppressed).toBeUndefined();
  });

  it('masks a credential pasted into an allowlist field', () => {
    const { repo } = repoWithDocumentedDsn();
    const token = remember(strongToken(40));
    repo.write('.diff-guardian-allowlist.yml', allowlist(token, '2999-12-31')).commit('acknowledge');
    repo.write('a.txt', 'a\n').commit('next');
    const result = runCli(repo.dir, ['check', 'HEAD']);
    expect(result.stderr).toContain('/entries/0/fingerprint must be 16 lower-case hex digits');
    expect(result.stderr).not.toContain(token);
  });

  it('reads an unquoted fingerprint of digits as text', () => {
    const { repo } = repoWithDocumentedDsn();
    repo.write('.diff-guardian-allowlist.yml', allowlist('0123456789012345', '2999-12-31')).commit('acknowledge');
    repo.write('a.txt', 'a\n').commit('next');
    const result = runCli(repo.dir, ['check', 'HEAD']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('reads the file named by settings.allowlistFile', () => {
    const { repo, fingerprint } = repoWithDocumentedDsn();
    repo.write('.diff-guardian.yml', 'settings:\n  allowlistFile: security/allowlist.yml\n');
    repo.write('security/allowlist.yml', allowlist(fingerprint, '2999-12-31')).commit('acknowledge');
    repo.remove('CHANGELOG.md').commit('drop changelog');
    repo.git('checkout', 'HEAD~1', '--', 'CHANGELOG.md');
    repo.commit('restore changelog');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
  });
});

describe('ignore files of other scanners', () => {
  it('reads .gitleaksignore from the base commit only', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const secret = remember(strongToken(24));
    repo.write('app.env', `API_TOKEN=${secret}\n`).commit('add token');
    const sha = repo.head();
    repo.write('.gitleaksignore', `# accepted\n${sha}:app.env:generic-api-key:1\n`).commit('ignore');
    const result = runCli(repo.dir, ['check', `${sha}`, '--format', 'json']);
    // The ignore file is read from the commit's parent, which predates it.
    expect(result.code).toBe(1);
  });

  it('honours .gitleaksignore at the base without a commit id', () => {
    const repo = TestRepo.init();
    repo.write('.gitleaksignore', 'app.env:generic-api-key:1\n').commit('init');
    repo.write('app.env', `API_TOKEN=${remember(strongToken(24))}\n`).commit('add token');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const finding = jsonOf(result).findings.find((f) => f.line === 1)!;
    expect(finding.suppressed.by).toBe('.gitleaksignore');
  });

  it('honours .secretlintignore globs', () => {
    const repo = TestRepo.init();
    repo.write('.secretlintignore', '# fixtures\nfixtures/\n!fixtures/keep.env\n').commit('init');
    repo.write('fixtures/one.env', `API_TOKEN=${remember(strongToken(24))}\n`);
    repo.write('fixtures/keep.env', `API_TOKEN=${remember(strongToken(24))}\n`).commit('add fixtures');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const byFile = Object.fromEntries(jsonOf(result).findings.map((f) => [f.file, f.action]));
    expect(byFile['fixtures/one.env']).toBe('allow');
    expect(byFile['fixtures/keep.env']).toBe('block');
  });
});

describe('secrets through the CLI', () => {
  it('scans a file whose name is not valid UTF-8 and reports it escaped', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const name = Buffer.concat([Buffer.from(join(repo.dir, 'raw_')), Buffer.from([0xff]), Buffer.from('.cfg')]);
    writeFileSync(name, `token = "${remember(strongToken(18))}"\n`);
    repo.commit('add client');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const finding = jsonOf(result).findings.find((f) => f.category === 'secret')!;
    expect(finding.file).toBe('raw_\\377.cfg');
    expect(finding.line).toBe(1);
  });

  it('redacts CRLF, Latin-1 and message secrets', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const crlf = remember(strongToken(24));
    const latin1 = remember(strongToken(24));
    const inMessage = remember(`ghp_${randomFrom(BASE62, 36)}`);
    repo.write('win.ini', `[db]\r\npassword = ${crlf}\r\n`);
    repo.write('legacy.properties', Buffer.from(`# caf\xe9\napi.secret=${latin1}\n`, 'latin1'));
    repo.commit(`add settings\n\napi_key=${remember(strongToken(24))} ${inMessage}`);
    for (const format of ['text', 'json', 'sarif']) {
      const result = runCli(repo.dir, ['check', 'HEAD', '--format', format]);
      expect(result.code).toBe(1);
      expectNoSecretIn(result.stdout + result.stderr);
    }
    const findings = jsonOf(runCli(repo.dir, ['check', 'HEAD', '--format', 'json'])).findings;
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(
      expect.arrayContaining(['win.ini:2', 'legacy.properties:2', '<commit-message>:3']),
    );
    for (const finding of findings) {
      expect(finding.evidence).toMatch(/redacted \d+ chars/);
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('accepts an inline allow comment with a reason', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const value = remember(strongToken(24));
    repo.write('test/login.py', `password = "${value}"  # diff-guardian: allow secret/generic-assignment -- test account on the local stub\n`).commit('test');
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).findings[0]!.suppressed.reason).toBe('test account on the local stub');
  });
});
