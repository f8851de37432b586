import type { FileChange } from '../../model/types.js';
import type { Detector, DetectorContext, ReportDescriptor } from '../define.js';
import { secretDetectors } from '../secrets/index.js';

/**
 * Runs every secret detector over pseudo-files built from text the commit
 * publishes outside its added lines (decoded strings, names, unscanned
 * content), and hands each hit to `onHit` to report under the caller's rule.
 */
export async function rescanForSecrets(
  context: DetectorContext,
  files: FileChange[],
  onHit: (inner: Detector, descriptor: ReportDescriptor) => void,
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (files.length === 0) return;
  const commit = { ...context.commit, message: '', files };
  for (const inner of secretDetectors) {
    if (skip.has(inner.meta.id)) continue;
    await inner.run({ commit, agent: context.agent, policy: context.policy, report: (descriptor) => onHit(inner, descriptor) });
  }
}
