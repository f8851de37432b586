import { globMatcher } from '../../util/picomatch.js';
import type { Policy } from '../../packs/types.js';
import { currentBranch } from '../project.js';
import { unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv } from './define.js';
import { gitInvocation, hasLong, parseOptions } from './options.js';

/** Branches protected when the config's `server.protectNonFastForward` names none. */
export const DEFAULT_PROTECTED_BRANCHES = ['main', 'master', 'release/*'];

const PUSH_VALUE_OPTIONS = ['push-option', 'repo', 'receive-pack', 'exec'];

/** Tests a branch name against the protected globs, written as branch names or full ref names. */
export function protectedBranchMatcher(policy: Policy): (branch: string) => boolean {
  const globs = policy.server.protectNonFastForward?.length ? policy.server.protectNonFastForward : DEFAULT_PROTECTED_BRANCHES;
  const matchers = globs.map((glob) => globMatcher(glob));
  return (branch) => matchers.some((m) => m(branch) || m(`refs/heads/${branch}`));
}

interface PushTarget {
  branch: string;
  forced: boolean;
  deleted: boolean;
}

/** Lists the branches a push updates, from its refspecs or, without one, the current branch. */
function pushTargets(operands: readonly string[], current: string | null, forceAll: boolean, deleteAll: boolean): PushTarget[] {
  const refspecs = operands.slice(1);
  if (refspecs.length === 0) return current ? [{ branch: current, forced: forceAll, deleted: false }] : [];
  return refspecs.map((refspec) => {
    const forced = forceAll || refspec.startsWith('+');
    const spec = refspec.replace(/^\+/, '');
    const colon = spec.indexOf(':');
    const source = colon === -1 ? spec : spec.slice(0, colon);
    let destination = colon === -1 ? spec : spec.slice(colon + 1);
    if (destination === 'HEAD' || (colon === -1 && source === 'HEAD')) destination = current ?? 'HEAD';
    const branch = destination.replace(/^refs\/heads\//, '');
    return { branch, forced, deleted: deleteAll || (colon !== -1 && source === '') };
  });
}

export default defineGateDetector({
  meta: {
    id: 'permission/shell-force-push',
    category: 'permission',
    severity: 'block',
    confidence: 'high',
    description: 'Report git pushes that force-update or delete a protected branch.',
    messages: {
      forced:
        '`{{command}}` force-pushes to the protected branch {{branch}}, which rewrites history others have pulled and can drop their commits. Push to a new branch and open a pull request instead.',
      deleted: '`{{command}}` deletes the protected branch {{branch}} on the remote. Leave protected branches to their maintainers.',
      mirror: '`{{command}}` force-updates every branch of the remote, protected ones included. Push one branch that is not protected instead.',
    },
  },
  run(context) {
    let isProtected: ((branch: string) => boolean) | null = null;
    for (const command of commandsOf(context.subject)) {
      const { argv } = unwrapCommand(command);
      const git = gitInvocation(argv);
      if (git?.subcommand !== 'push') continue;
      const options = parseOptions(git.args, { shortWithValue: 'o', longWithValue: PUSH_VALUE_OPTIONS });
      const force = options.short.has('f') || hasLong(options, 'force', 4) || hasLong(options, 'force-with-lease', 8);
      const remove = options.short.has('d') || hasLong(options, 'delete', 4);
      const text = formatArgv(argv);
      const report = (messageId: string, branch = ''): void =>
        context.report({ messageId, data: { command: text, branch }, file: COMMAND_FILE, line: 0, match: `${text}\0${branch}`, evidence: text });

      if (force && (hasLong(options, 'mirror') || hasLong(options, 'all', 3) || hasLong(options, 'branches'))) {
        report('mirror');
        continue;
      }
      isProtected ??= protectedBranchMatcher(context.policy);
      for (const target of pushTargets(options.operands, currentBranch(context.project), force, remove)) {
        if (!isProtected(target.branch)) continue;
        if (target.deleted) report('deleted', target.branch);
        else if (target.forced) report('forced', target.branch);
      }
    }
  },
});
