import type { Detector } from '../define.js';
import { lazyDetector } from '../lazy.js';

/**
 * Detectors for ways of routing around the other detectors: encoded secrets,
 * characters that make code read differently from how it runs, and submodules
 * repointed to another source. They keep their own categories.
 */
export const evasionDetectors: Detector[] = [
  lazyDetector('secret/encoded-secret', () => import('./encoded-secret.js')),
  lazyDetector('secret/secret-in-path', () => import('./secret-in-path.js')),
  lazyDetector('secret/unscanned-content', () => import('./unscanned-content.js')),
  lazyDetector('disabled-check/hidden-unicode', () => import('./hidden-unicode.js')),
  lazyDetector('dependency/submodule-source', () => import('./submodule-url.js')),
];
