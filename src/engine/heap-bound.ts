// Keeps the heap of a range check in the calling thread near the size it
// reaches in its first batch, so that peak memory stays flat as the range grows.
//
// V8 (node 20) doubles the young generation each time enough data survives
// young collections, up to two 16 MB semi-spaces, and the metadata of each
// batch, alive for the whole batch, takes it there over a long range. From the
// second batch on, once new space has reached 16 MB (two 8 MB semi-spaces),
// the bound sets --semi-space-growth-factor=1, which V8 reads each time it
// would grow the space, so the space keeps that size. That metadata is also
// promoted and dies in the old generation, which V8 let grow from 7 to 17 MB
// over a 5,000-commit check. So at a batch boundary, once the heap outside the
// young generation has grown by half its size after the last full collection
// (and by 4 MB at least), the bound runs a full collection.
//
// On the bench push (one thread, 2 CPUs, `npm run bench -- --only memory`),
// 1,000, 2,500 and 5,000 commits peaked at 84, 90 and 94 MB with the bound and
// at 84, 102 and 112 MB without it. At 5,000 commits it ran one full collection
// of 15 to 40 ms. A range of one batch (500 commits) is left alone.

import type * as V8 from 'node:v8';

/**
 * Environment variable that controls the bound. `off` turns it off. With
 * `every-commit` it applies to ranges of any length, caps the young generation
 * at its size when the range starts, and runs a full collection after every
 * commit, so that tests can compare reports with and without it.
 */
export const HEAP_BOUND_ENV = 'DIFF_GUARDIAN_HEAP_BOUND';

const MB = 1024 * 1024;
// Size of V8's `new_space` (both semi-spaces) at which its growth stops.
const YOUNG_GENERATION_CAP_BYTES = 16 * MB;
// Growth of the heap outside the young generation that triggers a full
// collection at a batch boundary: this share of its size after the last
// collection, and at least MIN_OLD_GROWTH_BYTES.
const OLD_GROWTH_SHARE = 0.5;
const MIN_OLD_GROWTH_BYTES = 4 * MB;
// V8's default for --semi-space-growth-factor in node 20 (`node --v8-options`),
// set again when the range check ends.
const DEFAULT_SEMI_SPACE_GROWTH_FACTOR = 2;

type GcFunction = () => void;

/**
 * Heap limits of one range check in the calling thread.
 *
 * NOTE: a first batch of large commits can take new space to its 32 MB
 * maximum before the cap applies, and the bound never shrinks it.
 */
export class RangeHeapBound {
  private youngCapped = false;
  private batchesDone = 0;
  /** Heap bytes outside the young generation after the last full collection or the first batch. */
  private baseline: number | null = null;
  private gc: GcFunction | null = null;

  private constructor(
    private readonly v8: typeof V8,
    private readonly createContextGc: () => GcFunction | null,
    private readonly everyCommit: boolean,
  ) {}

  /**
   * Returns the bound for a range checked in `batches` batches in the calling
   * thread. Returns null when HEAP_BOUND_ENV is `off`, and for a range of one
   * batch, whose heap contains the data of one batch at most.
   */
  static async start(
    batches: number,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<RangeHeapBound | null> {
    const mode = env[HEAP_BOUND_ENV];
    if (mode === 'off') return null;
    const everyCommit = mode === 'every-commit';
    if (!everyCommit && batches < 2) return null;
    // Loaded only for a bounded range, so that shorter checks never load them.
    const v8 = await import('node:v8');
    const vm = await import('node:vm');
    const createContextGc = (): GcFunction | null =>
      vm.runInNewContext('typeof gc === "function" ? gc : null') as GcFunction | null;
    const bound = new RangeHeapBound(v8, createContextGc, everyCommit);
    if (everyCommit) bound.capYoungGeneration();
    return bound;
  }

  /**
   * Caps the young generation once it has reached its cap, from the second
   * batch on. With `every-commit`, also runs a full collection.
   */
  afterCommit(): void {
    if (this.everyCommit) this.collect();
    if (this.youngCapped || this.batchesDone === 0) return;
    const spaces = this.v8.getHeapSpaceStatistics();
    const newSpace = spaces.find((space) => space.space_name === 'new_space');
    if (newSpace && newSpace.space_size >= YOUNG_GENERATION_CAP_BYTES) this.capYoungGeneration();
  }

  /** Runs a full collection when the heap outside the young generation has grown enough. */
  betweenBatches(): void {
    this.batchesDone += 1;
    const used = this.usedOutsideYoungGeneration();
    if (this.baseline === null) {
      this.baseline = used;
      return;
    }
    const growth = Math.max(MIN_OLD_GROWTH_BYTES, this.baseline * OLD_GROWTH_SHARE);
    if (used - this.baseline < growth) return;
    this.collect();
    this.baseline = this.usedOutsideYoungGeneration();
  }

  /** Lets the young generation grow again as V8 would, once the range check has ended. */
  finish(): void {
    if (!this.youngCapped) return;
    this.v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_SEMI_SPACE_GROWTH_FACTOR}`);
    this.youngCapped = false;
  }

  private capYoungGeneration(): void {
    this.v8.setFlagsFromString('--semi-space-growth-factor=1');
    this.youngCapped = true;
  }

  /**
   * Runs a full garbage collection. V8 installs `gc` only in contexts created
   * while --expose-gc is set, so the flag is set for one new context and
   * cleared again. A node that installs no `gc` there gets no collections,
   * and the check runs on unchanged.
   */
  private collect(): void {
    if (!this.gc) {
      this.v8.setFlagsFromString('--expose-gc');
      try {
        this.gc = this.createContextGc() ?? ((): void => undefined);
      } finally {
        this.v8.setFlagsFromString('--no-expose-gc');
      }
    }
    this.gc();
  }

  private usedOutsideYoungGeneration(): number {
    let used = 0;
    for (const space of this.v8.getHeapSpaceStatistics()) {
      const name = space.space_name;
      if (name !== 'new_space' && name !== 'new_large_object_space') used += space.space_used_size;
    }
    return used;
  }
}
