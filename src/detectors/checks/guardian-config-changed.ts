import { defineDetector } from '../define.js';

// Files that configure or run diff-guardian itself. A commit that edits them
// changes how later commits are judged, so the edit is reported; the commit
// itself is still judged by the config of its parent.
const GUARDIAN_FILE = /^(?:\.diff-guardian\.ya?ml|\.diff-guardian\/.*|\.diff-guardian-allowlist\.ya?ml|\.pre-commit-hooks\.yaml)$/;

export default defineDetector({
  meta: {
    id: 'disabled-check/guardian-config-changed',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: "Report changes to diff-guardian's own config, packs or allowlist.",
    messages: {
      changed:
        "diff-guardian's config {{path}} was {{status}}. This commit is judged by the previous config; have a reviewer approve the change in a commit of its own.",
    },
  },
  run(context) {
    for (const file of context.commit.files) {
      const paths = [file.newPath, file.oldPath].filter((p): p is string => p !== null);
      if (!paths.some((p) => GUARDIAN_FILE.test(p))) continue;
      context.report({
        messageId: 'changed',
        data: { path: file.path, status: file.status },
        file: file.path,
        line: 0,
        match: `${file.status}:${file.path}`,
        evidence: `${file.status} ${file.path}`,
      });
    }
  },
});
