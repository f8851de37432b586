import type { Detector } from '../define.js';
import { lazyDetector } from '../lazy.js';
import type { IssueKind } from './types.js';

/** Returns the lazy detector of one dependency finding kind. The kinds share one module, loaded by the first that runs. */
function dependencyDetector(kind: IssueKind): Detector {
  return lazyDetector(`dependency/${kind}`, async () => ({ default: (await import('./detectors.js')).dependencyDetector(kind) }));
}

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
