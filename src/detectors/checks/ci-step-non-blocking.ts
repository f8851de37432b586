import type { FileChange } from '../../model/types.js';
import { defineDetector, type DetectorContext } from '../define.js';
import { isFalse, isGithubWorkflow, isGitlabCi, isTrue } from './ci-files.js';
import { jobsOf, type CiField } from './ci-jobs.js';

type Loosening = 'continueOnError' | 'ifFalse' | 'allowFailure' | 'neverRuns';

interface Rule {
  key: string;
  messageId: Loosening;
  loosened: (value: string | null) => boolean;
}

const GITHUB_RULES: Rule[] = [
  { key: 'continue-on-error', messageId: 'continueOnError', loosened: isTrue },
  { key: 'if', messageId: 'ifFalse', loosened: isFalse },
];
// NOTE: an expression such as `${{ matrix.experimental }}` and GitLab `rules:` entries are not evaluated.
const GITLAB_RULES: Rule[] = [
  { key: 'allow_failure', messageId: 'allowFailure', loosened: isTrue },
  { key: 'when', messageId: 'neverRuns', loosened: (v) => v === 'never' || v === 'manual' },
];

// Without whole contents (a bare patch), added lines are read on their own.
const LINE_RULES: Array<{ pattern: RegExp; messageId: Loosening }> = [
  { pattern: /^\s*(?:-\s+)?continue-on-error:\s*(?:true|\$\{\{\s*true\s*\}\})\s*(?:#.*)?$/, messageId: 'continueOnError' },
  { pattern: /^\s*(?:-\s+)?if:\s*(?:false|\$\{\{\s*false\s*\}\})\s*(?:#.*)?$/, messageId: 'ifFalse' },
  { pattern: /^\s*allow_failure:\s*true\s*(?:#.*)?$/, messageId: 'allowFailure' },
];

function report(context: DetectorContext, file: FileChange, messageId: Loosening, subject: string, field: CiField): void {
  const evidence = `${subject}: ${field.value ?? ''}`;
  context.report({ messageId, data: { subject }, file: file.path, line: field.line, match: `${messageId}:${evidence}`, evidence });
}

async function checkStructure(context: DetectorContext, file: FileChange): Promise<boolean> {
  const newJobs = jobsOf(file.path, await file.newContent());
  if (!newJobs) return false;
  const oldJobs = file.status === 'added' ? [] : jobsOf(file.oldPath ?? file.path, await file.oldContent());
  if (!oldJobs) return false;
  const rules = isGithubWorkflow(file.path) ? GITHUB_RULES : GITLAB_RULES;
  const loosened = (rule: Rule, now: Map<string, CiField>, before: Map<string, CiField> | undefined): CiField | null => {
    const field = now.get(rule.key);
    if (!field || !rule.loosened(field.value)) return null;
    return before && rule.loosened(before.get(rule.key)?.value ?? null) ? null : field;
  };
  for (const job of newJobs) {
    const oldJob = oldJobs.find((j) => j.id === job.id);
    for (const rule of rules) {
      const field = job.isCheck ? loosened(rule, job.fields, oldJob?.fields) : null;
      if (field) report(context, file, rule.messageId, `job ${job.id}`, field);
    }
    for (const step of job.steps) {
      if (!step.isCheck) continue;
      const oldStep = oldJob?.steps.find((s) => s.key === step.key);
      for (const rule of rules) {
        const field = loosened(rule, step.fields, oldStep?.fields);
        if (field) report(context, file, rule.messageId, `step "${step.key}" of job ${job.id}`, field);
      }
    }
  }
  return true;
}

export default defineDetector({
  meta: {
    id: 'disabled-check/ci-step-non-blocking',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: 'Report CI check jobs and steps made non-blocking or switched off.',
    messages: {
      continueOnError: 'CI check made non-blocking: `continue-on-error: true` on {{subject}} lets the workflow pass when the check fails. Remove the line to make failures fail the run again.',
      ifFalse: 'CI check switched off: `if: false` on {{subject}} stops it from ever running. Remove the condition to run it again.',
      allowFailure: 'CI check made non-blocking: `allow_failure: true` on {{subject}} lets the pipeline pass when the check fails. Remove the line to make failures fail the pipeline again.',
      neverRuns: 'CI check switched off: a `when:` value on {{subject}} keeps it from running in every pipeline. Remove it to run the check again.',
    },
  },
  keywords: ['continue-on-error', 'if:', 'allow_failure', 'when:'],
  appliesTo: (file) => isGithubWorkflow(file.path) || isGitlabCi(file.path),
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || !(isGithubWorkflow(file.path) || isGitlabCi(file.path))) continue;
      if (await checkStructure(context, file)) continue;
      // NOTE: without whole contents a patch line is flagged even on a step that runs no check.
      for (const line of file.added) {
        // The patterns match a whole line, so a long comment after the value is cut off first.
        const text = line.text.replace(/\s#.*$/, '').slice(0, 500);
        const rule = LINE_RULES.find((r) => r.pattern.test(text));
        if (rule) report(context, file, rule.messageId, 'a CI step', { value: line.text.trim(), line: line.line });
      }
    }
  },
});
