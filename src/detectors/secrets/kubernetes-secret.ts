import { parseAllDocuments } from '../../util/yaml.js';
import { defineDetector } from '../define.js';
import { credentialNameKind } from './credential-names.js';
import { judgeCredentialValue } from './judge-value.js';
import { scanTexts } from './scan-text.js';
import { isPlausibleSecret, looksRandom } from './values.js';

// Keys of a Secret that hold no credential in the usual manifests.
const PUBLIC_KEYS = /^(?:user(?:name)?|host(?:name)?|port|database|db|url|endpoint|region|ca\.crt|tls\.crt|namespace)$/i;

function decodeBase64(value: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return /^[\x20-\x7e\t\r\n]*$/.test(decoded) ? decoded : null;
}

export default defineDetector({
  meta: {
    id: 'secret/kubernetes-secret',
    category: 'secret',
    severity: 'block',
    confidence: 'medium',
    description: "Report Kubernetes Secret manifests whose `data` (base64-decoded) or `stringData` holds a literal credential.",
    messages: {
      found:
        'Kubernetes Secret `{{secret}}` carries a literal value for `{{key}}` (base64 is an encoding, not encryption). Rotate it and create the Secret from a sealed or external secret store.',
    },
  },
  keywords: ['kind: secret'],
  async run(context) {
    for (const text of scanTexts(context.commit, { message: false })) {
      if (!/\.ya?ml$/i.test(text.path) || !text.lines.some((line) => /^\s*kind:\s*Secret\s*$/.test(line.text))) continue;
      const content = await text.file!.newContent();
      if (content === null) continue;
      let documents;
      try {
        documents = parseAllDocuments(content);
      } catch {
        continue;
      }
      for (const document of documents) {
        const manifest = document.toJS() as Record<string, unknown> | null;
        if (!manifest || manifest.kind !== 'Secret') continue;
        const name = String((manifest.metadata as { name?: unknown } | undefined)?.name ?? 'unnamed');
        for (const [field, encoded] of [['data', true], ['stringData', false]] as const) {
          const entries = manifest[field];
          if (!entries || typeof entries !== 'object') continue;
          for (const [key, raw] of Object.entries(entries as Record<string, unknown>)) {
            if (typeof raw !== 'string' || PUBLIC_KEYS.test(key)) continue;
            const value = encoded ? decodeBase64(raw.trim()) : raw;
            if (value === null || !isPlausibleSecret(value.trim())) continue;
            // Every key of a Secret is a credential unless its name says otherwise.
            const judged = judgeCredentialValue(value.trim(), credentialNameKind(key) ?? 'secret');
            if (!judged && !looksRandom(value.trim())) continue;
            // NOTE: the first added line with this key is used, which can belong to another document of the file.
            const line = text.lines.find((l) => new RegExp(`^\\s*["']?${escapeRegExp(key)}["']?\\s*:`).test(l.text));
            if (!line) continue;
            context.report({
              messageId: 'found',
              severity: judged?.severity ?? 'block',
              data: { secret: name, key },
              file: text.path,
              line: line.line,
              // The text as written in the file, so the finding lines up with other rules on this line.
              match: raw.trim(),
            });
          }
        }
      }
    }
  },
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
