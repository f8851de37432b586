import type { FileChange } from '../../model/types.js';
import { defineDetector, type Detector } from '../define.js';
import { rescanForSecrets } from './rescan.js';

// Runs of base64 or hex long enough to hide a credential. Each is decoded, and
// when the result is text, every secret detector reads it as an added line at
// the run's position. Binary results (images, digests, compressed data) are skipped.
const BASE64_RUN = /[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9_-]{24,}={0,2}/g;
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}){16,}\b/g;
const MAX_RUNS_PER_FILE = 200;
const MAX_RUN_LENGTH = 64 * 1024;

function printableText(bytes: Buffer): string | null {
  if (bytes.length < 12) return null;
  let printable = 0;
  for (const byte of bytes) if ((byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09) printable += 1;
  return printable / bytes.length >= 0.95 ? bytes.toString('latin1') : null;
}

/** Decodes a run as hex or base64 (standard or URL-safe) and returns it when it is text. */
export function decodeRun(run: string): { text: string; encoding: 'hex' | 'base64' } | null {
  if (run.length > MAX_RUN_LENGTH) return null;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(run)) {
    const text = printableText(Buffer.from(run, 'hex'));
    if (text) return { text, encoding: 'hex' };
  }
  if (!/[A-Za-z]/.test(run) || !/[0-9+/=_-]/.test(run)) return null;
  const text = printableText(Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  return text ? { text, encoding: 'base64' } : null;
}

function decodedFile(file: FileChange): FileChange | null {
  const added: FileChange['added'] = [];
  let runs = 0;
  for (const line of file.added) {
    if (runs >= MAX_RUNS_PER_FILE) break;
    for (const pattern of [HEX_RUN, BASE64_RUN]) {
      for (const match of line.text.matchAll(pattern)) {
        runs += 1;
        const decoded = decodeRun(match[0]);
        if (!decoded) continue;
        for (const piece of decoded.text.split(/\r?\n/)) added.push({ line: line.line, text: piece });
      }
    }
  }
  if (added.length === 0) return null;
  return { ...file, added, removed: [], hunks: [], oldContent: async () => null, newContent: async () => added.map((l) => l.text).join('\n') };
}

const detector: Detector = defineDetector({
  meta: {
    id: 'secret/encoded-secret',
    category: 'secret',
    severity: 'block',
    confidence: 'medium',
    description: 'Report credentials hidden inside base64 or hex encoded strings.',
    messages: {
      encoded:
        'An encoded string decodes to a credential ({{rule}}). Encoding does not protect it: remove it, rotate it, and read it from the environment or a secret store.',
    },
  },
  async run(context) {
    const files = context.commit.files.map((f) => (f.skipped ? null : decodedFile(f))).filter((f): f is FileChange => f !== null);
    await rescanForSecrets(context, files, (inner, descriptor) =>
      context.report({
        messageId: 'encoded',
        data: { rule: inner.meta.id },
        file: descriptor.file,
        line: descriptor.line,
        match: descriptor.match,
      }),
    );
  },
});

export default detector;
