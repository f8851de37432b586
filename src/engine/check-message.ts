// The commit-msg check: the message of a commit about to be made, which the
// pre-commit check cannot see. It catches a secret pasted into the message,
// and a message whose trailers (`Co-authored-by: <agent>`) make the commit
// agent-authored, which pre-commit judged by the rules for human commits.
import { attribute } from '../attribution/attribute.js';
import { BlobReader } from '../git/blob-reader.js';
import { emptyTree, parseTrailers, readCommitParents } from '../git/commits.js';
import { readStagedDiff, toFileChange } from '../git/diff-source.js';
import type { CommitChange, Identity } from '../model/types.js';
import { checkStaged, judgeStagedChange, PolicyResolver, stagedIdentities, type CheckOptions, type CheckResult } from './check.js';

export interface MessageCheckOptions extends CheckOptions {
  message: string;
  /** Tells whether the commit being made replaces HEAD (`commit --amend`); asked only when the message makes it agent-authored. */
  isAmending?: () => boolean;
}

/**
 * Judges the proposed message `message` of the staged change. When its
 * trailers or footer make the commit agent-authored and the identities and
 * runtime alone did not, the whole change is checked again with the message,
 * by the rules for agents: the staged change, or for an amend the index
 * against HEAD's first parent, since the amended commit replaces HEAD.
 * Otherwise only the message is checked, since pre-commit has judged the
 * files by the same rules.
 */
export async function checkCommitMessage(options: MessageCheckOptions): Promise<CheckResult> {
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
  if (!options.attribution && attributionOf(options.message).agent && !attributionOf('').agent) {
    if (head && options.isAmending?.()) return checkAmendedChange(options, resolver, head, identities);
    return checkStaged(options);
  }
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

/**
 * Checks the commit that `commit --amend` is about to write in place of
 * `head`: the index against head's first parent (the empty tree for a root
 * commit), with the config of that parent, as a range check will judge it.
 */
async function checkAmendedChange(
  options: MessageCheckOptions,
  resolver: PolicyResolver,
  head: string,
  identities: { author: Identity; committer: Identity },
): Promise<CheckResult> {
  const parents = readCommitParents(options.cwd, [head])[0]!;
  const parent = parents[0] ?? null;
  const policy = resolver.policyFor(parent, parent ? resolver.prepare([parent]) : new Map());
  const blobs = new BlobReader(options.cwd, policy.settings.maxFileBytes);
  try {
    const sourceOptions = { cwd: options.cwd, maxFileBytes: policy.settings.maxFileBytes, blobs };
    const diff = await readStagedDiff(parent ?? emptyTree(options.cwd), sourceOptions);
    const change: CommitChange = {
      sha: 'STAGED',
      tree: '',
      parents,
      base: parent,
      ...identities,
      message: options.message,
      trailers: parseTrailers(options.message),
      files: diff.files.map((file) => toFileChange(file, sourceOptions)),
    };
    return await judgeStagedChange(change, policy, options);
  } finally {
    blobs.close();
  }
}
