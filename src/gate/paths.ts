import { join } from 'node:path';
import { isInside, projectPath, type Project } from './project.js';

/** The role of a path in the checks that judge the agent, which the agent must not change. */
export type ProtectedKind = 'hook' | 'git-config' | 'guardian-config' | 'guardian-ignores' | 'guardian-state' | 'agent-settings';

const GUARDIAN_CONFIG = /^(?:\.diff-guardian\.ya?ml|\.diff-guardian\/.*|\.diff-guardian-allowlist\.ya?ml)$/;
// Other scanners' ignore files, whose entries diff-guardian counts as acknowledgements.
const GUARDIAN_IGNORES = /^(?:\.gitleaksignore|\.secretlintignore)$/;
const AGENT_SETTINGS = /^\.claude\/settings(?:\.local)?\.json$/;

/**
 * Classifies a canonical absolute path that the checks themselves depend on;
 * null for any other. `configFiles` are further repository paths that the
 * config reads: packs it extends and the allowlist file it names.
 */
export function protectedKind(path: string, project: Project, configFiles: readonly string[] = []): ProtectedKind | null {
  const hookDirs = [project.hooksDir, project.commonDir && join(project.commonDir, 'hooks'), project.gitDir && join(project.gitDir, 'hooks')];
  if (hookDirs.some((dir) => dir && isInside(path, dir))) return 'hook';
  const gitConfigs = [project.commonDir && join(project.commonDir, 'config'), project.gitDir && join(project.gitDir, 'config.worktree')];
  if (gitConfigs.includes(path)) return 'git-config';
  if (project.commonDir && isInside(path, join(project.commonDir, 'diff-guardian'))) return 'guardian-state';
  const relative = projectPath(path, project);
  if (relative !== null && (GUARDIAN_CONFIG.test(relative) || configFiles.includes(relative))) return 'guardian-config';
  if (relative !== null && GUARDIAN_IGNORES.test(relative)) return 'guardian-ignores';
  if (relative !== null && AGENT_SETTINGS.test(relative)) return 'agent-settings';
  if (isInside(path, project.home)) {
    const inHome = path.slice(project.home.length + 1);
    if (AGENT_SETTINGS.test(inHome)) return 'agent-settings';
  }
  return null;
}

// System locations and the dotfiles in a home directory: writing them changes how
// every later program runs, or what credentials it uses.
const SYSTEM_DIRECTORIES = ['/etc', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/boot', '/opt', '/root', '/var', '/System', '/Library'];

/** Returns where an outside path lies: `sensitive` for system and home dotfiles, else `outside`; null inside. */
export function outsideKind(path: string, project: Project): 'outside' | 'sensitive' | null {
  if (isInside(path, project.root)) return null;
  if (path === '/dev/null' || path.startsWith('/dev/fd/') || /^\/dev\/(?:std(?:in|out|err)|tty)$/.test(path)) return null;
  if (isInside(path, project.home)) {
    const first = path.slice(project.home.length + 1).split('/')[0] ?? '';
    return first.startsWith('.') ? 'sensitive' : 'outside';
  }
  if (project.scratchDirs.some((dir) => isInside(path, dir))) return null;
  if (SYSTEM_DIRECTORIES.some((dir) => isInside(path, dir)) || path === '/') return 'sensitive';
  return 'outside';
}
