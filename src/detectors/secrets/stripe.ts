import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/stripe-live-key',
    severity: 'block',
    confidence: 'high',
    description: 'Report Stripe live secret and restricted keys and live webhook signing secrets.',
    messages: {
      key: 'Stripe live {{kind}} committed. It moves real money; roll it in the Stripe dashboard and read it from the environment.',
    },
  },
  keywords: ['sk_live_', 'rk_live_'],
  patterns: [
    {
      // Test-mode keys (sk_test_) move no money and are left alone.
      regex: /(?<![A-Za-z0-9_])(?<secret>(?<kind>sk|rk)_live_[0-9A-Za-z]{24,247})(?![A-Za-z0-9])/g,
      anchor: /_live_/g,
      messageId: 'key',
      check: (_value, match) => ({ data: { kind: match.groups!.kind === 'sk' ? 'secret key' : 'restricted key' } }),
    },
  ],
});
