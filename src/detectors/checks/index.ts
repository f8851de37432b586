import type { Detector } from '../define.js';
import { lazyDetector } from '../lazy.js';

/** Detectors of the `disabled-check` category, in the order they run. */
export const checkDetectors: Detector[] = [
  lazyDetector('disabled-check/test-skipped', () => import('./test-skipped.js')),
  lazyDetector('disabled-check/test-removed', () => import('./test-removed.js')),
  lazyDetector('disabled-check/assertions-removed', () => import('./assertions-removed.js')),
  lazyDetector('disabled-check/test-excluded', () => import('./test-excluded.js')),
  lazyDetector('disabled-check/suppression-added', () => import('./suppression-added.js')),
  lazyDetector('disabled-check/ci-step-non-blocking', () => import('./ci-step-non-blocking.js')),
  lazyDetector('disabled-check/check-exit-neutralised', () => import('./check-exit-neutralised.js')),
  lazyDetector('disabled-check/ci-job-removed', () => import('./ci-job-removed.js')),
  lazyDetector('disabled-check/package-scripts-weakened', () => import('./package-scripts-weakened.js')),
  lazyDetector('disabled-check/coverage-threshold-lowered', () => import('./coverage-threshold-lowered.js')),
  lazyDetector('disabled-check/tsconfig-loosened', () => import('./tsconfig-loosened.js')),
  lazyDetector('disabled-check/eslint-rule-loosened', () => import('./eslint-rule-loosened.js')),
  lazyDetector('disabled-check/python-lint-loosened', () => import('./python-lint-loosened.js')),
  lazyDetector('disabled-check/hooks-bypassed', () => import('./hooks-bypassed.js')),
  lazyDetector('disabled-check/hook-removed', () => import('./hook-removed.js')),
  lazyDetector('disabled-check/guardian-config-changed', () => import('./guardian-config-changed.js')),
  lazyDetector('disabled-check/guardian-config-invalid', () => import('./guardian-config-invalid.js')),
  lazyDetector('disabled-check/ignore-file-loosened', () => import('./ignore-file-loosened.js')),
];
