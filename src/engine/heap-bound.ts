// Keeps the heap of a long range check in the calling thread near the size it
// reaches early, so that peak memory stays flat as the range grows.
//
// V8 (node 20) doubles the young generation each time enough data survives
// young collections, up to two 16 MB semi-spaces, and a range check's per-batch
// metadata takes it there. Past 16 MB of new space (two 8 MB semi-spaces) the
// bound sets --semi-space-growth-factor=1, which V8 reads each time it would
// grow the space, so it stays at that size. Batch metadata that survived young
// collections is promoted and dies in the old generation, where V8 leaves it
// until its first full collection, long after a 5,000-commit range ends. So at
// batch boundaries, once the heap outside the young generation has grown by
// half its size after the last collection (at least 4 MB), the bound runs one
// full collection.
//
// Measured on the bench push (2 CPUs, one thread, `npm run bench -- --only
// memory`): without the bound, 84 MB and 112 MB peak at 1,000 and 5,000
// commits; with it, 85 MB and 95 MB, with two or three collections of 10 to 20 ms.
// The 500-commit history is one batch, so it gets no collection, and capping
// its young generation cost no measurable CPU.

import type * as V8 from 'node:v8';

/**
 * Environment variable that controls the bound: `off` turns it off, and
 * `every-commit` applies it to ranges of any length, caps the young
 * generation at its size when the range starts and runs a full collection
 * after every commit (for tests, which compare reports with and without it).
 */
export const HEAP_BOUND_ENV = 'DIFF_GUARDIAN_HEAP_BOUND';

// Shorter ranges end before the young generation grows past its cap.
const MIN_BOUNDED_COMMITS = 50;
const MB = 1024 * 1024;
// Size of V8's `new_space` (both semi-spaces) at which its growth stops.
const YOUNG_GENERATION_CAP_BYTES = 16 * MB;
// Growth of the heap outside the young generation that triggers a full
// collection at a batch boundary: this share of its size after the last
// collection, and at least MIN_OLD_GROWTH_BYTES.
const OLD_GROWTH_SHARE = 0.5;
const MIN_OLD_GROWTH_BYTES = 4 * MB;

type GcFunction = () => void;

/** Heap limits of one range check in the calling thread. */
export class RangeHeapBound {
  private youngCapped = false;
  /** Heap bytes outside the young generation after the last full collection, or at the first batch boundary. */
  private baseline: number | null = null;
  private gc: GcFunction | null = null;

  private constructor(
    private readonly v8: typeof V8,
    private readonly createContextGc: () => GcFunction,
    private readonly everyCommit: boolean,
  ) {}

  /**
   * Returns the bound for a range of `commits` commits checked in the calling
   * thread, or null when the range is short or HEAP_BOUND_ENV is `off`.
   */
  static async start(commits: number, env: NodeJS.ProcessEnv = process.env): Promise<RangeHeapBound | null> {
    const mode = env[HEAP_BOUND_ENV];
    if (mode === 'off') return null;
    const everyCommit = mode === 'every-commit';
    if (!everyCommit && commits <= MIN_BOUNDED_COMMITS) return null;
    // Loaded here, so that a staged check never loads them.
    const v8 = await import('node:v8');
    const vm = await import('node:vm');
    const bound = new RangeHeapBound(v8, () => vm.runInNewContext('gc') as GcFunction, everyCommit);
    if (everyCommit) bound.capYoungGeneration();
    return bound;
  }

  /** Caps the young generation once it has reached its cap; with `every-commit`, also collects. */
  afterCommit(): void {
    if (this.everyCommit) this.collect();
    if (this.youngCapped) return;
    const newSpace = this.v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    if (newSpace && newSpace.space_size >= YOUNG_GENERATION_CAP_BYTES) this.capYoungGeneration();
  }

  /** Runs a full collection when the heap outside the young generation has grown enough since the last one. */
  betweenBatches(): void {
    const used = this.usedOutsideYoungGeneration();
    if (this.baseline === null) {
      this.baseline = used;
      return;
    }
    if (used - this.baseline < Math.max(MIN_OLD_GROWTH_BYTES, this.baseline * OLD_GROWTH_SHARE)) return;
    this.collect();
    this.baseline = this.usedOutsideYoungGeneration();
  }

  private capYoungGeneration(): void {
    this.v8.setFlagsFromString('--semi-space-growth-factor=1');
    this.youngCapped = true;
  }

  /**
   * Runs a full garbage collection. V8 installs `gc` only in contexts created
   * while --expose-gc is set, so the flag is set for one new context and
   * cleared again.
   */
  private collect(): void {
    if (!this.gc) {
      this.v8.setFlagsFromString('--expose-gc');
      try {
        this.gc = this.createContextGc();
      } finally {
        this.v8.setFlagsFromString('--no-expose-gc');
      }
    }
    this.gc();
  }

  private usedOutsideYoungGeneration(): number {
    let used = 0;
    for (const space of this.v8.getHeapSpaceStatistics()) {
      if (space.space_name !== 'new_space' && space.space_name !== 'new_large_object_space') used += space.space_used_size;
    }
    return used;
  }
}
