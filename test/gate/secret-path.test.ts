import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripeLiveKey } from '../helpers/secrets.js';
import { runCli, TestRepo } from '../helpers/repo.js';

describe('gate with a credential in the path', () => {
  it('masks the path in the answer and the audit log', () => {
    const repo = TestRepo.init();
    repo.write('README.md', '# demo\n').commit('init');
    const key = stripeLiveKey();
    const payload = {
      session_id: 's1',
      transcript_path: '/tmp/transcript.jsonl',
      cwd: repo.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: join(repo.dir, `${key}.js`), content: 'export const x = 1;\n' },
    };
    const result = runCli(repo.dir, ['gate'], { input: JSON.stringify(payload) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"deny"');
    expect(result.stdout).not.toContain(key);
    const log = readFileSync(join(repo.dir, '.git', 'diff-guardian', 'gate.log'), 'utf8');
    expect(log).not.toContain(key);
  });
});
