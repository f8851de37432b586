import { describe, expect, it } from 'vitest';
import detector from '../../../src/detectors/evasion/secret-in-path.js';
import { changeFromUnifiedDiff, runDetectors } from '../../helpers/change.js';
import { githubToken, slackBotToken } from '../../helpers/secrets.js';

function addedFile(path: string): string {
  return [`diff --git a/${path} b/${path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${path}`, '@@ -0,0 +1 @@', '+notes', ''].join('\n');
}

describe('secret/secret-in-path', () => {
  it('flags a token used as a file name and masks it in the path', async () => {
    const token = slackBotToken();
    const { findings } = await runDetectors(detector, changeFromUnifiedDiff(addedFile(`notes/${token}.txt`)));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('secret/secret-in-path');
    expect(findings[0]!.line).toBe(0);
    expect(findings[0]!.file).not.toContain(token);
    expect(findings[0]!.file).toMatch(/^notes\/xoxb…\[redacted \d+ chars\]\.txt$/);
  });

  it('flags a token used as a directory name', async () => {
    const token = githubToken();
    const { findings } = await runDetectors(detector, changeFromUnifiedDiff(addedFile(`cache/${token}/index.json`)));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.file).not.toContain(token);
  });

  it('passes ordinary names, including credential-like words', async () => {
    for (const path of ['src/token-store.ts', 'docs/api_key_rotation.md', 'config/.env.example', 'assets/a3f9c2e1b7d4.png']) {
      expect((await runDetectors(detector, changeFromUnifiedDiff(addedFile(path)))).findings).toEqual([]);
    }
  });
});

describe('secret/secret-in-path beyond names', () => {
  it('flags a token as a symlink target', async () => {
    const token = githubToken();
    const diff = ['diff --git a/link b/link', 'new file mode 120000', '--- /dev/null', '+++ b/link', '@@ -0,0 +1 @@', `+${token}`, '\\ No newline at end of file', ''].join('\n');
    const change = changeFromUnifiedDiff(diff);
    const { findings } = await runDetectors(detector, change);
    expect(findings.some((f) => f.file === 'link')).toBe(true);
  });

  it('flags a token as the author name', async () => {
    const token = githubToken();
    const change = changeFromUnifiedDiff(addedFile('a.txt'), { author: { name: token, email: 'a@example.com', date: '2026-01-01T00:00:00Z' } });
    const { findings } = await runDetectors(detector, change);
    expect(findings.some((f) => f.file === '<identity>')).toBe(true);
    expect(JSON.stringify(findings)).not.toContain(token);
  });
});
