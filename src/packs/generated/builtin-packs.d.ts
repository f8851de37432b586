import type { PackDocument } from '../types.js';

/** The packs in rules/*.yml, parsed and validated at build time by scripts/generate.mjs. */
export declare const BUILTIN_PACKS: Record<string, { file: string; sha256: string; data: PackDocument }>;
