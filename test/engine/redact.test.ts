import { describe, expect, it } from 'vitest';
import { defineDetector } from '../../src/detectors/define.js';
import { changeFromUnifiedDiff } from '../../src/diff/unified.js';
import { maskForDisplay, maskValues } from '../../src/engine/redact.js';
import { scanCommit } from '../../src/engine/scan-commit.js';
import { defaultPolicy } from '../../src/packs/load.js';

describe('maskValues', () => {
  it('masks a four-character value', () => {
    expect(maskValues('mysql -pab1X now', ['ab1X'])).toBe('mysql -p…[redacted 4 chars] now');
  });

  it('masks every occurrence', () => {
    expect(maskValues('x:k9Qz@h and k9Qz', ['k9Qz'])).toBe('x:…[redacted 4 chars]@h and …[redacted 4 chars]');
  });

  it('masks a short value only where it stands alone', () => {
    expect(maskValues('u:ab@h about', ['ab'])).toBe('u:…[redacted 2 chars]@h about');
  });

  it('merges a value found inside another', () => {
    const masked = maskValues('key=outerINNERouter', ['INNER', 'outerINNERouter']);
    expect(masked).toBe('key=outerINNERouter'.replace('outerINNERouter', '…[redacted 15 chars]'));
  });

  it('merges overlapping values without a prefix', () => {
    expect(maskValues('v=abcdefgh', ['abcdef', 'defgh'])).toBe('v=…[redacted 8 chars]');
  });

  it('keeps text without values', () => {
    expect(maskValues('nothing here', ['absent', ''])).toBe('nothing here');
  });
});

describe('masking before text is shortened', () => {
  // A value a caller already found (an agent's command credential, here a word-only
  // password that no token rule would mask) placed so that the 400-character cut splits it.
  const secret = 'correcthorsebatterystaple';
  const line = `${'x '.repeat(190)}run --password ${secret} now`;

  it('maskForDisplay masks a value that the cut splits', () => {
    const shown = maskForDisplay(line, new Set([secret]), 400);
    expect(shown).not.toContain(secret.slice(0, 5));
    expect(maskForDisplay(line, new Set(), 400)).toContain(secret.slice(0, 5));
  });

  it('scanCommit masks caller-found values in message data before the cut', async () => {
    const detector = defineDetector({
      meta: {
        id: 'permission/line-echo',
        category: 'permission',
        severity: 'warn',
        confidence: 'high',
        description: 'Report every added line.',
        messages: { line: 'Added `{{line}}`.' },
      },
      run(context) {
        for (const file of context.commit.files) {
          for (const added of file.added) context.report({ messageId: 'line', data: { line: added.text }, file: file.path, line: added.line, match: added.text, evidence: added.text });
        }
      },
    });
    const change = changeFromUnifiedDiff(`diff --git a/run.sh b/run.sh\n--- a/run.sh\n+++ b/run.sh\n@@ -0,0 +1 @@\n+${line}\n`);
    const verdict = await scanCommit(change, { policy: defaultPolicy(), detectors: [detector], foundSecrets: new Set([secret]) });
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]!.message).not.toContain(secret.slice(0, 5));
    expect(verdict.findings[0]!.evidence).not.toContain(secret.slice(0, 5));
  });
});
