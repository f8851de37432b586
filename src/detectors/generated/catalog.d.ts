import type { DetectorMeta } from '../define.js';

/** Keywords of every detector by id, and which detectors are experimental, read from the detector modules at build time by scripts/generate.mjs. */
export declare const DETECTOR_INDEX: Record<string, { keywords?: readonly string[]; experimental?: true } | undefined>;

/** Returns the meta of every detector by id, parsed on the first call. */
export declare function detectorMetaById(): Record<string, DetectorMeta | undefined>;
