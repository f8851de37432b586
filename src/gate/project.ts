import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { gitStatus, gitSync, gitText } from '../git/exec.js';
import { HEAD_LOOKUP_ARGS, PROJECT_LOOKUP_ARGS, trackedLookupInput } from '../git/first-calls.js';

/** The repository an agent works in, as the gate resolves it. */
export interface Project {
  /** Working tree root, or the session's directory when it is not inside a repository. */
  root: string;
  /** The session's current directory, against which relative paths resolve. */
  cwd: string;
  /** This working tree's git directory; null outside a repository. */
  gitDir: string | null;
  /** The git directory shared by all worktrees, which contains hooks and the gate's audit log. */
  commonDir: string | null;
  /** The hooks directory git runs hooks from, honouring `core.hooksPath`. */
  hooksDir: string | null;
  home: string;
  /** Directories where any program may write scratch files, such as /tmp; writes there are not reported. */
  scratchDirs: string[];
}

/**
 * Finds the repository around `cwd` with one git process. Outside a
 * repository the project is `cwd` itself and nothing is read from git.
 */
export function findProject(cwd: string): Project {
  let out: string | null = null;
  try {
    out = gitSync(PROJECT_LOOKUP_ARGS, { cwd });
  } catch {
    // Not a repository, or no git: the project is the directory itself.
  }
  return projectOf(cwd, out);
}

/** `findProject`, using the launcher's early git call when it made the same one. */
export async function locateProject(cwd: string): Promise<Project> {
  let out: string | null = null;
  try {
    out = await gitText(PROJECT_LOOKUP_ARGS, { cwd });
  } catch {
    // As in findProject.
  }
  return projectOf(cwd, out);
}

function projectOf(cwd: string, revParse: string | null): Project {
  const home = homedir();
  const [root, gitDir, commonDir, hooks] = (revParse ?? insideGitDirectory(cwd) ?? '').split('\n');
  if (!root || !gitDir || !commonDir || !hooks) {
    return { root: canonical(cwd), cwd: canonical(cwd), gitDir: null, commonDir: null, hooksDir: null, home, scratchDirs: scratchDirectories() };
  }
  return {
    root: canonical(root),
    cwd: canonical(cwd),
    gitDir: canonical(gitDir),
    commonDir: canonical(resolve(cwd, commonDir)),
    hooksDir: canonical(resolve(cwd, hooks)),
    home,
    scratchDirs: scratchDirectories(),
  };
}

/**
 * Returns rev-parse's output as PROJECT_LOOKUP_ARGS gives it, with absolute
 * paths, for a `cwd` inside a git directory, where git shows no working
 * tree. The lookup runs again from the working tree root: the folder that
 * contains the git directory, or for a linked worktree the folder its `gitdir`
 * file names. Returns null outside any repository.
 */
function insideGitDirectory(cwd: string): string | null {
  try {
    const gitDir = gitSync(['rev-parse', '--absolute-git-dir'], { cwd }).trim();
    let root = basename(gitDir) === '.git' ? dirname(gitDir) : gitDir;
    if (existsSync(join(gitDir, 'gitdir'))) root = dirname(readFileSync(join(gitDir, 'gitdir'), 'utf8').trim());
    const [top, ownGitDir, commonDir, hooks] = gitSync(PROJECT_LOOKUP_ARGS, { cwd: root }).split('\n');
    if (!top || !ownGitDir || !commonDir || !hooks) return null;
    return [top, ownGitDir, resolve(root, commonDir), resolve(root, hooks)].join('\n');
  } catch {
    return null;
  }
}

/** Returns the branch HEAD points at, read from the HEAD file without starting git. */
export function currentBranch(project: Project): string | null {
  if (!project.gitDir) return null;
  try {
    const head = readFileSync(join(project.gitDir, 'HEAD'), 'utf8').trim();
    return head.startsWith('ref: refs/heads/') ? head.slice('ref: refs/heads/'.length) : null;
  } catch {
    return null;
  }
}

/**
 * Resolves a path as the shell or a tool would, then follows symbolic links
 * in its longest existing prefix, so a link inside the project that points
 * elsewhere is judged by where it points. `~` and `$HOME` expand to the home
 * directory; any other variable stays as written.
 */
export function resolveTarget(path: string, project: Project): string {
  let expanded = path;
  if (expanded === '~' || expanded.startsWith('~/')) expanded = project.home + expanded.slice(1);
  expanded = expanded.replace(/^\$\{?HOME\}?(?=\/|$)/, project.home).replace(/^\$\{?PWD\}?(?=\/|$)/, project.cwd);
  return canonical(isAbsolute(expanded) ? expanded : resolve(project.cwd, expanded));
}

/** True when `path` is `dir` or inside it. Both must be absolute and canonical. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Returns `path` relative to the project root with `/` separators, or null when it is outside. */
export function projectPath(path: string, project: Project): string | null {
  if (!isInside(path, project.root)) return null;
  return relative(project.root, path).split(sep).join('/');
}

/** Directories where writing is routine for any program. */
function scratchDirectories(): string[] {
  return [...new Set(['/tmp', '/var/tmp', canonical(tmpdir())])];
}

function canonical(path: string): string {
  const absolute = resolve(path);
  let existing = absolute;
  const rest: string[] = [];
  for (let guard = 0; guard < 256; guard += 1) {
    try {
      const real = realpathSync(existing);
      return rest.length === 0 ? real : join(real, ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) break;
      rest.push(existing.slice(parent.length).replace(/^[/\\]/, ''));
      existing = parent;
    }
  }
  return absolute;
}

/**
 * Tests whether the commit at HEAD contains `path` (relative to the project
 * root). Outside a repository, and on a branch with no commit yet, nothing is.
 */
export async function trackedAtHead(project: Project, path: string): Promise<boolean> {
  if (!project.gitDir) return false;
  const input = trackedLookupInput(path);
  if (input === null) return gitStatus(['cat-file', '-e', `HEAD:${path}`], { cwd: project.root }) === 0;
  // The launcher may have started this query before the bundle loaded (see prefetch-plan.ts).
  try {
    const line = (await gitText(HEAD_LOOKUP_ARGS, { cwd: project.root, input })).trimEnd();
    return /^[0-9a-f]{40,64} [a-z]+$/.test(line);
  } catch {
    // As with `cat-file -e`, a path git cannot look up counts as untracked.
    return false;
  }
}
