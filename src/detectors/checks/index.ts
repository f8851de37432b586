import type { Detector } from '../define.js';
import guardianConfigChanged from './guardian-config-changed.js';

/** Detectors of the `disabled-check` category, in the order they run. */
export const checkDetectors: Detector[] = [guardianConfigChanged];
