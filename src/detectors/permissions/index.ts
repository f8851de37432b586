import type { Detector } from '../define.js';

/** Detectors of the `permission` category, in the order they run. */
export const permissionDetectors: Detector[] = [];
