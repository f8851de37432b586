import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyStringEdits } from '../../src/gate/edits.js';
import { awsAccessKeyId, awsSecretAccessKey as anyAwsSecretAccessKey } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';

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
  "import { expect, it } from 'vitest';",
  "import { add } from '../src/add.js';",
  '',
  "it('adds two numbers', () => {",
  '  expect(add(1, 2)).toBe(3);',
  '});',
  '',
].join('\n');

interface Case {
  name: string;
  path: string;
  old_string: string;
  new_string: () => string;
  verdict: 'allow' | 'block';
}

const cases: Case[] = [
  { name: 'an edit that skips a test', path: 'test/add.test.ts', old_string: "it('adds", new_string: () => "it.skip('adds", verdict: 'block' },
  {
    name: 'an edit that adds a secret',
    path: 'src/add.ts',
    old_string: '=> a + b;\n',
    new_string: () => `=> a + b;\nexport const keys = { accessKeyId: '${awsAccessKeyId()}', secretAccessKey: '${awsSecretAccessKey()}' };\n`,
    verdict: 'block',
  },
  { name: 'an ordinary edit', path: 'src/add.ts', old_string: 'a + b', new_string: () => 'b + a', verdict: 'allow' },
];

// Every commit counts as agent-authored, as it would in a repository whose
// hooks see the agent's runtime, so both points judge the same author.
const CONFIG = 'settings:\n  agentByDefault: true\n';

describe('gate and pre-commit agree', () => {
  it.each(cases)('gives one verdict for $name', ({ path, old_string, new_string, verdict }) => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', CONFIG);
    repo.write('src/add.ts', 'export const add = (a: number, b: number) => a + b;\n');
    repo.write('test/add.test.ts', TEST_FILE);
    repo.commit('init');
    const edit = { old_string, new_string: new_string() };

    const input = JSON.stringify({
      session_id: randomUUID(),
      transcript_path: repo.path('.transcript.jsonl'),
      cwd: repo.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Edit',
      tool_input: { file_path: repo.path(path), ...edit },
    });
    const gate = runCli(repo.dir, ['gate'], { input });
    expect(gate.code).toBe(0);
    const logged = JSON.parse(readFileSync(repo.path('.git/diff-guardian/gate.log'), 'utf8').trim());

    // The agent's tool then writes the file, and the commit hook checks the index.
    const applied = applyStringEdits(readFileSync(repo.path(path), 'utf8'), [edit]);
    expect(applied.ok).toBe(true);
    repo.write(path, applied.ok ? applied.content : '').stage();
    const check = runCli(repo.dir, ['check', '--staged', '--format', 'json']);
    const report = jsonOf(check);

    expect(logged.verdict).toBe(verdict);
    expect(report.verdict).toBe(verdict);
    expect(check.code).toBe(report.verdict === 'block' ? 1 : 0);
    const gateRules = logged.findings.map((f: { ruleId: string }) => f.ruleId).sort();
    const checkRules = report.findings.map((f) => f.ruleId).sort();
    expect(gateRules).toEqual(checkRules);
    const gateFingerprints = logged.findings.map((f: { fingerprint: string }) => f.fingerprint).sort();
    expect(gateFingerprints).toEqual(report.findings.map((f) => f.fingerprint).sort());
  });
});
