import type { DiffLine } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { scanTexts } from './scan-text.js';
import { shannonEntropy } from './values.js';

const BEGIN = /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/;
const PUTTY = /^\s*["']?PuTTY-User-Key-File-[23]: /;
// Lines scanned after a header before giving up on its footer.
const MAX_BODY_LINES = 400;
// Shortest base64 body a real key has: a raw Ed25519 key in PKCS#8 is 64
// characters, every other type is longer.
const MIN_MATERIAL = 64;

/** Strips quotes, string escapes, concatenation and comment markers around one body line. */
function cleanBodyLine(text: string): string {
  return text
    .replace(/\\r|\\n/g, '\n')
    .split('\n')
    .map((part) =>
      part
        .trim()
        .replace(/^(?:\/\/|#|\*|--|;|>)\s*/, '')
        .replace(/^[+,]?\s*["'`]/, '')
        .replace(/["'`]\s*[+,;)]*\s*$/, '')
        .trim(),
    )
    .join('\n');
}

/** Base64 key material in a body: whole lines of base64 only, so placeholder prose adds nothing. */
function materialOf(body: string): string {
  let material = '';
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (/^[A-Za-z0-9+/]{4,}={0,2}$/.test(trimmed)) material += trimmed;
  }
  return material;
}

function isKeyMaterial(material: string): boolean {
  return material.length >= MIN_MATERIAL && shannonEntropy(material) >= 4.5;
}

/** Returns the base64 key material of a PEM block given as text (header, body, footer), or null for a placeholder body. */
export function keyMaterialOf(block: string): string | null {
  const body = block.replace(/-----(?:BEGIN|END) [A-Z0-9 ]{1,40}-----/g, '\n');
  const material = materialOf(body.split('\n').map(cleanBodyLine).join('\n'));
  return isKeyMaterial(material) ? material : null;
}

interface Block {
  kind: string;
  line: number;
  material: string;
  encrypted: boolean;
}

function blocksOfRun(run: DiffLine[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < run.length; i += 1) {
    const text = run[i]!.text.slice(0, 1 << 20);
    const header = BEGIN.exec(text);
    if (header) {
      const kind = header[1]!;
      const end = `-----END ${kind}-----`;
      const after = text.slice(header.index + header[0].length);
      let body = '';
      if (after.includes(end) || after.includes('-----END')) {
        body = cleanBodyLine(after.slice(0, after.indexOf('-----END')));
      } else {
        body = cleanBodyLine(after);
        for (let j = i + 1; j < run.length && j <= i + MAX_BODY_LINES; j += 1) {
          const next = run[j]!.text;
          const stop = next.indexOf('-----END');
          body += `\n${cleanBodyLine(stop >= 0 ? next.slice(0, stop) : next)}`;
          if (stop >= 0) break;
        }
      }
      const encrypted = kind.includes('ENCRYPTED') || /Proc-Type: 4,ENCRYPTED/.test(body);
      blocks.push({ kind, line: run[i]!.line, material: materialOf(body), encrypted });
      continue;
    }
    if (PUTTY.test(text)) {
      let body = '';
      let encrypted = false;
      for (let j = i + 1; j < run.length && j <= i + MAX_BODY_LINES; j += 1) {
        const next = cleanBodyLine(run[j]!.text);
        if (/^Encryption: (?!none)/.test(next)) encrypted = true;
        if (/^Private-MAC:/.test(next) || PUTTY.test(next)) break;
        if (!/^[A-Za-z-]+: /.test(next)) body += `\n${next}`;
      }
      blocks.push({ kind: 'PuTTY private key', line: run[i]!.line, material: materialOf(body), encrypted });
    }
  }
  return blocks;
}

export default defineDetector({
  meta: {
    id: 'secret/private-key',
    category: 'secret',
    severity: 'block',
    confidence: 'high',
    description: 'Report private keys (PEM of every type, OpenSSH, PuTTY, PGP) that carry key material.',
    messages: {
      found:
        'Private key ({{kind}}) committed. Whoever reads the history holds the key; revoke and replace it, and keep the key file out of the repository.',
      encrypted:
        'Passphrase-protected private key ({{kind}}) committed. It can be attacked offline; replace it and keep the key file out of the repository.',
    },
  },
  keywords: ['private key', 'putty-user-key-file'],
  run(context) {
    for (const text of scanTexts(context.commit)) {
      for (const run of text.runs) {
        for (const block of blocksOfRun(run)) {
          // A header around a placeholder (`...`, `<paste your key here>`, REPLACE_ME) carries no key.
          if (!isKeyMaterial(block.material)) continue;
          context.report({
            messageId: block.encrypted ? 'encrypted' : 'found',
            severity: block.encrypted ? 'warn' : undefined,
            data: { kind: block.kind.toLowerCase() },
            file: text.path,
            line: block.line,
            match: block.material,
          });
        }
      }
    }
  },
});
