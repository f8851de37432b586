import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, TestRepo } from '../helpers/repo.js';
import { stripeLiveKey } from '../helpers/secrets.js';

// One line of 6 MiB followed by a line with a Stripe-format key: the key must
// be found, and neither the gate nor `check` may fail on the long line.
const LONG_LINE = 'x'.repeat(6 * 1024 * 1024);
const CONFIG = 'settings:\n  maxFileBytes: 16777216\n  failMode: closed\n';

function repoWithConfig(): TestRepo {
  const repo = TestRepo.init();
  repo.write('.diff-guardian.yml', CONFIG);
  repo.commit('init');
  return repo;
}

// A regular expression over a whole 6 MiB run of base64 characters overflows
// V8's regular expression stack. The encoded-secret rule reads long runs with
// loops, and these cases check that it still does.
describe('6 MiB single-line file', () => {
  it('is judged by the gate', () => {
    const repo = repoWithConfig();
    const content = `${LONG_LINE}\nconst k = '${stripeLiveKey()}';\n`;
    const input = JSON.stringify({
      hook_event_name: 'PreToolUse',
      cwd: repo.dir,
      tool_name: 'Write',
      tool_input: { file_path: join(repo.dir, 'data.js'), content },
    });
    const result = runCli(repo.dir, ['gate', '--no-log'], { input });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('could not judge');
    expect(result.stdout).toContain('secret/stripe-live-key');
  });

  it('is checked with a raised maxFileBytes', () => {
    const repo = repoWithConfig();
    repo.write('data.js', `${LONG_LINE}\nconst k = '${stripeLiveKey()}';\n`);
    repo.commit('add data');
    const result = runCli(repo.dir, ['check', 'HEAD']);
    expect(result.stderr).not.toContain('Maximum call stack size exceeded');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('secret/stripe-live-key');
  });
});
