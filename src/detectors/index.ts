import { checkDetectors } from './checks/index.js';
import type { Detector } from './define.js';
import { isExperimental } from './lazy.js';
import { dependencyDetectors } from './dependencies/index.js';
import { evasionDetectors } from './evasion/index.js';
import { permissionDetectors } from './permissions/index.js';
import { secretDetectors } from './secrets/index.js';

/** Returns every detector that ships, grouped by category; experimental ones are included and marked. */
export function allDetectors(): Detector[] {
  return [...secretDetectors, ...permissionDetectors, ...checkDetectors, ...dependencyDetectors, ...evasionDetectors];
}

/** Returns the detectors that run by default: every stable one. */
export function defaultDetectors(): Detector[] {
  return allDetectors().filter((d) => !isExperimental(d));
}
