import { defineDetector } from '../define.js';
import { scanTexts } from './scan-text.js';
import { shannonEntropy } from './values.js';

const SERVICE_ACCOUNT = /"type"\s*:\s*"service_account"/;
const CLIENT_EMAIL = /"client_email"\s*:\s*"([^"]{1,200})"/;
const PRIVATE_KEY = /"private_key"\s*:\s*"(-----BEGIN PRIVATE KEY-----[^"]{0,8000})"/;

// Service-account key files are a few kilobytes, so larger JSON is not parsed.
const MAX_KEY_FILE = 64 * 1024;

/** The base64 between the PEM markers of a JSON-escaped key. */
function keyMaterial(escaped: string): string {
  return escaped
    .replace(/\\n/g, '\n')
    .replace(/-----(?:BEGIN|END) PRIVATE KEY-----/g, '')
    .replace(/\s+/g, '');
}

export default defineDetector({
  meta: {
    id: 'secret/gcp-service-account',
    category: 'secret',
    severity: 'block',
    confidence: 'high',
    description: 'Report Google Cloud service-account key files (JSON with a private key).',
    messages: {
      found:
        'Google Cloud service-account key committed. It authenticates as {{account}} until the key is deleted; delete the key in IAM and use workload identity or a secret store.',
    },
  },
  // A rotated key changes the private_key line alone, so either word lets the rule run.
  keywords: ['service_account', 'private_key'],
  async run(context) {
    for (const text of scanTexts(context.commit, { message: false })) {
      const file = text.file!;
      const isServiceAccount =
        text.lines.some((line) => SERVICE_ACCOUNT.test(line.text)) || SERVICE_ACCOUNT.test((await file.newContent()) ?? '');
      if (!isServiceAccount) continue;
      // The account is read from the whole file when the change leaves its line as it was.
      const email =
        text.lines.map((line) => CLIENT_EMAIL.exec(line.text)?.[1]).find(Boolean) ??
        CLIENT_EMAIL.exec((await file.newContent())?.slice(0, MAX_KEY_FILE) ?? '')?.[1];
      let reported = false;
      for (const line of text.lines) {
        const match = PRIVATE_KEY.exec(line.text);
        if (!match) continue;
        const material = keyMaterial(match[1]!);
        if (!isKeyMaterial(material)) continue;
        reported = true;
        context.report({
          messageId: 'found',
          data: { account: email ?? 'the service account' },
          file: text.path,
          line: line.line,
          match: material,
        });
      }
      if (reported) continue;
      // A key whose PEM markers are written as JSON escapes (`\u002d`) only shows once parsed.
      const parsed = parsedKey(await file.newContent());
      if (!parsed || parsedKey(await file.oldContent())?.material === parsed.material) continue;
      const line = text.lines.find((added) => added.text.includes('private_key"')) ?? text.lines[0];
      if (!line) continue;
      context.report({
        messageId: 'found',
        data: { account: parsed.account },
        file: text.path,
        line: line.line,
        match: parsed.material,
      });
    }
  },
});

function isKeyMaterial(material: string): boolean {
  return material.length >= 64 && shannonEntropy(material) >= 4.5;
}

/** Reads a service-account key file as JSON, returning its key material and account, or null. */
function parsedKey(content: string | null): { material: string; account: string } | null {
  if (content === null || content.length > MAX_KEY_FILE) return null;
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, private_key: key, client_email: email } = value as Record<string, unknown>;
  if (type !== 'service_account' || typeof key !== 'string') return null;
  if (!key.startsWith('-----BEGIN PRIVATE KEY-----')) return null;
  const material = keyMaterial(key);
  if (!isKeyMaterial(material)) return null;
  const account = typeof email === 'string' ? email.slice(0, 200) : 'the service account';
  return { material, account };
}
