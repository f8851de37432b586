// Entry point of a worker thread that checks batches of a long range for
// `checkCommits`. scripts/build.mjs bundles it as dist/check-worker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { defaultDetectors } from '../detectors/index.js';
import { loadDetectors } from '../detectors/lazy.js';
import { BlobReader } from '../git/blob-reader.js';
import { setGitDeadline } from '../git/exec.js';
import { setQuiet } from '../log.js';
import { scanPreparedBatch } from './batch.js';
import { declareKeywordsOf } from './scan-commit.js';
import { serializeError, type WorkerJob, type WorkerMessage, type WorkerRequest } from './workers.js';

const port = parentPort!;
const job = workerData as WorkerJob;
setGitDeadline(job.gitDeadline);
setQuiet(job.quiet);
const blobs = new BlobReader(job.settings.cwd, job.settings.maxFileBytes);
const detectors = defaultDetectors();
// Workers check long ranges, so every detector module loads before the first
// batch and declares its literals to the shared pass once (see src/detectors/lazy.ts).
const loaded = loadDetectors(detectors).then(() => declareKeywordsOf(detectors));
const post = (message: WorkerMessage): void => port.postMessage(message);

// Progress goes out at most this often, so a long push of small commits does
// not cost the calling thread one message per commit. Its progress line is
// redrawn every 100 ms at most.
const PROGRESS_INTERVAL_MS = 50;
let unreported = 0;
let reportedAt = 0;

function reportProgress(force: boolean): void {
  const now = Date.now();
  if (unreported === 0 || (!force && now - reportedAt < PROGRESS_INTERVAL_MS)) return;
  post({ type: 'progress', commits: unreported });
  unreported = 0;
  reportedAt = now;
}

function onCommitDone(): void {
  unreported += 1;
  reportProgress(false);
}

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'close') {
    blobs.close();
    port.close();
    return;
  }
  loaded.then(() => scanPreparedBatch(request.prepared, job.settings, { blobs, detectors, onCommitDone })).then(
    (result) => {
      reportProgress(true);
      // The calling thread already has the batch's policies, so no copies are sent back.
      post({ type: 'result', batch: request.batch, result: { ...result, policies: [] } });
    },
    (error: unknown) => post({ type: 'error', batch: request.batch, error: serializeError(error) }),
  );
});
