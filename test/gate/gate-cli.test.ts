import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsAccessKeyId, awsSecretAccessKey as anyAwsSecretAccessKey, generatedSecrets, githubToken } from '../helpers/secrets.js';
import { CLI, runCli, TestRepo, type CliResult } from '../helpers/repo.js';

// NOTE: secretlint 13's AWS rule misses a secret access key that starts or ends
// with `/` or `+` (about 2 in 100 generated keys), so tests that need a finding
// draw keys until both ends are alphanumeric.
function awsSecretAccessKey(): string {
  for (;;) {
    const key = anyAwsSecretAccessKey();
    if (/^[A-Za-z0-9]/.test(key) && /[A-Za-z0-9]$/.test(key)) return key;
  }
}

const TEST_FILE = [
  "import { describe, expect, it } from 'vitest';",
  "import { add } from '../src/add.js';",
  '',
  "describe('add', () => {",
  "  it('adds two numbers', () => {",
  '    expect(add(1, 2)).toBe(3);',
  '  });',
  '});',
  '',
].join('\n');

function awsConfig(): string {
  return [
    "import { S3Client } from '@aws-sdk/client-s3';",
    '',
    'export const s3 = new S3Client({',
    '  credentials: {',
    `    accessKeyId: '${awsAccessKeyId()}',`,
    `    secretAccessKey: '${awsSecretAccessKey()}',`,
    '  },',
    '});',
    '',
  ].join('\n');
}

/** Creates a repository with a source file and its test, committed. */
function projectRepo(config?: string): TestRepo {
  const repo = TestRepo.init();
  repo.write('package.json', '{ "name": "demo", "type": "module" }\n');
  repo.write('src/add.ts', 'export const add = (a: number, b: number) => a + b;\n');
  repo.write('test/add.test.ts', TEST_FILE);
  if (config !== undefined) repo.write('.diff-guardian.yml', config);
  repo.commit('init');
  return repo;
}

/** Builds a PreToolUse hook input shaped like the one Claude Code sends. */
function hookInput(repo: TestRepo, tool: string, toolInput: Record<string, unknown>, sessionId = randomUUID()): string {
  return JSON.stringify({
    session_id: sessionId,
    transcript_path: join(repo.dir, '.transcripts', `${sessionId}.jsonl`),
    cwd: repo.dir,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: toolInput,
    tool_use_id: `toolu_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
  });
}

function gate(repo: TestRepo, input: string, args: string[] = []): CliResult {
  return runCli(repo.dir, ['gate', ...args], { input });
}

interface HookOutput {
  hookSpecificOutput?: { hookEventName: string; permissionDecision: string; permissionDecisionReason: string };
  systemMessage?: string;
}

function hookOutputOf(result: CliResult): HookOutput {
  expect(result.code).toBe(0);
  return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as HookOutput);
}

function expectDenied(result: CliResult, ruleId: string): string {
  const output = hookOutputOf(result);
  expect(output.hookSpecificOutput?.hookEventName, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe('PreToolUse');
  expect(output.hookSpecificOutput?.permissionDecision).toBe('deny');
  const reason = output.hookSpecificOutput!.permissionDecisionReason;
  expect(reason).toContain(ruleId);
  return reason;
}

function auditLog(repo: TestRepo): Array<Record<string, any>> {
  const path = join(repo.dir, '.git', 'diff-guardian', 'gate.log');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

function expectNoSecretIn(...texts: string[]): void {
  for (const secret of generatedSecrets()) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}

describe('gate with Claude Code hook input', () => {
  it('denies a Write that adds a secret', () => {
    const repo = projectRepo();
    const result = gate(repo, hookInput(repo, 'Write', { file_path: repo.path('src/s3.ts'), content: awsConfig() }));
    const reason = expectDenied(result, 'secret/');
    expect(reason).toContain('src/s3.ts:');
    const log = readFileSync(repo.path('.git/diff-guardian/gate.log'), 'utf8');
    expectNoSecretIn(result.stdout, result.stderr, log);
    expect(existsSync(repo.path('src/s3.ts'))).toBe(false);
  });

  it('masks a token given as session id in the log', () => {
    const repo = projectRepo();
    const token = githubToken();
    const input = { ...JSON.parse(hookInput(repo, 'Bash', { command: 'chmod 777 build' })), session_id: token, tool_use_id: token };
    gate(repo, JSON.stringify(input));
    const entry = JSON.parse(readFileSync(repo.path('.git/diff-guardian/gate.log'), 'utf8').trim().split('\n').pop()!);
    expect(entry.sessionId).not.toContain(token);
    expect(entry.toolUseId).not.toContain(token);
  });

  it('logs Claude Code ids as they are', () => {
    const repo = projectRepo();
    const sessionId = randomUUID();
    const input = JSON.parse(hookInput(repo, 'Bash', { command: 'chmod 777 build' }, sessionId));
    gate(repo, JSON.stringify(input));
    const entry = JSON.parse(readFileSync(repo.path('.git/diff-guardian/gate.log'), 'utf8').trim().split('\n').pop()!);
    expect(entry.sessionId).toBe(sessionId);
    expect(entry.toolUseId).toBe(input.tool_use_id);
  });

  it('judges a missing cwd by its nearest parent', () => {
    const repo = projectRepo();
    // On disk but not at HEAD: the next commit adds it whole, credential included.
    repo.write('src/draft.ts', `${awsConfig()}export const b = 2;\n`);
    // The gate runs in another repository, whose config turns secret rules off.
    const other = projectRepo('rules:\n  - id: secret\n    action: "off"\n');
    const edit = { file_path: repo.path('src/draft.ts'), old_string: 'export const b = 2;', new_string: 'export const b = 3;' };
    const input = { ...JSON.parse(hookInput(repo, 'Edit', edit)), cwd: repo.path('gone/deeper') };
    expectDenied(gate(other, JSON.stringify(input)), 'secret/');
    expect(existsSync(other.path('.git/diff-guardian/gate.log'))).toBe(false);
  });

  it('reports a usage error while stdin stays open', async () => {
    const repo = projectRepo();
    const child = spawn(process.execPath, [CLI, 'gate', '--protocol', 'nope'], { cwd: repo.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // stdin is never ended: the usage error must not wait for it.
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    child.stdin.destroy();
    expect(code).toBe(2);
    expect(stderr).toContain('--protocol');
  });

  it('denies an Edit that skips a test', () => {
    const repo = projectRepo();
    const input = { file_path: repo.path('test/add.test.ts'), old_string: "  it('adds two numbers'", new_string: "  it.skip('adds two numbers'" };
    const reason = expectDenied(gate(repo, hookInput(repo, 'Edit', input)), 'disabled-check/test-skipped');
    expect(reason).toContain('test/add.test.ts:5');
  });

  it('denies a Bash chmod 777', () => {
    const repo = projectRepo();
    const reason = expectDenied(gate(repo, hookInput(repo, 'Bash', { command: 'chmod 777 ./scripts/deploy.sh', description: 'Make the script runnable' })), 'permission/shell-chmod-widening');
    expect(reason).toContain('chmod 777 ./scripts/deploy.sh');
  });

  it('denies a git config write of the hook settings', () => {
    const repo = projectRepo();
    expect(runCli(repo.dir, ['install']).code).toBe(0);
    for (const command of ['git config diff-guardian.node /bin/true', 'git config --unset diff-guardian.cli', 'git config -f .git/config --add diff-guardian.node /bin/true']) {
      const reason = expectDenied(gate(repo, hookInput(repo, 'Bash', { command })), 'disabled-check/shell-guardian-settings-changed');
      expect(reason).toContain('diff-guardian.');
    }
  });

  it('denies obfuscated chmod and bundled -n forms', () => {
    const repo = projectRepo();
    expectDenied(gate(repo, hookInput(repo, 'Bash', { command: "ch''mod 777 scripts" })), 'permission/shell-chmod-widening');
    expectDenied(gate(repo, hookInput(repo, 'Bash', { command: 'find scripts -exec chmod 777 {} +' })), 'permission/shell-chmod-widening');
    expectDenied(gate(repo, hookInput(repo, 'Bash', { command: 'git commit -anm wip' })), 'disabled-check/shell-hooks-skipped');
    expect(hookOutputOf(gate(repo, hookInput(repo, 'Bash', { command: 'git commit -m "-n"' })))).toEqual({});
  });

  it('denies hook removal through pipes', () => {
    const repo = projectRepo();
    expect(runCli(repo.dir, ['install']).code).toBe(0);
    for (const command of ['find .git/hooks -name pre-commit | xargs rm -f', "echo 'rm .git/hooks/pre-commit' | sh"]) {
      const reason = expectDenied(gate(repo, hookInput(repo, 'Bash', { command })), 'disabled-check/protected-file-written');
      expect(reason).toContain('.git/hooks/pre-commit, a git hook');
    }
    for (const command of ["find . -name '*.orig' -delete", 'echo src/add.ts | xargs cat']) {
      expect(hookOutputOf(gate(repo, hookInput(repo, 'Bash', { command })))).toEqual({});
    }
  });

  it('denies an npm install of a typosquatted name', () => {
    const repo = projectRepo();
    const reason = expectDenied(gate(repo, hookInput(repo, 'Bash', { command: 'npm install --save browserlist' })), 'dependency/typosquat');
    expect(reason).toContain('browserslist');
  });

  it('allows an ordinary Edit', () => {
    const repo = projectRepo();
    const input = { file_path: repo.path('src/add.ts'), old_string: 'a + b', new_string: 'b + a' };
    const result = gate(repo, hookInput(repo, 'Edit', input));
    expect(hookOutputOf(result)).toEqual({});
    expect(result.stderr).toBe('');
    const [entry] = auditLog(repo);
    expect(entry).toMatchObject({ tool: 'Edit', target: 'src/add.ts', verdict: 'allow', response: 'none', findings: [] });
  });

  it('allows an ordinary Bash command', () => {
    const repo = projectRepo();
    expect(hookOutputOf(gate(repo, hookInput(repo, 'Bash', { command: 'npm test -- --run && git status' })))).toEqual({});
  });

  it('denies a MultiEdit whose later edit adds a secret', () => {
    const repo = projectRepo();
    const key = awsAccessKeyId();
    const secret = awsSecretAccessKey();
    const edits = [
      { old_string: 'export const add', new_string: 'export const sum' },
      { old_string: '=> a + b;\n', new_string: `=> a + b;\nexport const credentials = { accessKeyId: '${key}', secretAccessKey: '${secret}' };\n` },
    ];
    const result = gate(repo, hookInput(repo, 'MultiEdit', { file_path: repo.path('src/add.ts'), edits }));
    expectDenied(result, 'secret/');
    expectNoSecretIn(result.stdout);
  });

  it('allows an ordinary MultiEdit', () => {
    const repo = projectRepo();
    const edits = [
      { old_string: 'export const add', new_string: 'export const sum' },
      { old_string: 'a + b', new_string: 'b + a', replace_all: true },
    ];
    expect(hookOutputOf(gate(repo, hookInput(repo, 'MultiEdit', { file_path: repo.path('src/add.ts'), edits })))).toEqual({});
  });

  it('denies a NotebookEdit whose cell adds a secret and allows a plain one', () => {
    const repo = projectRepo();
    const notebook = {
      cells: [
        { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# Report\n'] },
        { cell_type: 'code', id: 'load', metadata: {}, execution_count: null, outputs: [], source: ["import boto3\n", "s3 = boto3.client('s3')\n"] },
      ],
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    repo.write('report.ipynb', `${JSON.stringify(notebook, null, 1)}\n`).commit('add notebook');
    const source = `import boto3\ns3 = boto3.client('s3', aws_access_key_id='${awsAccessKeyId()}', aws_secret_access_key='${awsSecretAccessKey()}')\n`;
    const denied = gate(repo, hookInput(repo, 'NotebookEdit', { notebook_path: repo.path('report.ipynb'), cell_id: 'load', new_source: source, edit_mode: 'replace' }));
    expectDenied(denied, 'secret/');
    expectNoSecretIn(denied.stdout);

    const plain = { notebook_path: repo.path('report.ipynb'), cell_id: 'intro', new_source: 'Plot of monthly totals.', cell_type: 'markdown', edit_mode: 'insert' };
    expect(hookOutputOf(gate(repo, hookInput(repo, 'NotebookEdit', plain)))).toEqual({});
  });

  it('passes tools and hook events it does not judge', () => {
    const repo = projectRepo();
    expect(hookOutputOf(gate(repo, hookInput(repo, 'Read', { file_path: repo.path('src/add.ts') })))).toEqual({});
    const post = JSON.parse(hookInput(repo, 'Bash', { command: 'chmod 777 x' }));
    post.hook_event_name = 'PostToolUse';
    expect(hookOutputOf(gate(repo, JSON.stringify(post)))).toEqual({});
    expect(auditLog(repo)).toEqual([]);
  });

  it('records a retry of a denied change', () => {
    const repo = projectRepo();
    const session = randomUUID();
    const input = hookInput(repo, 'Bash', { command: 'git commit --no-verify -m "wip"' }, session);
    const first = expectDenied(gate(repo, input), 'disabled-check/shell-hooks-skipped');
    expect(first).not.toContain('denied before');
    const second = expectDenied(gate(repo, input), 'disabled-check/shell-hooks-skipped');
    expect(second).toContain('denied before');

    const [one, two] = auditLog(repo);
    expect(one).toMatchObject({ protocol: 'claude-code', tool: 'Bash', sessionId: session, verdict: 'block', response: 'deny', repeated: [] });
    expect(one!.toolUseId).toMatch(/^toolu_/);
    expect(one!.target).toBe('git commit --no-verify -m "wip"');
    expect(two!.repeated).toEqual([one!.findings[0].fingerprint]);
  });

  it('redacts a secret in a logged command', () => {
    const repo = projectRepo();
    const secret = awsSecretAccessKey();
    const command = `AWS_ACCESS_KEY_ID=${awsAccessKeyId()} AWS_SECRET_ACCESS_KEY=${secret} aws s3 ls`;
    const result = gate(repo, hookInput(repo, 'Bash', { command }));
    expectDenied(result, 'secret/');
    const log = readFileSync(repo.path('.git/diff-guardian/gate.log'), 'utf8');
    expectNoSecretIn(result.stdout, log);
    expect(auditLog(repo)[0]!.target).toContain('redacted');
  });

  it('judges by the config at HEAD, not the working tree', () => {
    const repo = projectRepo('rules:\n  - id: permission/shell-chmod-widening\n    action: "off"\n');
    const chmod = hookInput(repo, 'Bash', { command: 'chmod 777 run.sh' });
    expect(hookOutputOf(gate(repo, chmod))).toEqual({});
    // An uncommitted config the agent wrote is ignored.
    repo.write('.diff-guardian.yml', 'rules:\n  - id: permission\n    action: block\n  - id: secret\n    action: "off"\n');
    expect(hookOutputOf(gate(repo, chmod))).toEqual({});
    const write = hookInput(repo, 'Write', { file_path: repo.path('src/s3.ts'), content: awsConfig() });
    expectDenied(gate(repo, write), 'secret/');
  });

  it('answers allow with --approve', () => {
    const repo = projectRepo();
    const output = hookOutputOf(gate(repo, hookInput(repo, 'Bash', { command: 'ls -la' }), ['--approve']));
    expect(output.hookSpecificOutput?.permissionDecision).toBe('allow');
  });

  it('shows warnings without denying', () => {
    const repo = projectRepo('rules:\n  - id: permission/write-outside-project\n    action: warn\n');
    const output = hookOutputOf(gate(repo, hookInput(repo, 'Bash', { command: 'cp dist/app.js /srv/elsewhere/app.js' })));
    expect(output.hookSpecificOutput).toBeUndefined();
    expect(output.systemMessage).toContain('permission/write-outside-project');
  });

  it('denies input it cannot read when the protocol is given', () => {
    const repo = projectRepo();
    const result = gate(repo, '{"tool_name": "Bash", ', ['--protocol', 'claude-code']);
    const output = hookOutputOf(result);
    expect(output.hookSpecificOutput?.permissionDecision).toBe('deny');
    expect(output.hookSpecificOutput?.permissionDecisionReason).toContain('not valid JSON');
  });
});

describe('gate with generic input', () => {
  it('blocks a file change that adds a secret', () => {
    const repo = projectRepo();
    const result = gate(repo, JSON.stringify({ cwd: repo.dir, path: 'src/s3.ts', new: awsConfig() }));
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.decision).toBe('deny');
    expect(report.verdict).toBe('block');
    expect(report.findings.some((f: { category: string }) => f.category === 'secret')).toBe(true);
    expectNoSecretIn(result.stdout);
  });

  it('uses the given old content', () => {
    const repo = projectRepo();
    const result = gate(repo, JSON.stringify({ cwd: repo.dir, path: 'test/add.test.ts', old: TEST_FILE, new: TEST_FILE.replace("it('adds", "it.skip('adds") }));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings[0].ruleId).toBe('disabled-check/test-skipped');
  });

  it('allows a harmless command', () => {
    const repo = projectRepo();
    const result = gate(repo, JSON.stringify({ cwd: repo.dir, command: 'ls -la src' }));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: 'allow', verdict: 'allow', findings: [] });
  });

  it('exits 2 on input of neither shape', () => {
    const repo = projectRepo();
    const result = gate(repo, JSON.stringify({ file: 'x' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"path"');
  });
});
