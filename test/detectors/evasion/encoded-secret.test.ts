import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../helpers/fuzz.js';
import detector, { decodeRun, encodedRunsOf, longRuns } from '../../../src/detectors/evasion/encoded-secret.js';
import { findingsOf } from '../../helpers/change.js';
import { awsAccessKeyId, awsSecretAccessKey, remember } from '../../helpers/secrets.js';

function added(path: string, lines: string[]): string {
  return [`--- /dev/null`, `+++ b/${path}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`), ''].join('\n');
}

function awsConfig(): string {
  return `aws_access_key_id = ${awsAccessKeyId()}\naws_secret_access_key = ${awsSecretAccessKey()}\n`;
}

describe('secret/encoded-secret', () => {
  it('flags credentials hidden in base64', async () => {
    const encoded = remember(Buffer.from(awsConfig()).toString('base64'));
    const findings = await findingsOf(detector, added('src/boot.ts', ['// settings', `const blob = '${encoded}';`]));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]!.ruleId).toBe('secret/encoded-secret');
    expect(findings[0]!.line).toBe(2);
    expect(findings[0]!.action).toBe('block');
  });

  it('flags credentials hidden in hex', async () => {
    const encoded = remember(Buffer.from(awsConfig()).toString('hex'));
    const findings = await findingsOf(detector, added('deploy.sh', [`echo ${encoded} | xxd -r -p > ~/.aws/credentials`]));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]!.line).toBe(1);
  });

  it('flags URL-safe base64', async () => {
    const encoded = remember(Buffer.from(awsConfig()).toString('base64url'));
    const findings = await findingsOf(detector, added('a.py', [`BLOB = "${encoded}"`]));
    expect(findings.length).toBeGreaterThan(0);
  });

  it('passes encoded text without credentials', async () => {
    const encoded = Buffer.from('hello world, this is only a greeting for the log file').toString('base64');
    expect(await findingsOf(detector, added('a.ts', [`const x = '${encoded}';`]))).toEqual([]);
  });

  it('passes an integrity digest and an image', async () => {
    const digest = Buffer.alloc(64, 7).toString('base64');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 0)]).toString('base64');
    const lines = [`"integrity": "sha512-${digest}"`, `<img src="data:image/png;base64,${png}">`];
    expect(await findingsOf(detector, added('page.html', lines))).toEqual([]);
  });

  it('flags runs at line edges and after padding', async () => {
    const first = remember(Buffer.from(awsConfig()).toString('base64'));
    const second = remember(Buffer.from(awsConfig()).toString('base64url'));
    const lines = [first, `x=${first}==${second}`, `${second}`];
    const findings = await findingsOf(detector, added('data.txt', lines));
    expect(new Set(findings.map((f) => f.line))).toEqual(new Set([1, 2, 3]));
  });

  it('decodes runs up to the per-file limit', async () => {
    const encoded = remember(Buffer.from(awsConfig()).toString('base64'));
    // Each filler line has two runs that decode to bytes outside text.
    const filler = `const ids = ['${Buffer.alloc(30, 0x81).toString('base64')}', '${Buffer.alloc(30, 0x82).toString('base64')}'];`;
    const within = [...Array<string>(99).fill(filler), `const blob = '${encoded}';`];
    const beyond = [...Array<string>(100).fill(filler), `const blob = '${encoded}';`];
    const found = await findingsOf(detector, added('within.ts', within));
    expect(found.map((f) => f.line)).toContain(100);
    expect(await findingsOf(detector, added('beyond.ts', beyond))).toEqual([]);
  });

  it('finds the runs a whole-line search finds', () => {
    // Lines built from the characters that start, end or split a run.
    const pieces = ['A', 'z', '9', '+', '/', '_', '-', '=', '==', ' ', '.', 'é', 'f0', 'deadbeef', 'QUJD'];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 400; i += 1) {
      let line = '';
      while (line.length < 20 + random(120)) {
        const piece = pieces[random(pieces.length)]!;
        line += random(4) === 0 ? piece : piece.repeat(1 + random(30));
      }
      const hex = [...line.matchAll(/\b(?:[0-9a-fA-F]{2}){16,}\b/g)].map((m) => m[0]);
      const base64 = [...line.matchAll(/[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9_-]{24,}={0,2}/g)].map((m) => m[0]);
      expect(encodedRunsOf(line), line).toEqual([...hex, ...base64]);
    }
  });

  it('bounds every long base64 stretch', () => {
    const pieces = ['A', 'z', '9', '+', '/', '_', '-', ' ', '.', '\n', '=', 'é'];
    const next = seededRandom(11);
    const random = (n: number): number => Math.floor(next() * n);
    for (let i = 0; i < 400; i += 1) {
      let text = '';
      while (text.length < random(300)) text += pieces[random(pieces.length)]!.repeat(1 + random(random(2) === 0 ? 4 : 40));
      const expected = [...text.matchAll(/[A-Za-z0-9+/_-]{24,}/g)].map((m) => [m.index, m.index + m[0].length]);
      expect(longRuns(text), JSON.stringify(text)).toEqual(expected);
    }
    expect(longRuns('a'.repeat(24))).toEqual([[0, 24]]);
    expect(longRuns('a'.repeat(23))).toEqual([]);
    expect(longRuns(` ${'b'.repeat(23)} ${'c'.repeat(24)}`)).toEqual([[25, 49]]);
  });

  it('decodes only text', () => {
    expect(decodeRun(Buffer.from('plain text value here').toString('hex'))).toEqual({ text: 'plain text value here', encoding: 'hex' });
    expect(decodeRun(Buffer.alloc(30, 1).toString('base64'))).toBeNull();
  });

  it('decodes text with up to 5% other bytes', () => {
    // 40 bytes with two bytes outside text are exactly 95% text, the lowest share decodeRun accepts.
    const bytes = Buffer.from('user=admin password=opensesame and more!');
    bytes[5] = 0x01;
    bytes[30] = 0x80;
    const decoded = decodeRun(bytes.toString('base64'));
    expect(decoded?.encoding).toBe('base64');
    expect(decoded?.text).toBe(bytes.toString('latin1'));
    bytes[10] = 0x02;
    expect(decodeRun(bytes.toString('base64'))).toBeNull();
  });

  it('decodes as a full decode of every run does', () => {
    // decodeRun skips the decode of runs whose whole groups already rule out text, but this
    // reference always decodes them.
    function reference(run: string): string | null {
      const bytes = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (bytes.length < 12) return null;
      const text = bytes.filter((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09);
      return text.length / bytes.length >= 0.95 ? bytes.toString('latin1') : null;
    }
    let seed = 11;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const runs: string[] = [];
    for (let i = 0; i < 3000; i += 1) {
      // Mostly text with a few other bytes, so the cases sit near the 95% line.
      const length = 12 + random(60);
      const bytes = Buffer.alloc(length);
      for (let b = 0; b < length; b += 1) bytes[b] = random(20) === 0 ? random(256) : 0x20 + random(95);
      const encoded = random(2) === 0 ? bytes.toString('base64') : bytes.toString('base64url');
      runs.push(random(3) === 0 ? encoded.slice(random(3)) : encoded);
    }
    runs.push('someVeryLongFunctionNameForTesting', 'node_modules/some-package/lib/index', 'abcdefghijklmnopqrstuvwxyz0123');
    for (const run of runs) {
      if (/^(?:[0-9a-fA-F]{2})+$/.test(run) || !/[A-Za-z]/.test(run) || !/[0-9+/=_-]/.test(run)) continue;
      expect(decodeRun(run)?.text ?? null, run).toBe(reference(run));
    }
  });
});

describe('runs of stretches longer than 64 KiB', () => {
  // The same patterns the rule uses on shorter stretches.
  const BASE64_RUN = /[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9_-]{24,}={0,2}/g;
  const HEX_RUN = /\b(?:[0-9a-fA-F]{2}){16,}\b/g;

  function regexRuns(line: string): string[] {
    const stretches = longRuns(line);
    const hex = stretches.flatMap(([start, end]) => [...line.slice(start, end).matchAll(HEX_RUN)].map((m) => m[0]));
    const base64 = stretches.flatMap(([start, end]) => [...line.slice(start, end + 2).matchAll(BASE64_RUN)].map((m) => m[0]));
    return [...hex, ...base64];
  }

  /** Builds a seeded line of about 80,000 characters mixing hex pieces, both base64 alphabets and padding. */
  function mixedLine(seed: number): string {
    let state = seed;
    const next = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const pieces = ['0123456789abcdef', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '+/', '_-'];
    let line = 'k=';
    while (line.length < 80_000) {
      // `=` ends a stretch, so padding appears only near the start and one stretch stays long.
      const alphabet = line.length < 3000 && next(8) === 0 ? '=' : pieces[next(pieces.length)]!;
      const length = 1 + next(60);
      for (let i = 0; i < length; i += 1) line += alphabet[next(alphabet.length)];
    }
    return line;
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('finds what the patterns find, seed %i', (seed) => {
    const line = mixedLine(seed);
    expect(longRuns(line).some(([start, end]) => end - start > 64 * 1024)).toBe(true);
    expect(encodedRunsOf(line)).toEqual(regexRuns(line));
  });
});
