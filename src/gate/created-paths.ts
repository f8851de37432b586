import secretInPath from '../detectors/evasion/secret-in-path.js';
import { scanCommit } from '../engine/scan-commit.js';
import type { AgentAttribution, Finding, Identity } from '../model/types.js';
import type { Policy } from '../packs/types.js';
import type { SimpleCommand } from './shell/parse.js';
import { writeTargets, writtenPaths, type WriteKind } from './commands/write-targets.js';
import { projectPath, resolveTarget, trackedAtHead, type Project } from './project.js';
import { changeOfFiles } from './would-be-change.js';

// Kinds of write that leave a file or folder under the target's name.
const CREATING: ReadonlySet<WriteKind> = new Set(['write', 'copy', 'move', 'link', 'edit', 'create', 'extract']);

/** Lists the project paths, relative to its root, that `commands` create, copy or move files to. */
export function createdPaths(commands: readonly SimpleCommand[], project: Project): string[] {
  const paths = new Set<string>();
  for (const command of commands) {
    for (const target of writeTargets(command)) {
      if (!CREATING.has(target.kind)) continue;
      for (const path of writtenPaths(target, (p) => resolveTarget(p, project))) {
        const relative = projectPath(path, project);
        if (relative) paths.add(relative);
      }
    }
  }
  return [...paths];
}

/**
 * Runs secret/secret-in-path on the paths a command creates, as the commit
 * that adds them will. A path HEAD already has is left out, because the
 * commit changes that file without adding its name. Secret values found are
 * added to `foundSecrets`.
 */
export async function createdPathFindings(
  commands: readonly SimpleCommand[],
  project: Project,
  options: { policy: Policy; attribution: AgentAttribution; author: Identity; sha: string; foundSecrets: Set<string> },
): Promise<Finding[]> {
  const scan = async (paths: readonly string[]): Promise<Finding[]> => {
    if (paths.length === 0) return [];
    const change = changeOfFiles(
      paths.map((path) => ({ path, old: null, new: '' })),
      { sha: options.sha, author: options.author },
    );
    const { policy, attribution, foundSecrets } = options;
    const verdict = await scanCommit(change, { policy, detectors: [secretInPath], attribution, foundSecrets });
    return verdict.findings;
  };
  const paths = createdPaths(commands, project);
  const findings = await scan(paths);
  // Asking git about each path costs a process, so it is done only when a name contains a credential.
  if (findings.length === 0) return findings;
  const tracked = await Promise.all(paths.map((path) => trackedAtHead(project, path)));
  const untracked = paths.filter((_, index) => !tracked[index]);
  return untracked.length === paths.length ? findings : scan(untracked);
}
