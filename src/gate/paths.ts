import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { globMatcher } from '../util/picomatch.js';
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
  // git never runs the *.sample files that `git init` puts in .git/hooks.
  if (hookDirs.some((dir) => dir && isInside(path, dir)) && !path.endsWith('.sample')) return 'hook';
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

/** A protected path, or a folder in the project that contains one. */
export interface ProtectedPlace {
  path: string;
  kind: ProtectedKind;
  /** True for a folder above a protected path. */
  folder: boolean;
}

/** Lists the protected paths of a project that exist or are always named, with each folder above them in the project. */
export function protectedPlaces(project: Project, configFiles: readonly string[]): ProtectedPlace[] {
  const places: ProtectedPlace[] = [];
  const add = (path: string | null): void => {
    if (path === null) return;
    const kind = protectedKind(path, project, configFiles);
    if (kind === null) return;
    places.push({ path, kind, folder: false });
    // A folder above a protected path, up to the project root, takes it along when it is removed or moved.
    for (let dir = dirname(path); isInside(dir, project.root) && dir !== project.root; dir = dirname(dir)) places.push({ path: dir, kind, folder: true });
  };
  for (const dir of [project.hooksDir, project.commonDir && join(project.commonDir, 'hooks')]) {
    if (!dir) continue;
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // No hooks folder yet.
    }
    // The hooks diff-guardian installs count even before they exist, for patterns such as hook?/pre-commit.
    for (const name of new Set([...names, 'pre-commit', 'commit-msg', 'post-commit', 'pre-push'])) add(join(dir, name));
  }
  if (project.commonDir) {
    add(join(project.commonDir, 'config'));
    add(join(project.commonDir, 'diff-guardian', 'gate.log'));
  }
  const inRoot = ['.diff-guardian.yml', '.diff-guardian.yaml', '.diff-guardian-allowlist.yml', '.gitleaksignore', '.secretlintignore', '.claude/settings.json', ...configFiles];
  for (const name of inRoot) add(join(project.root, name));
  return places;
}

/**
 * Classifies a path that is not protected itself but would take protected
 * files with it: a folder above one (when `folders` is true, for removals and
 * moves), or a shell pattern such as `.git/hook?/*` that matches one.
 */
export function protectedWithin(path: string, project: Project, configFiles: readonly string[], folders: boolean): ProtectedKind | null {
  const isPattern = /[*?[{]/.test(path);
  if (!isPattern && !folders) return null;
  const matches = isPattern ? globMatcher(path, { dot: false }) : null;
  for (const place of protectedPlaces(project, configFiles)) {
    if (matches ? matches(place.path) : place.path !== path && isInside(place.path, path)) return place.kind;
  }
  return null;
}
