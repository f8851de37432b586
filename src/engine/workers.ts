import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { ConfigError, GitError, UsageError } from '../errors.js';
import type { Policy } from '../packs/types.js';
import { os } from '../util/lazy-builtins.js';
import type { BatchResult, BatchSettings, PreparedBatch } from './batch.js';

/** Environment variable that sets the number of worker threads. The value 1 checks in the calling thread. */
export const THREADS_ENV = 'DIFF_GUARDIAN_THREADS';

// Below this many commits, starting workers (each loads every detector) costs
// more than it saves.
const MIN_PARALLEL_COMMITS = 50;
// With two CPUs or fewer a range is checked in the calling thread. On the bench
// (2 CPUs, quiet machine) one thread checked the 500-commit history in 2.14 to
// 2.19 s and 3.2 s of CPU, and two workers in 2.62 to 2.68 s and 4.8 s. The
// workers repeat each other's compiling and garbage collection, while git needs
// the second CPU too. One thread also peaked lower at every push size measured
// (85, 101 and 115 MB for 1,000, 2,500 and 5,000 commits, against 119, 126 and
// 137 MB). With the heap bound of heap-bound.ts, one thread peaked at 83, 90 and
// 94 MB (1.13x from 1,000 to 5,000 commits, against 1.15x for the workers).
// NOTE: the choice for three CPUs or more (one worker per CPU, at most four) was
// not measured on such a machine.
export const MIN_WORKER_CPUS = 3;
const MAX_DEFAULT_THREADS = 4;

/**
 * Returns the number of CPUs node may use. node:os loads on the first call, so a
 * staged check, which never starts workers, does not load it.
 */
export function availableCpus(): number {
  return os().availableParallelism();
}

/**
 * Returns how many worker threads should check a range of `commits` commits:
 * the value of DIFF_GUARDIAN_THREADS when set, otherwise one per CPU (at most
 * four) for ranges over 50 commits on three CPUs or more, and 1 (no workers)
 * for shorter ranges and on fewer CPUs.
 */
export function checkThreads(commits: number, env: NodeJS.ProcessEnv = process.env, cpus = availableCpus()): number {
  const value = env[THREADS_ENV];
  if (value !== undefined && value !== '') {
    const threads = Number(value);
    if (!Number.isSafeInteger(threads) || threads < 1) {
      throw new ConfigError(`invalid ${THREADS_ENV} ${JSON.stringify(value)}: give a whole number of threads, 1 or more`);
    }
    return Math.min(threads, commits);
  }
  if (commits <= MIN_PARALLEL_COMMITS || cpus < MIN_WORKER_CPUS) return 1;
  return Math.max(1, Math.min(cpus, MAX_DEFAULT_THREADS, commits));
}

// Heap limits of each worker. V8 lets a heap with a high limit grow further past
// its live size between full collections, and the garbage of large commits
// then piles up in every worker at once. V8 also doubles the young generation
// each time enough data has survived young collections, so over a long range
// the metadata and verdicts of each batch take it to its limit. With 8 MB (two
// 4 MB semi-spaces, node 20) a 5,000-commit check of the bench push peaked at
// about 136 MB, against 120 MB for 1,000 commits and 150 MB with 16 MB. The
// cost is about 6% more CPU time on the bench history, whose large commits
// survive more young collections (2 CPUs, `npm run bench -- --only memory`).
const WORKER_OLD_GENERATION_MB = 2000;
const WORKER_YOUNG_GENERATION_MB = 8;

function workerResourceLimits(getHeapStatistics: () => { heap_size_limit: number }): ResourceLimits {
  const mainLimitMb = Math.floor(getHeapStatistics().heap_size_limit / (1024 * 1024));
  return {
    maxOldGenerationSizeMb: Math.min(WORKER_OLD_GENERATION_MB, mainLimitMb),
    maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
  };
}

/**
 * Finds the bundled worker entry (dist/check-worker.js) beside the running
 * bundle, or one folder up when the running code sits in a chunk folder.
 * Returns null when the code runs from sources, where no bundle exists.
 */
export function checkWorkerFile(): string | null {
  for (const candidate of ['./check-worker.js', '../check-worker.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  return null;
}

/** Settings of a worker thread, so that it checks batches the way the calling thread would. */
export interface WorkerJob {
  settings: BatchSettings;
  /** Epoch milliseconds after which synchronous git calls fail, or null. */
  gitDeadline: number | null;
  quiet: boolean;
}

/** Messages from a worker to the calling thread. */
export type WorkerMessage =
  | { type: 'progress'; commits: number }
  | { type: 'result'; batch: number; result: BatchResult }
  | { type: 'error'; batch: number; error: SerializedError };

/** Messages from the calling thread to a worker. */
export type WorkerRequest = { type: 'batch'; batch: number; prepared: PreparedBatch } | { type: 'close' };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  args?: readonly string[];
  stderr?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const serialized: SerializedError = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof GitError) {
    serialized.args = error.args;
    serialized.stderr = error.stderr;
  }
  return serialized;
}

/** Rebuilds a worker's error with its class, so that it fails the check with the same exit code and message. */
function deserializeError(serialized: SerializedError): Error {
  let error: Error;
  if (serialized.name === 'GitError') error = new GitError(serialized.message, serialized.args, serialized.stderr);
  else if (serialized.name === 'ConfigError') error = new ConfigError(serialized.message);
  else if (serialized.name === 'UsageError') error = new UsageError(serialized.message);
  else {
    error = new Error(serialized.message);
    error.name = serialized.name;
  }
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}

/**
 * Checks batches of commits on `threads` worker threads and yields their
 * results in batch order. Each worker takes the next batch as soon as it is
 * free, so one batch of large commits does not hold back the others. The
 * first error stops every worker and is thrown from the iteration.
 */
export async function* scanInWorkers(
  workerFile: string,
  batches: readonly string[][],
  prepare: (shas: readonly string[]) => PreparedBatch,
  job: WorkerJob,
  threads: number,
  onCommitDone: () => void,
): AsyncGenerator<BatchResult> {
  // Loaded here, since a staged check or a short range never starts a worker.
  const [{ Worker }, { getHeapStatistics }] = await Promise.all([import('node:worker_threads'), import('node:v8')]);
  const results: Array<BatchResult | undefined> = [];
  /** The policies of each batch sent to a worker, in the order its commits first use them. */
  const batchPolicies: Array<Policy[] | undefined> = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let nextBatch = 0;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  const fail = (error: Error): void => {
    failure ??= error;
    notify();
  };
  // Batches are prepared here, in order. The next batch is prepared while the
  // workers are busy, so a worker that becomes free gets it without waiting for
  // git. The metadata of one batch per worker and of that next batch is held.
  let ahead: { batch: number; prepared: PreparedBatch | null; error: unknown } | null = null;
  const prepareAhead = (): void => {
    if (ahead !== null || nextBatch >= batches.length || failure !== null) return;
    const batch = nextBatch;
    try {
      ahead = { batch, prepared: prepare(batches[batch]!), error: null };
    } catch (error) {
      // Raised when the batch is sent, as it would be without preparing ahead.
      ahead = { batch, prepared: null, error };
    }
  };
  const send = (worker: Worker): void => {
    const batch = nextBatch;
    nextBatch += 1;
    if (batch >= batches.length) {
      worker.postMessage({ type: 'close' } satisfies WorkerRequest);
      return;
    }
    try {
      let prepared: PreparedBatch;
      if (ahead !== null && ahead.batch === batch) {
        const { prepared: done, error } = ahead;
        ahead = null;
        if (done === null) throw error;
        prepared = done;
      } else {
        prepared = prepare(batches[batch]!);
      }
      worker.postMessage({ type: 'batch', batch, prepared } satisfies WorkerRequest);
      batchPolicies[batch] = [...new Set(prepared.policies.values())];
      setImmediate(prepareAhead);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const workers: Worker[] = [];
  const exited: Array<Promise<void>> = [];
  for (let i = 0; i < Math.min(threads, batches.length); i += 1) {
    const resourceLimits = workerResourceLimits(getHeapStatistics);
    const worker = new Worker(workerFile, { workerData: job, resourceLimits });
    workers.push(worker);
    let closing = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') for (let i = 0; i < message.commits; i += 1) onCommitDone();
      else if (message.type === 'error') fail(deserializeError(message.error));
      else {
        // Workers leave out the policies, because this thread prepared them.
        results[message.batch] = { ...message.result, policies: batchPolicies[message.batch] ?? [] };
        batchPolicies[message.batch] = undefined;
        closing = nextBatch >= batches.length;
        send(worker);
        notify();
      }
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return fail(error);
      fail(
        new Error(
          `a check worker thread ran out of memory (heap limit ${resourceLimits.maxOldGenerationSizeMb} MB); ` +
            `set ${THREADS_ENV}=1 to check in the main thread, which node's --max-old-space-size limits instead`,
        ),
      );
    });
    exited.push(
      new Promise((resolve) => {
        worker.on('exit', (code) => {
          if (!closing) fail(new Error(`check worker thread stopped (exit code ${code}) before it finished its commits`));
          resolve();
        });
      }),
    );
    send(worker);
  }

  let finished = false;
  try {
    for (let index = 0; index < batches.length; index += 1) {
      while (results[index] === undefined && failure === null) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (failure) throw failure;
      const result = results[index]!;
      results[index] = undefined;
      yield result;
    }
    await Promise.all(exited);
    if (failure) throw failure;
    finished = true;
  } finally {
    // Reached early on an error or when the caller stops iterating.
    if (!finished) await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
