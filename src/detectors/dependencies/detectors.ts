import { defineDetector, type Detector } from '../define.js';
import { analyzeCommit } from './analyze.js';
import { DEPENDENCY_FILE_KEYWORDS, parserFor } from './files.js';
import { DEPENDENCY_META } from './meta.js';
import { withoutCredentials } from './policy.js';
import type { IssueKind } from './types.js';

/** Maximum length of a spec or command shown in a message; the rest is cut. */
const MAX_SHOWN = 160;

/** Prepares a value for a message: credentials in URLs masked, long values cut. */
function shown(value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  const safe = withoutCredentials(value);
  return safe.length > MAX_SHOWN ? `${safe.slice(0, MAX_SHOWN)}…` : safe;
}

/**
 * Builds the detector of one dependency finding kind. Every dependency detector
 * reads the same per-commit analysis (analyze.ts), so manifests and lockfiles are
 * parsed once per scan whatever the number of rules.
 */
export function dependencyDetector(kind: IssueKind): Detector {
  return defineDetector({
    meta: { id: `dependency/${kind}`, category: 'dependency', ...DEPENDENCY_META[kind] },
    keywords: DEPENDENCY_FILE_KEYWORDS,
    appliesTo: (file) => parserFor(file.path) !== null,
    async run(context) {
      const issues = await analyzeCommit(context.commit, context.policy?.dependencies);
      for (const issue of issues) {
        if (issue.kind !== kind) continue;
        const data = {
          name: shown(issue.name, ''),
          ecosystem: issue.ecosystem,
          oldSpec: shown(issue.oldSpec, '(none)'),
          newSpec: shown(issue.newSpec, '(any version)'),
          section: issue.section ?? 'the manifest',
          detail: withoutCredentials(issue.detail ?? ''),
        };
        context.report({
          messageId: issue.messageId,
          data,
          file: issue.file,
          line: issue.line,
          match: `${issue.ecosystem}:${issue.name}:${issue.oldSpec ?? ''}:${issue.newSpec ?? ''}`,
          evidence: `${data.name} ${data.oldSpec} -> ${data.newSpec}`,
          severity: issue.severity,
        });
      }
    },
  });
}
