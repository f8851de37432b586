import type { Detector } from '../define.js';

/** Detectors of the `dependency` category, in the order they run. */
export const dependencyDetectors: Detector[] = [];
