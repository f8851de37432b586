import { describe, expect, it } from 'vitest';
import unscannedContent from '../../../src/detectors/evasion/unscanned-content.js';
import { OVERSIZED_SCAN_BYTES, WINDOW_BYTES } from '../../../src/detectors/evasion/oversized-scan.js';
import type { CommitChange, FileChange } from '../../../src/model/types.js';
import { changeOfFiles, runDetectors } from '../../helpers/change.js';
import { githubToken, stripeLiveKey } from '../../helpers/secrets.js';

const FILLER_LINE = 'const value = compute(alpha, beta) + offset; // filler\n';

/** Returns filler lines of at least `bytes` bytes, and how many lines they are. */
function filler(bytes: number): { text: string; lines: number } {
  const lines = Math.ceil(bytes / FILLER_LINE.length);
  return { text: FILLER_LINE.repeat(lines), lines };
}

/**
 * Returns a change whose one file was skipped as too large, with a blob stream
 * that yields `content` in 64 KiB chunks and reports `size` as the blob size.
 */
function oversizedChange(content: Buffer, size = content.length): CommitChange {
  const change = changeOfFiles({ 'dist/bundle.js': { new: 'placeholder\n' } });
  const file: FileChange = {
    ...change.files[0]!,
    skipped: 'too-large',
    added: [],
    hunks: [],
    newContent: async () => null,
    newContentStream: () => ({
      size,
      chunks: (async function* () {
        for (let at = 0; at < content.length; at += 64 * 1024) yield content.subarray(at, at + 64 * 1024);
      })(),
    }),
  };
  return { ...change, files: [file] };
}

async function findingsFor(content: Buffer, options: { size?: number; agent?: boolean } = {}) {
  const verdict = await runDetectors(unscannedContent, oversizedChange(content, options.size), { agent: options.agent ?? false });
  return verdict.findings;
}

describe('secret scan of oversized files', () => {
  it('blocks a credential at the end for a human', async () => {
    const { text, lines } = filler(3 * WINDOW_BYTES);
    const findings = await findingsFor(Buffer.from(`${text}const k = "${githubToken()}";\n`));
    const credential = findings.find((f) => f.message.includes('github'));
    expect(credential?.action).toBe('block');
    expect(credential?.line).toBe(lines + 1);
    const tooLarge = findings.find((f) => f.line === 0);
    expect(tooLarge?.action).toBe('warn');
    expect(tooLarge?.evidence).toBe('dist/bundle.js (read by secret rules only)');
  });

  it('finds a credential across a window boundary once', async () => {
    // One long line puts the credential across the end of the first window.
    const token = stripeLiveKey();
    const line = `${'x'.repeat(WINDOW_BYTES - 10)} key="${token}" ${'y'.repeat(WINDOW_BYTES)}\n`;
    const findings = await findingsFor(Buffer.from(`first\n${line}last\n`));
    const credentials = findings.filter((f) => f.line !== 0);
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.line).toBe(2);
    expect(credentials[0]?.action).toBe('block');
  });

  it('numbers lines across many windows', async () => {
    const { text, lines } = filler(5 * WINDOW_BYTES + 12345);
    const findings = await findingsFor(Buffer.from(`${text}token = "${githubToken()}"\n${text}`));
    const credentials = findings.filter((f) => f.line !== 0);
    expect(credentials.map((f) => f.line)).toEqual([lines + 1]);
  });

  it('reads UTF-16 content', async () => {
    const { text, lines } = filler(WINDOW_BYTES);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${text}k = "${githubToken()}"\n`, 'utf16le')]);
    const findings = await findingsFor(utf16);
    expect(findings.filter((f) => f.line !== 0).map((f) => f.line)).toEqual([lines + 1]);
  });

  it('reads binary content for vendor formats', async () => {
    const { text, lines } = filler(WINDOW_BYTES);
    const findings = await findingsFor(Buffer.from(`\0${text}k = "${githubToken()}"\n`));
    expect(findings.filter((f) => f.line !== 0).map((f) => f.line)).toEqual([lines + 1]);
  });

  it('warns on a clean oversized file for a human', async () => {
    const findings = await findingsFor(Buffer.from(filler(2 * WINDOW_BYTES).text));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.action).toBe('warn');
  });

  it('blocks content beyond the scan limit for everyone', async () => {
    const findings = await findingsFor(Buffer.from(filler(WINDOW_BYTES).text), { size: OVERSIZED_SCAN_BYTES + 1 });
    const beyond = findings.find((f) => f.message.startsWith('Only the first 64 MiB'));
    expect(beyond?.action).toBe('block');
    expect(beyond?.line).toBe(0);
    expect(beyond?.evidence).toBe('dist/bundle.js (first 64 MiB scanned)');
  });
});
