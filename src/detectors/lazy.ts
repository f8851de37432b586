// Detectors whose modules load the first time they run. A staged check of a
// typical commit runs about 20 of the 83 detectors: the others are skipped by
// their keywords, and loading their modules (compiling them, building their
// patterns) cost a staged check about 3 ms of its 90. The keywords the engine
// reads before running a detector come from a catalog that scripts/generate.mjs
// writes at build time by loading every detector module.
import type { Detector, DetectorContext, DetectorMeta } from './define.js';
import { DETECTOR_INDEX, detectorMetaById } from './generated/catalog.js';

/** A detector as the registries list it. `load()` returns the module's own detector. */
export interface LazyDetector extends Detector {
  load(): Promise<Detector>;
  /** True once the module has loaded. */
  readonly isLoaded: boolean;
  /** True for a detector left out of the default pack. */
  readonly experimental: boolean;
}

type Loader = () => Promise<{ default: Detector }>;

class LazyEntry implements LazyDetector {
  readonly keywords: readonly string[] | undefined;
  readonly experimental: boolean;
  private loaded: Detector | undefined;
  private loading: Promise<Detector> | undefined;

  constructor(
    private readonly id: string,
    private readonly loader: Loader,
  ) {
    // A catalog written before a detector existed has no entry for it. Such a
    // detector has no keywords here, so it runs on every commit rather than on none.
    const entry = DETECTOR_INDEX[id];
    this.keywords = entry?.keywords;
    this.experimental = entry?.experimental === true;
  }

  /** The module's meta once it has loaded, the catalog's before. */
  get meta(): DetectorMeta {
    if (this.loaded) return this.loaded.meta;
    const meta = detectorMetaById()[this.id];
    if (!meta) {
      throw new Error(`detector ${this.id} is missing from the generated catalog; run \`npm run build\` (scripts/generate.mjs writes it)`);
    }
    return meta;
  }

  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }

  /** The module's detector once it has loaded. */
  get current(): Detector | undefined {
    return this.loaded;
  }

  load(): Promise<Detector> {
    this.loading ??= this.loader().then(({ default: detector }) => {
      if (detector.meta.id !== this.id) throw new Error(`invalid detector module for ${this.id}: it declares ${detector.meta.id}, so the registry entry and the module disagree`);
      this.loaded = detector;
      return detector;
    });
    return this.loading;
  }

  async run(context: DetectorContext): Promise<void> {
    await (this.loaded ?? (await this.load())).run(context);
  }
}

/**
 * Returns a detector that loads its module on its first run. `id` must be the
 * id that the module's detector declares. Loading fails on another id, so a
 * registry and its modules cannot drift apart.
 */
export function lazyDetector(id: string, loader: Loader): LazyDetector {
  return new LazyEntry(id, loader);
}

function isLazy(detector: Detector): detector is LazyDetector {
  return detector instanceof LazyEntry;
}

/** Returns the module's own detector when `detector` is lazy and has loaded, else `detector`. */
export function loadedDetector(detector: Detector): Detector {
  return (isLazy(detector) && (detector as LazyEntry).current) || detector;
}

/** Tells whether a detector is experimental, without loading its module. */
export function isExperimental(detector: Detector): boolean {
  return isLazy(detector) ? detector.experimental : detector.meta.status === 'experimental';
}

/** Loads the modules of every detector in `detectors` that is lazy, and returns the loaded detectors in the same order. */
export async function loadDetectors(detectors: readonly Detector[]): Promise<Detector[]> {
  return Promise.all(detectors.map((detector) => (isLazy(detector) ? detector.load() : detector)));
}

/** Loads the modules of the detectors in `detectors` that have not loaded. Returns null when there are none. */
export function loadPending(detectors: readonly Detector[]): Promise<unknown> | null {
  const pending = detectors.filter((detector) => isLazy(detector) && !detector.isLoaded) as LazyDetector[];
  return pending.length === 0 ? null : Promise.all(pending.map((detector) => detector.load()));
}
