// Author and committer of notes commits. `git fast-import` needs both spelled
// out, so they are read from `git var -l`, which also lists the config (one
// process for the identity and the signing key setting).
import { GitError } from '../errors.js';
import { gitSync, gitText } from '../git/exec.js';
import { IDENTITY_ARGS } from '../git/first-calls.js';

const FALLBACK_NAME = 'diff-guardian';
const FALLBACK_EMAIL = 'diff-guardian@localhost';

/** The identities git would give a new commit, each as `Name <email> <seconds> <±hhmm>`. */
export interface NotesIdentity {
  author: string;
  committer: string;
}

/** Output of `git var -l`: the identities and the config, last value per key. */
export interface GitVars {
  author: string | null;
  committer: string | null;
  /** Config values by key, lower case except for subsections, as `git var -l` prints them. */
  config: ReadonlyMap<string, string>;
}

const IDENT = /^(.*) <([^<>\n]*)> (\d+) ([+-]\d{4})$/;

/** Runs `git var -l` (or takes the launcher's early run of it) and parses its output. */
export async function readGitVars(cwd: string): Promise<GitVars> {
  return parseGitVars(await gitText(IDENTITY_ARGS, { cwd }));
}

/**
 * Parses `git var -l`: config lines first, then the variables. The last
 * identity line counts, so a multi-line config value cannot stand in for it.
 */
export function parseGitVars(text: string): GitVars {
  const config = new Map<string, string>();
  let author: string | null = null;
  let committer: string | null = null;
  for (const line of text.split('\n')) {
    const equals = line.indexOf('=');
    const key = equals < 0 ? line : line.slice(0, equals);
    const value = equals < 0 ? '' : line.slice(equals + 1);
    if (key === 'GIT_AUTHOR_IDENT') author = value;
    else if (key === 'GIT_COMMITTER_IDENT') committer = value;
    else if (key) config.set(key, value);
  }
  return { author, committer, config };
}

/**
 * Returns the author and committer git would record for a new commit in `cwd`,
 * as `git commit-tree` would, or the diff-guardian identity when git has none
 * to give (a server account without user.name). An identity whose name and
 * email both come from the environment or config is taken from `vars` as it
 * is. Any other may be one git would reject, so `git var` checks it strictly.
 */
export function notesIdentity(cwd: string, vars: GitVars, env: NodeJS.ProcessEnv = process.env): NotesIdentity {
  const author = explicitIdent('author', vars, env);
  const committer = explicitIdent('committer', vars, env);
  if (author && committer) return { author, committer };
  const strictAuthor = strictIdent(cwd, 'GIT_AUTHOR_IDENT');
  const strictCommitter = strictIdent(cwd, 'GIT_COMMITTER_IDENT');
  if (strictAuthor && strictCommitter) return { author: strictAuthor, committer: strictCommitter };
  return {
    author: `${FALLBACK_NAME} <${FALLBACK_EMAIL}> ${dateOf('author', vars, env)}`,
    committer: `${FALLBACK_NAME} <${FALLBACK_EMAIL}> ${dateOf('committer', vars, env)}`,
  };
}

function explicitIdent(kind: 'author' | 'committer', vars: GitVars, env: NodeJS.ProcessEnv): string | null {
  const ident = vars[kind];
  const match = ident === null ? null : IDENT.exec(ident);
  if (!match) return null;
  const prefix = `GIT_${kind.toUpperCase()}_`;
  const { config } = vars;
  const nameGiven = env[`${prefix}NAME`] !== undefined || config.has(`${kind}.name`) || config.has('user.name');
  const emailGiven =
    env[`${prefix}EMAIL`] !== undefined || config.has(`${kind}.email`) || config.has('user.email') || env.EMAIL !== undefined;
  if (!nameGiven || !emailGiven || !hasNonCrud(match[1]!) || match[2] === '') return null;
  return `${match[1]} <${match[2]}> ${dateOf(kind, vars, env)}`;
}

/**
 * Returns the time for a new commit as `<seconds> <±hhmm>`: git's own value
 * when GIT_AUTHOR_DATE or GIT_COMMITTER_DATE sets it, else now in the time
 * zone git printed, because `vars` may have been read a while ago.
 */
function dateOf(kind: 'author' | 'committer', vars: GitVars, env: NodeJS.ProcessEnv): string {
  const match = IDENT.exec(vars[kind] ?? '');
  const now = Math.floor(Date.now() / 1000);
  if (!match) return `${now} +0000`;
  if (env[`GIT_${kind.toUpperCase()}_DATE`] !== undefined) return `${match[3]} ${match[4]}`;
  return `${now} ${match[4]}`;
}

/** Returns `git var NAME`, which fails where git would refuse to make a commit, or null then. */
function strictIdent(cwd: string, name: string): string | null {
  try {
    const ident = gitSync(['var', name], { cwd }).trim();
    return IDENT.test(ident) ? ident : null;
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  }
}

/** Tests for a character git does not strip from the ends of a name, as git requires of a strict identity. */
function hasNonCrud(name: string): boolean {
  return /[^\0- .,:;<>"\\']/.test(name);
}
