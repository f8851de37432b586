import type { Detector } from '../define.js';
import { dependencyDetector } from './detectors.js';

export { judgeInstall, type InstallJudgement, type InstallRequest } from './judge-install.js';

/** Detectors of the `dependency` category, in the order they run. */
export const dependencyDetectors: Detector[] = [
  dependencyDetector('denied-package'),
  dependencyDetector('typosquat'),
  dependencyDetector('non-registry-source'),
  dependencyDetector('lockfile-source'),
  dependencyDetector('install-script'),
  dependencyDetector('custom-registry'),
  dependencyDetector('go-module-replaced'),
  dependencyDetector('unpinned-action'),
  dependencyDetector('range-loosened'),
  dependencyDetector('major-upgrade'),
  dependencyDetector('unpinned-version'),
  dependencyDetector('too-many-new'),
  dependencyDetector('lockfile-only'),
  dependencyDetector('new-dependency'),
];
