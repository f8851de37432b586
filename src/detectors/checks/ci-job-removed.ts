import type { FileChange } from '../../model/types.js';
import { defineDetector, type DetectorContext } from '../define.js';
import { CHECK_COMMAND, isGithubWorkflow, isGitlabCi, workflowEvents } from './ci-files.js';
import { jobsOf, type CiJob, type CiStep } from './ci-jobs.js';

/** Lists the check commands a job or step runs, such as `npm test` or `pytest`. */
function checkCommands(text: string): string[] {
  return [...text.matchAll(new RegExp(CHECK_COMMAND.source, 'g'))].map((m) => m[0].replace(/\s+/g, ' '));
}

function scriptOf(fields: Map<string, { value: string | null }>): string {
  return ['run', 'script', 'before_script', 'after_script'].map((key) => fields.get(key)?.value ?? '').join('\n');
}

function stepSignature(steps: CiStep[]): string {
  return steps.map((step) => step.key).join('\n');
}

/** Reports check commands present in the old script and missing from the new one. */
function reportDroppedCommands(context: DetectorContext, file: FileChange, where: string, before: string, after: string, line: number): void {
  const remaining = checkCommands(after);
  for (const command of new Set(checkCommands(before))) {
    if (remaining.includes(command)) continue;
    context.report({ messageId: 'commandRemoved', data: { command, where }, file: file.path, line, match: `command:${where}:${command}`, evidence: command });
  }
}

/**
 * Tests whether the check commands of an unmatched old step still run in some
 * step of the job: an unnamed step is known by its script, so editing the
 * script (`npm test` to `npm test || true`) changes its key without removing
 * it. check-exit-neutralised judges what the edit did to the command.
 */
function commandsStillRun(oldRun: string, newRuns: readonly string[]): boolean {
  const commands = checkCommands(oldRun);
  if (commands.length === 0) return false;
  return newRuns.some((run) => {
    const remaining = checkCommands(run);
    return commands.every((command) => remaining.includes(command));
  });
}

function compareJob(context: DetectorContext, file: FileChange, oldJob: CiJob, job: CiJob): void {
  reportDroppedCommands(context, file, `job ${job.id}`, scriptOf(oldJob.fields), scriptOf(job.fields), job.line);
  const newRuns = job.steps.map((s) => scriptOf(s.fields).trim());
  for (const oldStep of oldJob.steps) {
    const step = job.steps.find((s) => s.key === oldStep.key);
    if (step) {
      reportDroppedCommands(context, file, `step "${step.key}" of job ${job.id}`, scriptOf(oldStep.fields), scriptOf(step.fields), step.line);
    } else if (oldStep.isCheck && !newRuns.includes(scriptOf(oldStep.fields).trim()) && !commandsStillRun(scriptOf(oldStep.fields), newRuns)) {
      const data = { what: `step "${oldStep.key}" of job ${job.id}` };
      context.report({ messageId: 'stepRemoved', data, file: file.path, line: oldStep.line, match: `step:${job.id}:${oldStep.key}`, evidence: oldStep.key });
    }
  }
}

/** Reports check events (`push`, `pull_request`) a workflow no longer runs on. */
async function compareEvents(context: DetectorContext, file: FileChange): Promise<void> {
  const before = workflowEvents(await file.oldContent());
  const after = workflowEvents(await file.newContent());
  if (!before || !after) return;
  const onLine = Math.min(...[...after.values()], Number.MAX_SAFE_INTEGER);
  for (const [event] of before) {
    if (after.has(event)) continue;
    const line = onLine === Number.MAX_SAFE_INTEGER ? 0 : onLine;
    context.report({ messageId: 'triggerRemoved', data: { event }, file: file.path, line, match: `event:${event}`, evidence: `on: ${event}` });
  }
}

export default defineDetector({
  meta: {
    id: 'disabled-check/ci-job-removed',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report CI workflows, jobs, steps and check commands removed from GitHub Actions or GitLab CI.',
    messages: {
      fileRemoved: 'CI workflow deleted: {{path}} ran checks ({{jobs}}) that no longer run on any change. Restore the file or move its jobs to another workflow.',
      jobRemoved: 'CI job removed: job {{what}} ran checks that no longer run on any change. Restore the job, or move its steps to another job in the same commit.',
      stepRemoved: 'CI step removed: {{what}} ran a check that no longer runs. Restore the step.',
      triggerRemoved: 'CI trigger removed: the workflow no longer runs on `{{event}}`, so its checks skip those changes. Add `{{event}}` back under `on:`.',
      commandRemoved: 'CI check command removed: `{{command}}` no longer runs in {{what}}. Restore the command.',
    },
  },
  appliesTo: (file) => isGithubWorkflow(file.path) || isGitlabCi(file.path),
  async run(context) {
    // NOTE: jobs are compared from whole contents, so a bare patch without them is not read.
    for (const file of context.commit.files) {
      const path = file.oldPath ?? file.path;
      if (file.skipped || file.status === 'added' || !(isGithubWorkflow(path) || isGitlabCi(path))) continue;
      const oldJobs = jobsOf(path, await file.oldContent())?.filter((job) => job.isCheck);
      if (!oldJobs || oldJobs.length === 0) continue;
      if (file.status === 'deleted') {
        const jobs = oldJobs.map((job) => job.id).join(', ');
        context.report({ messageId: 'fileRemoved', data: { path, jobs }, file: path, line: 0, match: `deleted:${path}`, evidence: `deleted ${path}` });
        continue;
      }
      const newJobs = jobsOf(file.path, await file.newContent());
      if (!newJobs) continue;
      if (isGithubWorkflow(path)) await compareEvents(context, file);
      for (const oldJob of oldJobs) {
        const job = newJobs.find((j) => j.id === oldJob.id);
        if (job) {
          compareJob(context, file, oldJob, job);
          continue;
        }
        // A job renamed with the same steps is a rename, not a removal.
        const renamed = newJobs.some((j) => !oldJobs.some((o) => o.id === j.id) && oldJob.steps.length > 0 && stepSignature(j.steps) === stepSignature(oldJob.steps));
        if (renamed) continue;
        context.report({ messageId: 'jobRemoved', data: { what: oldJob.id }, file: file.path, line: oldJob.line, match: `job:${oldJob.id}`, evidence: oldJob.id });
      }
    }
  },
});
