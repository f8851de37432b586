import type { FileChange } from '../../model/types.js';
import { detectorsFor } from '../../engine/scan-commit.js';
import type { Detector, DetectorContext, ReportDescriptor } from '../define.js';
import { loadedDetector, loadPending } from '../lazy.js';
import { secretDetectors } from '../secrets/index.js';

/**
 * Runs the secret detectors over pseudo-files built from text the commit
 * publishes outside its added lines (decoded strings, names, unscanned
 * content), and hands each hit to `onHit` to report under the caller's rule.
 * The detectors are selected by keyword as for a commit, so modules of
 * detectors that cannot match are not loaded.
 */
export async function rescanForSecrets(
  context: DetectorContext,
  files: FileChange[],
  onHit: (inner: Detector, descriptor: ReportDescriptor) => void,
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (files.length === 0) return;
  const commit = { ...context.commit, message: '', files };
  const detectors = detectorsFor(commit, secretDetectors).filter((inner) => !skip.has(inner.meta.id));
  // Modules load together before any detector scans (see scanCommit).
  const loading = loadPending(detectors);
  if (loading) await loading;
  for (const inner of detectors) {
    await loadedDetector(inner).run({ commit, agent: context.agent, policy: context.policy, report: (descriptor) => onHit(inner, descriptor) });
  }
}
