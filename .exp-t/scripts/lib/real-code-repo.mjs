// Builds a git repository from the files of installed npm packages: real
// third-party code that nobody on this project wrote. Each package becomes
// one commit, so a check over the history reads every file as added text.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Environment for the import commits: no user or system config, a fixed identity. */
export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Import Bot',
  GIT_AUTHOR_EMAIL: 'import@example.com',
  GIT_COMMITTER_NAME: 'Import Bot',
  GIT_COMMITTER_EMAIL: 'import@example.com',
};

/** Runs git for an import repository and returns its output. */
export function git(cwd, args) {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
}

function sizeOf(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/**
 * Creates `dir` as a repository with one commit per package directory in
 * `packageDirs` (copied under `vendor/<name>/`, nested node_modules left out).
 * Returns the commit ids, oldest first, and the bytes of files committed.
 */
export function buildRealCodeRepo(dir, packageDirs) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '--initial-branch=main']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'Start the import']);
  const commits = [];
  let bytes = 0;
  for (const source of packageDirs) {
    if (!existsSync(source)) throw new Error(`package directory not found: ${source}`);
    const name = source.split('/node_modules/').pop();
    const target = join(dir, 'vendor', name);
    cpSync(source, target, { recursive: true, filter: (path) => !path.slice(source.length).includes('node_modules') });
    bytes += sizeOf(target);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '--no-verify', '-m', `Import ${name}`]);
    commits.push(git(dir, ['rev-parse', 'HEAD']).trim());
  }
  return { commits, bytes };
}
