import { defineTokenDetector } from './token-detector.js';

function decodeJson(segment: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export default defineTokenDetector({
  meta: {
    id: 'secret/jwt',
    severity: 'block',
    confidence: 'medium',
    description: 'Report signed JSON Web Tokens whose header and payload decode.',
    messages: {
      found:
        'Signed JSON Web Token committed. Until it expires it authenticates as its subject; revoke the session or rotate the signing key, and load tokens at run time.',
      expired: 'Signed JSON Web Token committed; it has expired, but the signature still shows which key signed it.',
      unsigned: 'Unsigned JSON Web Token (alg none) committed. Check that the service rejects unsigned tokens.',
    },
  },
  keywords: ['eyj'],
  patterns: [
    {
      regex: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.(?<signature>[A-Za-z0-9_-]{0,1400}))(?![A-Za-z0-9_-])/g,
      anchor: /eyJ/g,
      messageId: 'found',
      check(value) {
        const [headerPart, payloadPart, signature = ''] = value.split('.');
        const header = decodeJson(headerPart!);
        const payload = decodeJson(payloadPart!);
        // A token whose parts do not decode is a look-alike, such as a truncated sample.
        if (!header || !payload || typeof header.alg !== 'string') return false;
        if (header.alg.toLowerCase() === 'none' || signature.length < 16) return { messageId: 'unsigned', severity: 'info' };
        if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) return { messageId: 'expired', severity: 'warn' };
        return true;
      },
    },
  ],
});
