import type { Detector } from '../define.js';
import assertionsRemoved from './assertions-removed.js';
import checkExitNeutralised from './check-exit-neutralised.js';
import ciJobRemoved from './ci-job-removed.js';
import ciStepNonBlocking from './ci-step-non-blocking.js';
import coverageThresholdLowered from './coverage-threshold-lowered.js';
import eslintRuleLoosened from './eslint-rule-loosened.js';
import guardianConfigChanged from './guardian-config-changed.js';
import guardianConfigInvalid from './guardian-config-invalid.js';
import hookRemoved from './hook-removed.js';
import hooksBypassed from './hooks-bypassed.js';
import ignoreFileLoosened from './ignore-file-loosened.js';
import packageScriptsWeakened from './package-scripts-weakened.js';
import pythonLintLoosened from './python-lint-loosened.js';
import suppressionAdded from './suppression-added.js';
import testExcluded from './test-excluded.js';
import testRemoved from './test-removed.js';
import testSkipped from './test-skipped.js';
import tsconfigLoosened from './tsconfig-loosened.js';

/** Detectors of the `disabled-check` category, in the order they run. */
export const checkDetectors: Detector[] = [
  testSkipped,
  testRemoved,
  assertionsRemoved,
  testExcluded,
  suppressionAdded,
  ciStepNonBlocking,
  checkExitNeutralised,
  ciJobRemoved,
  packageScriptsWeakened,
  coverageThresholdLowered,
  tsconfigLoosened,
  eslintRuleLoosened,
  pythonLintLoosened,
  hooksBypassed,
  hookRemoved,
  guardianConfigChanged,
  guardianConfigInvalid,
  ignoreFileLoosened,
];
