import type { Detector } from '../detectors/define.js';
import type { CommitChange, CommitVerdict } from '../model/types.js';
import { strongestAction } from '../packs/decide.js';
import { maskTokens } from './redact.js';
import type { ScanCommitOptions } from './scan-commit.js';

/** Returns the pseudo-path of findings in the header `name`, such as `<commit-header mergetag>`. */
export function headerPath(name: string): string {
  // A crafted object may name a header with any bytes but space and newline, including a credential.
  const printable = name.replace(/[^\w.-]/g, '?').slice(0, 40);
  return `<commit-header ${maskTokens(printable, 40)}>`;
}

const secretLists = new WeakMap<readonly Detector[], Detector[]>();

/**
 * Returns the secret detectors among `detectors`, the same array for the same list. The shared
 * literal pass declares a list's keywords once per array. A new array per commit declared them
 * again for every commit with extra headers (a signed commit has one), and each declaration
 * drops the pass's automaton, which the next long text builds again.
 */
export function secretDetectorsOf(detectors: readonly Detector[]): Detector[] {
  let secrets = secretLists.get(detectors);
  if (secrets === undefined) {
    secrets = detectors.filter((detector) => detector.meta.category === 'secret');
    secretLists.set(detectors, secrets);
  }
  return secrets;
}

/**
 * Scans the extra headers of `commit` (see CommitChange.headers) with the
 * secret detectors among `options.detectors`, each header read as a message,
 * and returns `verdict` with their findings added under the header's
 * pseudo-path, which their fingerprints and suppressions use too. A
 * `mergetag` carries a whole tag message, and any header is pushed with the
 * commit, so a credential there reaches every clone.
 */
export async function addHeaderFindings(
  commit: CommitChange,
  verdict: CommitVerdict,
  options: ScanCommitOptions,
  scan: (commit: CommitChange, options: ScanCommitOptions) => Promise<CommitVerdict>,
): Promise<CommitVerdict> {
  const detectors = secretDetectorsOf(options.detectors);
  if (!commit.headers || detectors.length === 0) return verdict;
  const findings = [...verdict.findings];
  let action = verdict.verdict;
  for (const header of commit.headers) {
    const asMessage: CommitChange = { ...commit, message: header.text, trailers: [], files: [], headers: undefined };
    const messagePath = headerPath(header.name);
    const scanned = await scan(asMessage, { ...options, detectors, attribution: verdict.agent, messagePath });
    findings.push(...scanned.findings);
    action = strongestAction([action, scanned.verdict]);
  }
  return { ...verdict, verdict: action, findings };
}
