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
