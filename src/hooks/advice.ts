import type { Category, Finding } from '../model/types.js';
import { DEFAULT_ALLOWLIST_FILE } from '../repository-files.js';

const FIX_BY_CATEGORY: Record<Category, string> = {
  secret: 'remove the value and read it from the environment or a secret store; rotate it if it ever left this machine',
  permission: 'restore the stricter permission or setting',
  'disabled-check': 'turn the test, lint, CI step or hook back on',
  dependency: 'remove or pin the dependency, or allow it under dependencies.allow in the config',
};

/** Returns one line per category of the blocking findings, saying how to fix it. */
export function fixAdvice(findings: readonly Finding[]): string[] {
  const categories = new Set(findings.filter((f) => f.action === 'block' && !f.suppressed).map((f) => f.category));
  return [...categories].map((category) => `${category}: ${FIX_BY_CATEGORY[category]}`);
}

/**
 * Returns how to acknowledge an intended finding, in three lines, as the
 * commit hooks and the gate print it. A server judges with its own config and
 * counts only the allowlist file of earlier pushes, so that file is the one
 * place that works on both sides.
 */
export function acknowledgeAdvice(allowlistFile = DEFAULT_ALLOWLIST_FILE): string[] {
  return [
    'An intended finding can be acknowledged by its fingerprint',
    `in ${allowlistFile}, committed and pushed on its own before the finding;`,
    'a git server with the diff-guardian hook reads only that file, never .diff-guardian.yml.',
  ];
}

/**
 * The line pre-commit prints under a report of a commit it judged by the rules
 * for human commits. Trailers such as `Co-authored-by: <agent>` are in the
 * message, which git writes only after pre-commit runs. So commit-msg may block
 * what pre-commit only warned about.
 */
export const JUDGED_BEFORE_MESSAGE =
  'diff-guardian: judged as a human commit because the message does not exist yet; ' +
  'commit-msg judges it again with the message and its trailers.';
