import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acknowledgeAdvice } from '../../src/hooks/advice.js';
import { jsonErrorReason } from '../../src/gate/payload.js';
import { generatedSecrets, githubToken } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo, type CliResult } from '../helpers/repo.js';

function baseRepo(config?: string): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n');
  if (config !== undefined) repo.write('.diff-guardian.yml', config);
  repo.commit('init');
  return repo;
}

function gate(repo: TestRepo, payload: unknown, args: string[] = []): CliResult {
  return runCli(repo.dir, ['gate', '--no-log', ...args], { input: JSON.stringify(payload) });
}

function expectNoSecret(result: CliResult): void {
  for (const secret of generatedSecrets()) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

interface GenericReport {
  decision: string;
  reason: string;
  findings: Array<{ ruleId: string; action: string; file: string }>;
}

function reportOf(result: CliResult): GenericReport {
  return JSON.parse(result.stdout) as GenericReport;
}

function blockingRules(findings: Array<{ ruleId: string; action: string }>): string[] {
  return [...new Set(findings.filter((f) => f.action === 'block').map((f) => f.ruleId))].sort();
}

describe('gate JSON parse errors', () => {
  it('quotes no input that starts with a token', () => {
    const repo = baseRepo();
    const token = githubToken();
    const result = runCli(repo.dir, ['gate', '--protocol', 'generic'], { input: token });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stdin is not valid JSON (unexpected character)');
    expect(result.stderr).not.toContain(token.slice(0, 5));
  });

  it('quotes no input in a Claude Code denial', () => {
    const repo = baseRepo();
    const token = githubToken();
    const result = runCli(repo.dir, ['gate', '--protocol', 'claude-code'], { input: `${token} {` });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"permissionDecision":"deny"');
    expect(result.stdout).not.toContain(token.slice(0, 5));
  });

  it('names the kind and position of the failure', () => {
    const cases: Array<[string, string]> = [
      ['', 'the input is empty'],
      ['{"path":', 'the input ends inside a value'],
      ['{"path" 1}', 'unexpected character at position 8'],
    ];
    for (const [input, reason] of cases) {
      let error: unknown;
      try {
        JSON.parse(input);
      } catch (caught) {
        error = caught;
      }
      expect(jsonErrorReason(input, error)).toBe(reason);
    }
  });
});

describe('gate on a credential in a file name', () => {
  it('denies a new file given with empty old content', () => {
    const repo = baseRepo();
    const token = githubToken();
    const result = gate(repo, { path: `src/${token}.js`, old: '', new: 'x\n' });
    expect(result.code).toBe(1);
    const report = reportOf(result);
    expect(report.decision).toBe('deny');
    expect(blockingRules(report.findings)).toContain('secret/secret-in-path');
    expectNoSecret(result);
  });

  it('blocks the same rules as the commit of that file', () => {
    const repo = baseRepo();
    const token = githubToken();
    const answer = gate(repo, { path: `src/${token}.js`, old: '', new: 'export const x = 1;\n' });
    repo.write(`src/${token}.js`, 'export const x = 1;\n').commit('add file', { agent: true });
    const check = runCli(repo.dir, ['check', '--format', 'json', 'HEAD']);
    expect(check.code).toBe(1);
    expect(blockingRules(reportOf(answer).findings)).toEqual(blockingRules(jsonOf(check).findings as GenericReport['findings']));
    expectNoSecret(answer);
    expectNoSecret(check);
  });

  it('denies an edit of an untracked file', () => {
    const repo = baseRepo();
    const token = githubToken();
    repo.write(`src/${token}.js`, 'export const x = 1;\n');
    const payload = {
      hook_event_name: 'PreToolUse',
      cwd: repo.dir,
      tool_name: 'Edit',
      tool_input: { file_path: join(repo.dir, 'src', `${token}.js`), old_string: 'x = 1', new_string: 'x = 2' },
    };
    const result = gate(repo, payload);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"permissionDecision":"deny"');
    expect(result.stdout).toContain('secret/secret-in-path');
    expectNoSecret(result);
  });

  it('allows an edit of a tracked file, as the commit does', () => {
    const repo = baseRepo();
    const token = githubToken();
    repo.write(`src/${token}.js`, 'export const x = 1;\n').commit('add file');
    const result = gate(repo, { path: `src/${token}.js`, new: 'export const x = 2;\n' });
    expect(result.code).toBe(0);
    expect(reportOf(result).findings.map((f) => f.ruleId)).not.toContain('secret/secret-in-path');
    repo.write(`src/${token}.js`, 'export const x = 2;\n').commit('edit file', { agent: true });
    const check = runCli(repo.dir, ['check', '--format', 'json', 'HEAD']);
    expect(check.code).toBe(0);
    expectNoSecret(result);
  });
});

describe('gate on a command that names a file', () => {
  const commands: Array<[string, (name: string) => string]> = [
    ['git mv', (name) => `git mv README.md src/${name}.js`],
    ['mv', (name) => `mv README.md ${name}.md`],
    ['touch', (name) => `touch ${name}.txt`],
    ['a redirect', (name) => `echo hello > logs/${name}.log`],
    ['cp into a folder', (name) => `mkdir -p ${name} && cp README.md ${name}/`],
  ];

  for (const [label, commandOf] of commands) {
    it(`checks the path created by ${label}`, () => {
      const repo = baseRepo();
      const token = githubToken();
      const result = gate(repo, { command: commandOf(token) });
      expect(result.code).toBe(1);
      expect(blockingRules(reportOf(result).findings)).toContain('secret/secret-in-path');
      expectNoSecret(result);
    });
  }

  it('skips a path HEAD already has', () => {
    const repo = baseRepo();
    const token = githubToken();
    repo.write(`src/${token}.js`, 'export const x = 1;\n').commit('add file');
    const result = gate(repo, { command: `echo '// more' >> src/${token}.js` });
    expect(reportOf(result).findings.map((f) => f.ruleId)).not.toContain('secret/secret-in-path');
    expectNoSecret(result);
  });

  it('skips a path outside the project', () => {
    const repo = baseRepo();
    const token = githubToken();
    const result = gate(repo, { command: `touch /tmp/${token}.txt` });
    expect(reportOf(result).findings.map((f) => f.ruleId)).not.toContain('secret/secret-in-path');
    expectNoSecret(result);
  });
});

describe('gate advice on acknowledging', () => {
  const chmodCommand = { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'chmod 777 x' } };

  it('names the allowlist like the hooks', () => {
    const repo = baseRepo();
    const result = gate(repo, { ...chmodCommand, cwd: repo.dir });
    const reason = JSON.parse(result.stdout).hookSpecificOutput.permissionDecisionReason as string;
    expect(reason).toContain(acknowledgeAdvice().join(' '));
    expect(reason).toContain('.diff-guardian-allowlist.yml');
    expect(reason).not.toContain('acknowledge its fingerprint in .diff-guardian.yml');
  });

  it('names the allowlist file the config sets', () => {
    const repo = baseRepo('settings:\n  allowlistFile: security/allowlist.yml\n');
    const result = gate(repo, { ...chmodCommand, cwd: repo.dir });
    const reason = JSON.parse(result.stdout).hookSpecificOutput.permissionDecisionReason as string;
    expect(reason).toContain('fingerprint in security/allowlist.yml, committed and pushed');
  });
});
