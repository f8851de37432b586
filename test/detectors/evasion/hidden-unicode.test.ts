import { describe, expect, it } from 'vitest';
import detector from '../../../src/detectors/evasion/hidden-unicode.js';
import { findingsOf } from '../../helpers/change.js';

function added(path: string, lines: string[]): string {
  return [`--- /dev/null`, `+++ b/${path}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`), ''].join('\n');
}

describe('disabled-check/hidden-unicode', () => {
  const flag: Array<[string, string, string[], number, string]> = [
    ['bidi override in a comment', 'src/auth.js', ['const isAdmin = false;', 'if (isAdmin) { /* \u202e } \u2066if (true)\u2069 \u2066 */'], 2, 'bidi'],
    ['right-to-left isolate in a string', 'src/a.py', ['access = "user\u2067 # admin"'], 1, 'bidi'],
    ['zero-width space in an identifier', 'src/a.ts', ['const admin\u200b = true;'], 1, 'invisible'],
    ['byte order mark mid-file', 'src/a.go', ['package main', 'var x\ufeff = 1'], 2, 'invisible'],
    ['hangul filler as a name', 'src/a.js', ['const \u3164 = require("child_process");'], 1, 'invisible'],
  ];
  for (const [name, path, lines, line, messageId] of flag) {
    it(`flags ${name}`, async () => {
      const findings = await findingsOf(detector, added(path, lines));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.ruleId).toBe('disabled-check/hidden-unicode');
      expect(findings[0]!.file).toBe(path);
      expect(findings[0]!.line).toBe(line);
      expect(findings[0]!.message).toContain(messageId === 'bidi' ? 'bidirectional' : 'invisible');
      expect(findings[0]!.evidence).toMatch(/<U\+[0-9A-F]{4}>/);
    });
  }

  const pass: Array<[string, string, string[]]> = [
    ['plain code', 'src/a.ts', ['const admin = true;']],
    ['a byte order mark at the start of a file', 'src/a.cs', ['\ufeffusing System;']],
    ['the same characters in Markdown', 'docs/rtl.md', ['Hebrew text \u202b\u05e9\u05dc\u05d5\u05dd\u202c in prose']],
    ['right-to-left letters without controls', 'src/i18n.ts', ['export const hello = "\u05e9\u05dc\u05d5\u05dd";']],
    ['an escaped control in source', 'src/a.ts', ['const rlo = "\\u202e";']],
  ];
  for (const [name, path, lines] of pass) {
    it(`passes ${name}`, async () => {
      expect(await findingsOf(detector, added(path, lines))).toEqual([]);
    });
  }
});
