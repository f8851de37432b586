import type { Detector } from '../define.js';
import checkExitNeutralised from './check-exit-neutralised.js';
import ciStepNonBlocking from './ci-step-non-blocking.js';
import guardianConfigChanged from './guardian-config-changed.js';
import suppressionAdded from './suppression-added.js';
import testSkipped from './test-skipped.js';

/** Detectors of the `disabled-check` category, in the order they run. */
export const checkDetectors: Detector[] = [
  testSkipped,
  suppressionAdded,
  ciStepNonBlocking,
  checkExitNeutralised,
  guardianConfigChanged,
];
