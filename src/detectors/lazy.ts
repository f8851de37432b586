// Detectors whose modules load the first time they run. A staged check of a
// typical commit runs about 20 of the 83 detectors: the others are skipped by
// their keywords, and loading their modules (compiling them, building their
// patterns) cost a staged check about 3 ms of its 90. The meta and keywords the
// engine reads before running a detector come from a catalog that
// scripts/generate.mjs writes at build time by loading every detector module.
import type { Detector, DetectorContext, DetectorMeta } from './define.js';
import { DETECTOR_CATALOG } from './generated/catalog.js';

/** The catalog's record of one detector: its meta and keywords, without its code. */
export interface CatalogEntry {
  meta: DetectorMeta;
  keywords?: readonly string[];
}

/** A detector as the registries list it; `load()` returns the module's own detector. */
export interface LazyDetector extends Detector {
  load(): Promise<Detector>;
  /** True once the module has loaded. */
  readonly isLoaded: boolean;
}

type Loader = () => Promise<{ default: Detector }>;

function catalogEntry(id: string): CatalogEntry {
  const entry = (DETECTOR_CATALOG as Record<string, CatalogEntry | undefined>)[id];
  if (!entry) {
    throw new Error(`detector ${id} is missing from the generated catalog; run \`npm run build\` (scripts/generate.mjs writes it)`);
  }
  return entry;
}

/**
 * Returns a detector that loads its module on its first run. `id` must be the
 * id that the module's detector declares. Loading fails on another id, so a
 * registry and its modules cannot drift apart.
 */
export function lazyDetector(id: string, loader: Loader): LazyDetector {
  let loaded: Detector | undefined;
  let loading: Promise<Detector> | undefined;
  const load = (): Promise<Detector> =>
    (loading ??= loader().then(({ default: detector }) => {
      if (detector.meta.id !== id) throw new Error(`detector module for ${id} declares ${detector.meta.id}`);
      loaded = detector;
      return detector;
    }));
  // A catalog written before a detector existed has no entry for it. Such a
  // detector has no keywords here, so it runs on every commit rather than on none.
  // Its meta, read when it reports, then comes from its module.
  const entry = (DETECTOR_CATALOG as Record<string, CatalogEntry | undefined>)[id];
  return {
    get meta(): DetectorMeta {
      return loaded?.meta ?? catalogEntry(id).meta;
    },
    keywords: entry?.keywords,
    load,
    get isLoaded(): boolean {
      return loaded !== undefined;
    },
    async run(context: DetectorContext): Promise<void> {
      await (loaded ?? (await load())).run(context);
    },
  };
}

function isLazy(detector: Detector): detector is LazyDetector {
  return 'load' in detector;
}

/** Loads the modules of every detector in `detectors` that is lazy, and returns the loaded detectors in the same order. */
export async function loadDetectors(detectors: readonly Detector[]): Promise<Detector[]> {
  return Promise.all(detectors.map((detector) => (isLazy(detector) ? detector.load() : detector)));
}

/** Loads the modules of the detectors in `detectors` that have not loaded; returns null when there are none. */
export function loadPending(detectors: readonly Detector[]): Promise<unknown> | null {
  const pending = detectors.filter((detector) => isLazy(detector) && !detector.isLoaded) as LazyDetector[];
  return pending.length === 0 ? null : Promise.all(pending.map((detector) => detector.load()));
}
