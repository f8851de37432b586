import { describe, expect, it } from 'vitest';
import { maskValues } from '../../src/engine/redact.js';

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
