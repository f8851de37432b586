import type { FileChange } from '../../model/types.js';
import type { Detector, DetectorContext, ReportDescriptor } from '../define.js';
import { loadedDetector, loadPending } from '../lazy.js';
import { secretDetectors } from '../secrets/index.js';

// Above this much text, every secret detector runs on the pseudo-files rather
// than testing each detector's keywords with includes().
const KEYWORD_TEST_MAX_CHARS = 256 * 1024;

/**
 * Returns the secret detectors that can match in `files`: those without
 * keywords, and those with a keyword in a path or a line of the files, as the
 * engine selects them for a commit. Returns them all when the text is large.
 */
function detectorsFor(files: readonly FileChange[]): Detector[] {
  const texts: string[] = [];
  let size = 0;
  for (const file of files) {
    for (const text of [file.path, file.oldPath ?? '']) texts.push(text);
    for (const line of file.added) texts.push(file.binary ? line.text.replace(/\0/g, '') : line.text);
    for (const line of file.removed) texts.push(line.text);
  }
  for (const text of texts) size += text.length + 1;
  if (size > KEYWORD_TEST_MAX_CHARS) return secretDetectors;
  const haystack = texts.join('\n').toLowerCase();
  return secretDetectors.filter((detector) => !detector.keywords || detector.keywords.length === 0 || detector.keywords.some((keyword) => haystack.includes(keyword)));
}

/**
 * Runs the secret detectors over pseudo-files built from text the commit
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
  const detectors = detectorsFor(files).filter((inner) => !skip.has(inner.meta.id));
  // Modules load together before any detector scans (see scanCommit).
  const loading = loadPending(detectors);
  if (loading) await loading;
  for (const inner of detectors) {
    await loadedDetector(inner).run({ commit, agent: context.agent, policy: context.policy, report: (descriptor) => onHit(inner, descriptor) });
  }
}
