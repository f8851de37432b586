import { isMap, isSeq } from '../../util/yaml.js';
import { isGithubWorkflow } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { child, parseYaml, scalarOf, stringsOf, type ParsedYaml } from './yaml-tree.js';

// Expressions that name the pull request's own code rather than the base branch.
const PR_HEAD =
  /github\.event\.pull_request\.head\.(?:sha|ref|repo)|github\.head_ref|refs\/pull\/|github\.event\.pull_request\.merge_commit_sha|github\.event\.number/;

function triggersOnPullRequestTarget(root: unknown): boolean {
  const on = child(root, 'on') ?? child(root, 'true');
  if (isMap(on)) return on.items.some((pair) => scalarOf(pair.key) === 'pull_request_target');
  return stringsOf(on).includes('pull_request_target');
}

interface HeadCheckout {
  key: string;
  line: number;
}

/** Steps that check out or fetch the pull request's head, with the line of the expression. */
function headCheckouts(parsed: ParsedYaml): HeadCheckout[] {
  const found: HeadCheckout[] = [];
  const root = parsed.roots[0];
  if (!root || !triggersOnPullRequestTarget(root)) return found;
  const jobs = child(root, 'jobs');
  if (!isMap(jobs)) return found;
  for (const job of jobs.items) {
    const steps = child(job.value, 'steps');
    if (!isSeq(steps)) continue;
    steps.items.forEach((step, index) => {
      const uses = String(scalarOf(child(step, 'uses')) ?? '');
      const withMap = child(step, 'with');
      const name = `${String(scalarOf(job.key))}.${String(scalarOf(child(step, 'name')) ?? index)}`;
      if (uses.startsWith('actions/checkout') && isMap(withMap)) {
        for (const pair of withMap.items) {
          const value = String(scalarOf(pair.value) ?? '');
          if (
            (scalarOf(pair.key) === 'ref' || scalarOf(pair.key) === 'repository') &&
            PR_HEAD.test(value)
          ) {
            found.push({ key: `${name}:${value}`, line: parsed.lineOf(pair.key as never) });
          }
        }
      }
      const run = String(scalarOf(child(step, 'run')) ?? '');
      if (
        /\b(?:git\s+(?:checkout|fetch|switch)|gh\s+pr\s+checkout)\b/.test(run) &&
        (PR_HEAD.test(run) || /gh\s+pr\s+checkout/.test(run))
      ) {
        found.push({ key: `${name}:run`, line: parsed.lineOf(child(step, 'run')) });
      }
    });
  }
  return found;
}

export default defineDetector({
  meta: {
    id: 'permission/pull-request-target-checkout',
    category: 'permission',
    severity: 'block',
    confidence: 'high',
    description: 'Report pull_request_target workflows that check out the pull request head.',
    messages: {
      headCheckout:
        "This pull_request_target workflow checks out the pull request's code, so a fork can run its own code with the repository's secrets and write token. Use the `pull_request` trigger for untrusted code, or check out only the base branch.",
    },
  },
  keywords: ['pull_request_target', 'head', 'refs/pull', 'checkout'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || !isGithubWorkflow(file.path)) continue;
      const before = new Set(headCheckouts(parseYaml(await file.oldContent())).map((c) => c.key));
      const added = new Set(file.added.map((line) => line.line));
      const newParsed = parseYaml(await file.newContent());
      const trigger = newParsed.roots[0] ? child(newParsed.roots[0], 'on') : null;
      const triggerLine = newParsed.lineOf(trigger);
      for (const checkout of headCheckouts(newParsed)) {
        if (before.has(checkout.key)) continue;
        // Report at the checkout when it is new, else at the trigger block that made it dangerous.
        const line = added.has(checkout.line) ? checkout.line : triggerLine;
        context.report({
          messageId: 'headCheckout',
          file: file.path,
          line,
          match: checkout.key,
          evidence: checkout.key,
        });
      }
    }
  },
});
