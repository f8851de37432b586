// The commit-msg check: the message of a commit about to be made, which the
// pre-commit check cannot see. It catches a secret pasted into the message,
// and a message whose trailers (`Co-authored-by: <agent>`) make the commit
// agent-authored, which pre-commit judged by the rules for human commits.
import { attribute } from '../attribution/attribute.js';
import { BlobReader } from '../git/blob-reader.js';
import { emptyTree, parseTrailers, readCommitParents } from '../git/commits.js';
import { readStagedDiff, toFileChange } from '../git/diff-source.js';
import type { CommitChange } from '../model/types.js';
import type { Policy } from '../packs/types.js';
import { judgeStagedChange, PolicyResolver, stagedIdentities, type CheckOptions, type CheckResult } from './check.js';

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
  // NOTE: pre-commit made the same HEAD lookup and `git var -l` moments ago.
  // They are not handed over in a file under .git, because any process that
  // can write .git could forge that file to point this check at another
  // config, and matching it to the index costs a git process (write-tree).
  const resolver = new PolicyResolver(options);
  const { head, prepared } = await resolver.prepareHead();
  const policy = resolver.policyFor(head, prepared, 'STAGED');
  const identities = await stagedIdentities(options.cwd);
  const attributionOf = (message: string) =>
    attribute({
      commit: { ...identities, message, trailers: parseTrailers(message) },
      matchers: policy.agents,
      runtime: options.runtime,
      agentByDefault: policy.settings.agentByDefault,
    });
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
  if (options.attribution || !attributionOf(options.message).agent || attributionOf('').agent) {
    return judgeStagedChange(change, policy, options);
  }
  if (head && options.isAmending?.()) {
    // The amended commit replaces HEAD: it gets HEAD's parents and is judged by the config of HEAD's first parent.
    const parents = readCommitParents(options.cwd, [head])[0]!;
    const parent = parents[0] ?? null;
    const parentPolicy = resolver.policyFor(parent, parent ? resolver.prepare([parent]) : new Map(), 'STAGED');
    return judgeWithIndex({ ...change, parents, base: parent }, parentPolicy, options, parent ?? emptyTree(options.cwd));
  }
  // HEAD was resolved above, so the same lookup and identities serve the whole staged change.
  return judgeWithIndex(change, policy, options, head ? 'HEAD' : emptyTree(options.cwd));
}

/**
 * Judges `change` with the files of the index compared with `base` (a
 * revision or the empty tree), as a range check will judge the commit.
 */
async function judgeWithIndex(change: CommitChange, policy: Policy, options: MessageCheckOptions, base: string): Promise<CheckResult> {
  const blobs = new BlobReader(options.cwd, policy.settings.maxFileBytes);
  try {
    const sourceOptions = { cwd: options.cwd, maxFileBytes: policy.settings.maxFileBytes, blobs };
    const diff = await readStagedDiff(base, sourceOptions);
    const files = diff.files.map((file) => toFileChange(file, sourceOptions));
    return await judgeStagedChange({ ...change, files }, policy, options);
  } finally {
    blobs.close();
  }
}
