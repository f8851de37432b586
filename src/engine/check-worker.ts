// Entry point of a worker thread that checks batches of a long range for
// `checkCommits`. scripts/build.mjs bundles it as dist/check-worker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { defaultDetectors } from '../detectors/index.js';
import { BlobReader } from '../git/blob-reader.js';
import { setGitDeadline } from '../git/exec.js';
import { setQuiet } from '../log.js';
import { scanBatch } from './batch.js';
import { PolicyResolver } from './check.js';
import { serializeError, type WorkerJob, type WorkerMessage, type WorkerRequest } from './workers.js';

const port = parentPort!;
const job = workerData as WorkerJob;
setGitDeadline(job.gitDeadline);
setQuiet(job.quiet);
const resolver = new PolicyResolver(job.resolver);
const blobs = new BlobReader(job.settings.cwd, job.settings.maxFileBytes);
const detectors = defaultDetectors();
const post = (message: WorkerMessage): void => port.postMessage(message);

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'close') {
    blobs.close();
    port.close();
    return;
  }
  scanBatch(request.shas, job.settings, { resolver, blobs, detectors, onCommitDone: () => post({ type: 'progress' }) }).then(
    (result) => post({ type: 'result', batch: request.batch, result }),
    (error: unknown) => post({ type: 'error', batch: request.batch, error: serializeError(error) }),
  );
});
