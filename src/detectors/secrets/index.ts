import type { Detector } from '../define.js';
import { lazyDetector } from '../lazy.js';

/**
 * Detectors of the `secret` category, in the order they run. When two of them
 * report the same value on the same line, the engine keeps the first (unless a
 * later one is more severe), so vendor-specific rules come before secretlint's
 * preset and the generic rules come last.
 */
export const secretDetectors: Detector[] = [
  lazyDetector('secret/aws-access-key', () => import('./aws.js')),
  lazyDetector('secret/gcp-service-account', () => import('./gcp-service-account.js')),
  lazyDetector('secret/azure-storage', () => import('./azure-storage.js')),
  lazyDetector('secret/github-token', () => import('./github-token.js')),
  lazyDetector('secret/gitlab-token', () => import('./gitlab-token.js')),
  lazyDetector('secret/npm-token', () => import('./npm-token.js')),
  lazyDetector('secret/pypi-token', () => import('./pypi-token.js')),
  lazyDetector('secret/slack', () => import('./slack.js')),
  lazyDetector('secret/stripe-live-key', () => import('./stripe.js')),
  lazyDetector('secret/twilio', () => import('./twilio.js')),
  lazyDetector('secret/sendgrid-api-key', () => import('./sendgrid.js')),
  lazyDetector('secret/openai-api-key', () => import('./openai.js')),
  lazyDetector('secret/anthropic-api-key', () => import('./anthropic.js')),
  lazyDetector('secret/private-key', () => import('./private-key.js')),
  lazyDetector('secret/jwt', () => import('./jwt.js')),
  lazyDetector('secret/database-url', () => import('./database-url.js')),
  lazyDetector('secret/url-credentials', () => import('./url-credentials.js')),
  lazyDetector('secret/http-authorization', () => import('./http-authorization.js')),
  lazyDetector('secret/dotnet-app-settings', () => import('./dotnet-app-settings.js')),
  lazyDetector('secret/kubernetes-secret', () => import('./kubernetes-secret.js')),
  lazyDetector('secret/secretlint', () => import('./secretlint.js')),
  lazyDetector('secret/generic-assignment', () => import('./generic-assignment.js')),
  lazyDetector('secret/high-entropy-value', () => import('./high-entropy-value.js')),
  lazyDetector('secret/credential-file', () => import('./credential-file.js')),
];
