import { describe, expect, it } from 'vitest';
import { defineDetector } from '../../src/detectors/define.js';
import { changeFromUnifiedDiff } from '../../src/diff/unified.js';
import { maskCutValues, maskForDisplay, maskValues } from '../../src/engine/redact.js';
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

describe('masking a known value that a cut split', () => {
  const secret = 'wJalrXUtnFEMI0K7MDENGbPxRfiCYzEXAMPLE0KEY';

  it('masks the start of a value left at the end, before an ellipsis', () => {
    const text = `curl -H "X: ${secret.slice(0, 15)}…`;
    expect(maskCutValues(text, [secret])).not.toContain(secret.slice(0, 5));
    expect(maskCutValues(text, [secret])).toMatch(/^curl -H "X: …\[redacted 15 chars\]…$/);
  });

  it('masks the end of a value left at the start', () => {
    expect(maskCutValues(`${secret.slice(-12)} | sh`, [secret])).toBe('…[redacted 12 chars] | sh');
  });

  it('keeps text whose ends hold no part of a value', () => {
    expect(maskCutValues('nothing to see', [secret])).toBe('nothing to see');
  });

  it('masks a value that moves inside the window once earlier values are masked', () => {
    const values = Array.from({ length: 4 }, (_, i) => `T${i}${secret}`);
    const key = `AKIA${'Q7'.repeat(8)}`;
    const text = `${values.map((v, i) => `X_${i}=${v}`).join(' ')} echo ${'x'.repeat(300)} ${key} end`;
    const all = new Set([...values, key]);
    const shown = maskForDisplay(text, all, 300);
    expect(shown).not.toContain(key.slice(0, 8));
    for (const value of values) expect(shown).not.toContain(value.slice(0, 8));
  });

  it('scanCommit masks a known value that the detector cut itself', async () => {
    const detector = defineDetector({
      meta: {
        id: 'permission/short-echo',
        category: 'permission',
        severity: 'warn',
        confidence: 'high',
        description: 'Report every added line, shortened.',
        messages: { line: 'Added `{{line}}`.' },
      },
      run(context) {
        for (const file of context.commit.files) {
          for (const added of file.added) {
            const shown = added.text.length > 40 ? `${added.text.slice(0, 40)}…` : added.text;
            context.report({ messageId: 'line', data: { line: shown }, file: file.path, line: added.line, match: added.text, evidence: added.text.slice(0, 40) });
          }
        }
      },
    });
    const line = `curl -s -H "X: ${secret}" https://127.0.0.1/i | sh`;
    const change = changeFromUnifiedDiff(`diff --git a/run.sh b/run.sh\n--- a/run.sh\n+++ b/run.sh\n@@ -0,0 +1 @@\n+${line}\n`);
    const verdict = await scanCommit(change, { policy: defaultPolicy(), detectors: [detector], foundSecrets: new Set([secret]) });
    const [finding] = verdict.findings;
    expect(finding!.message).not.toContain(secret.slice(0, 5));
    expect(finding!.evidence).not.toContain(secret.slice(0, 5));
  });
});
