import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntryOf } from '../../src/gate/audit-log.js';
import { judgeRequest } from '../../src/gate/judge.js';
import { parseRequest } from '../../src/gate/payload.js';
import { findProject, type Project } from '../../src/gate/project.js';
import { respond } from '../../src/gate/respond.js';
import { defaultPolicy } from '../../src/packs/load.js';
import { runCli, TestRepo } from '../helpers/repo.js';
import { BASE62, randomFrom, remember } from '../helpers/secrets.js';

// Passwords from 4 to 40 characters: the secret detectors judge most of these
// by shape and let the short ones pass, so the gate must mask them because of
// where they stand (URL user-info, `-u user:pw`, `-pPW`, a credential variable).
const LENGTHS = [4, 6, 8, 12, 15, 16, 24, 40];

/**
 * Generates a password of `length` letters and digits with one upper-case
 * letter that no hex digest, UUID or ISO time contains, so a leak check never
 * matches a fingerprint or timestamp by chance.
 */
function password(length: number): string {
  return remember(randomFrom(BASE62, length - 2) + randomFrom('GHJKMNPQRSUVWXY', 1) + randomFrom('0123456789', 1));
}

const COMMANDS: Array<[string, (pw: string) => string]> = [
  ['URL in curl | sh', (pw) => `curl -s http://user:${pw}@127.0.0.1/i.sh | sh`],
  ['curl -u', (pw) => `curl -u admin:${pw} http://127.0.0.1/i.sh | bash`],
  ['mysql -p', (pw) => `sudo mysql -uroot -p${pw}`],
  ['npm git URL', (pw) => `npm install git+https://x:${pw}@127.0.0.1/lp.git`],
  ['pip index URL', (pw) => `pip install --index-url http://u:${pw}@127.0.0.1/simple reqeusts`],
  ['git push URL', (pw) => `git push -f https://u:${pw}@127.0.0.1/r.git main`],
  ['credential variable', (pw) => `PGPASSWORD=${pw} sudo psql -h 127.0.0.1 -c 'select 1'`],
  ['bearer header', (pw) => `curl -H 'Authorization: Bearer ${pw}' http://127.0.0.1/i.sh | sh`],
  ['password option', (pw) => `sudo docker login --password=${pw} -u ci 127.0.0.1:5000`],
];

const EXISTING = 'const a = 1;\nconst b = 2;\n';

let repo: TestRepo;
let project: Project;

beforeAll(() => {
  repo = TestRepo.init();
  repo.write('package.json', '{ "name": "demo", "dependencies": {} }\n');
  repo.write('src/existing.js', EXISTING);
  repo.commit('init');
  project = findProject(repo.dir);
});

function hookInput(tool: string, toolInput: Record<string, unknown>): string {
  return JSON.stringify({ session_id: 'leak-test', cwd: repo.dir, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: toolInput });
}

/** Judges one hook input in process and returns everything the gate would print or log for it. */
async function echoedText(input: string): Promise<{ text: string; findings: number }> {
  const request = parseRequest(input);
  const decision = await judgeRequest(request, project, defaultPolicy());
  const response = respond(request.protocol, decision, { approve: true, tool: request.tool, repeated: new Set() });
  const generic = respond('generic', decision, { approve: true, tool: request.tool, repeated: new Set() });
  const entry = JSON.stringify(auditEntryOf(request, decision, response.response, []));
  return { text: [response.stdout, response.stderr, generic.stdout, entry].join('\n'), findings: decision.findings.length };
}

function fileInputs(pw: string): Array<[string, string]> {
  const dependency = JSON.stringify({ name: 'demo', dependencies: { lp: `git+https://x:${pw}@127.0.0.1/lp.git` } }, null, 2);
  const urlLine = `const hook = 'https://deploy:${pw}@127.0.0.1/hook';`;
  return [
    ['Write package.json', hookInput('Write', { file_path: join(repo.dir, 'package.json'), content: `${dependency}\n` })],
    ['Write script', hookInput('Write', { file_path: join(repo.dir, 'scripts/db.sh'), content: `#!/bin/sh\nmysql -uroot -p${pw}\ncurl -s https://u:${pw}@127.0.0.1/i.sh | sh\n` })],
    ['Edit', hookInput('Edit', { file_path: join(repo.dir, 'src/existing.js'), old_string: 'const b = 2;', new_string: urlLine })],
    ['Edit not applying', hookInput('Edit', { file_path: join(repo.dir, 'src/existing.js'), old_string: 'absent', new_string: urlLine })],
    [
      'MultiEdit',
      hookInput('MultiEdit', {
        file_path: join(repo.dir, 'src/existing.js'),
        edits: [
          { old_string: 'const a = 1;', new_string: 'const a = 3;' },
          { old_string: 'const b = 2;', new_string: urlLine },
        ],
      }),
    ],
  ];
}

describe('gate masks found credentials', () => {
  for (const length of LENGTHS) {
    it(`masks ${length}-character passwords in commands`, async () => {
      for (const [label, build] of COMMANDS) {
        const pw = password(length);
        const { text, findings } = await echoedText(hookInput('Bash', { command: build(pw) }));
        expect(findings, label).toBeGreaterThan(0);
        expect(text.includes(pw), `${label}: password echoed`).toBe(false);
      }
    });

    it(`masks ${length}-character passwords in file edits`, async () => {
      const pw = password(length);
      for (const [label, input] of fileInputs(pw)) {
        const { text, findings } = await echoedText(input);
        expect(findings, label).toBeGreaterThan(0);
        expect(text.includes(pw), `${label}: password echoed`).toBe(false);
      }
    });
  }

  it('keeps the rest of a command readable', async () => {
    const pw = password(12);
    const { text } = await echoedText(hookInput('Bash', { command: `curl -u admin:${pw} http://127.0.0.1/i.sh | bash` }));
    expect(text).toContain('curl -u admin:…[redacted 12 chars]');
  });
});

describe('gate command and audit log', () => {
  it('masks short passwords in reason and log', () => {
    const passwords: string[] = [];
    for (const length of [4, 15]) {
      for (const [label, build] of COMMANDS) {
        const pw = password(length);
        passwords.push(pw);
        const result = runCli(repo.dir, ['gate'], { input: hookInput('Bash', { command: build(pw) }) });
        expect(result.code, label).toBe(0);
        expect(result.stdout, label).toContain('"deny"');
        expect(result.stdout.includes(pw) || result.stderr.includes(pw), `${label}: password printed`).toBe(false);
      }
    }
    const pw = password(8);
    passwords.push(pw);
    const write = fileInputs(pw)[0]![1];
    expect(runCli(repo.dir, ['gate'], { input: write }).stdout).toContain('"deny"');
    const logPath = join(repo.dir, '.git', 'diff-guardian', 'gate.log');
    expect(existsSync(logPath)).toBe(true);
    const log = readFileSync(logPath, 'utf8');
    expect(log.trim().split('\n')).toHaveLength(COMMANDS.length * 2 + 1);
    for (const value of passwords) expect(log.includes(value), 'password in gate.log').toBe(false);
  });
});
