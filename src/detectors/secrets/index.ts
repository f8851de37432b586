import type { Detector } from '../define.js';
import secretlint from './secretlint.js';

/** Detectors of the `secret` category, in the order they run. */
export const secretDetectors: Detector[] = [secretlint];
