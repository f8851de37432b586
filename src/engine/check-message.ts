// The commit-msg check: the message of a commit about to be made, which the
// pre-commit check cannot see. It catches a secret pasted into the message,
// and a message whose trailers (`Co-authored-by: <agent>`) make the commit
// agent-authored, which pre-commit judged by the rules for human commits.
import { attribute } from '../attribution/attribute.js';
import { parseTrailers } from '../git/commits.js';
import type { CommitChange } from '../model/types.js';
import { checkStaged, judgeStagedChange, PolicyResolver, stagedIdentities, type CheckOptions, type CheckResult } from './check.js';

/**
 * Judges the proposed message `message` of the staged change. When its
 * trailers or footer make the commit agent-authored and the identities and
 * runtime alone did not, the whole staged change is checked again with the
 * message, by the rules for agents. Otherwise only the message is checked,
 * since pre-commit has judged the files by the same rules.
 */
export async function checkCommitMessage(options: CheckOptions & { message: string }): Promise<CheckResult> {
  const resolver = new PolicyResolver(options);
  const { head, prepared } = await resolver.prepareHead();
  const policy = resolver.policyFor(head, prepared);
  const identities = await stagedIdentities(options.cwd);
  const attributionOf = (message: string) =>
    attribute({
      commit: { ...identities, message, trailers: parseTrailers(message) },
      matchers: policy.agents,
      runtime: options.runtime,
      agentByDefault: policy.settings.agentByDefault,
    });
  if (!options.attribution && attributionOf(options.message).agent && !attributionOf('').agent) return checkStaged(options);
  const change: CommitChange = {
    sha: 'STAGED',
    tree: '',
    parents: head ? [head] : [],
    base: head,
    ...identities,
    message: options.message,
    trailers: parseTrailers(options.message),
    files: [],
  };
  return judgeStagedChange(change, policy, options);
}
