import type { CatalogEntry } from '../lazy.js';

/** Meta and keywords of every detector by id, read from the detector modules at build time by scripts/generate.mjs. */
export declare const DETECTOR_CATALOG: Record<string, CatalogEntry>;
