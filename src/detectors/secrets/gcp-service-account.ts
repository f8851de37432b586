import { defineDetector } from '../define.js';
import { scanTexts } from './scan-text.js';
import { shannonEntropy } from './values.js';

const SERVICE_ACCOUNT = /"type"\s*:\s*"service_account"/;
const PRIVATE_KEY = /"private_key"\s*:\s*"(-----BEGIN PRIVATE KEY-----[^"]{0,8000})"/;

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
  keywords: ['service_account'],
  async run(context) {
    for (const text of scanTexts(context.commit, { message: false })) {
      const file = text.file!;
      const isServiceAccount =
        text.lines.some((line) => SERVICE_ACCOUNT.test(line.text)) || SERVICE_ACCOUNT.test((await file.newContent()) ?? '');
      if (!isServiceAccount) continue;
      const email = text.lines.map((line) => /"client_email"\s*:\s*"([^"]{1,200})"/.exec(line.text)?.[1]).find(Boolean);
      for (const line of text.lines) {
        const match = PRIVATE_KEY.exec(line.text);
        if (!match) continue;
        const material = keyMaterial(match[1]!);
        if (material.length < 64 || shannonEntropy(material) < 4.5) continue;
        context.report({
          messageId: 'found',
          data: { account: email ?? 'the service account' },
          file: text.path,
          line: line.line,
          match: material,
        });
      }
    }
  },
});
