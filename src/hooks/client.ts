import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkCommits, checkStaged, type CheckResult } from '../engine/check.js';
import type { CommitVerdict } from '../model/types.js';
import { strongestAction } from '../packs/decide.js';
import { checkCommitMessage } from '../engine/check-message.js';
import { warnAboutUnknownRules } from '../engine/unknown-rules.js';
import { describeError, UsageError } from '../errors.js';
import { headCommit } from '../git/commits.js';
import { gitSync, gitText } from '../git/exec.js';
import { HEAD_IDS_ARGS } from '../git/first-calls.js';
import { debug } from '../log.js';
import { notesIdentity, readGitVars } from '../notes/identity.js';
import { NOTES_REF, readNotes, resolveSigningKey, writeVerdictNotes } from '../notes/index.js';
import type { CommitIds } from '../notes/write.js';
import { renderReport } from '../report/render.js';
import { VERSION } from '../version.js';
import { acknowledgeAdvice, fixAdvice, JUDGED_BEFORE_MESSAGE } from './advice.js';
import { isAmending } from './amend.js';
import { publishNotes } from './notes-publish.js';
import { judgePushedCommits, judgePushedRefs, plansOfLines, type PushLine } from './push-check.js';
import { detectRuntime } from './runtime.js';
import { commitLines } from './server-report.js';
import type { CliIO } from '../cli/io.js';

const ZERO = /^0+$/;

function report(io: CliIO, result: CheckResult): void {
  if (result.findings.length === 0 && result.commits.every((c) => c.skipped.length === 0)) return;
  const color = Boolean(io.stderr.isTTY) && !io.env.NO_COLOR;
  io.stderr.write(renderReport('text', result, { color, quiet: false, version: VERSION }));
}

function blocked(io: CliIO, result: CheckResult, operation: string, retry: string): number {
  io.stderr.write(`diff-guardian: ${operation} blocked. To fix:\n`);
  for (const line of fixAdvice(result.findings)) io.stderr.write(`  - ${line}\n`);
  const [first, ...rest] = acknowledgeAdvice(result.policies[0]?.settings.allowlistFile);
  io.stderr.write(`  then ${retry}. ${first}\n`);
  for (const line of rest) io.stderr.write(`  ${line}\n`);
  return 1;
}

function internalError(io: CliIO, hook: string, error: unknown): number {
  io.stderr.write(`diff-guardian: ${hook} check failed, so the ${hook === 'pre-push' ? 'push' : 'commit'} is stopped: ${describeError(error)}\n`);
  io.stderr.write('diff-guardian: fix the cause above and try again, or run with DEBUG=diff-guardian for details\n');
  return 2;
}

/** Checks the staged change; returns 1 to stop the commit when the packs block it. */
export async function preCommit(io: CliIO): Promise<number> {
  try {
    const result = await checkStaged({ cwd: io.cwd, runtime: detectRuntime(io.env) });
    await warnAboutUnknownRules(result.policies, (line) => io.stderr.write(line), result.commits);
    report(io, result);
    if (result.verdict !== 'block') {
      if (result.findings.length > 0 && !result.commits[0]?.agent.agent) io.stderr.write(`${JUDGED_BEFORE_MESSAGE}\n`);
      return 0;
    }
    return blocked(io, result, 'commit', 'stage the fix with `git add` and commit again');
  } catch (error) {
    return internalError(io, 'pre-commit', error);
  }
}

/**
 * Checks the proposed commit message, which pre-commit cannot see: a secret in
 * it, or trailers that make the commit agent-authored (see checkCommitMessage),
 * which for `commit --amend` re-judges the whole amended commit. Returns 1 to
 * stop the commit when the packs block it.
 */
export async function commitMsg(io: CliIO, file: string | undefined): Promise<number> {
  try {
    if (!file) throw new UsageError('commit-msg: missing the message file that git passes to the hook');
    // The whole file is judged: comment lines and the text below a scissors line
    // stay in the commit under `-m`, `-F` and most cleanup modes, and the hook
    // cannot tell which mode git will apply.
    const message = readFileSync(resolve(io.cwd, file), 'utf8');
    const aliasOf = (name: string): string | null =>
      gitSync(['config', '--get', `alias.${name}`], { cwd: io.cwd, okCodes: [1] }).trim() || null;
    const result = await checkCommitMessage({ cwd: io.cwd, runtime: detectRuntime(io.env), message, isAmending: () => isAmending(aliasOf) });
    report(io, result);
    if (result.verdict !== 'block') return 0;
    return blocked(io, result, 'commit', 'change the message or stage the fix with `git add`, and commit again');
  } catch (error) {
    return internalError(io, 'commit-msg', error);
  }
}

/**
 * Writes the verdict note of the commit just made (see writeNotesOf). Errors
 * become warnings because a post-commit hook cannot undo the commit.
 */
export async function postCommit(io: CliIO): Promise<number> {
  try {
    const head = await headIds(io.cwd);
    if (!head) return 0;
    await writeNotesOf(io, [head.sha], 'post-commit', new Map([[head.sha, head]]));
  } catch (error) {
    io.stderr.write(`diff-guardian: warning: no verdict note written for HEAD: ${describeError(error)}\n`);
  }
  return 0;
}

/**
 * Writes the verdict note of a merge commit that `git merge` just made,
 * because git runs post-merge instead of post-commit for it. A fast-forward
 * makes no commit, so nothing is written then.
 */
export async function postMerge(io: CliIO): Promise<number> {
  try {
    const head = headCommit(io.cwd);
    if (!head || parentCount(io.cwd, head) < 2 || hasNote(io.cwd, head)) return 0;
    await writeNotesOf(io, [head], 'post-merge');
  } catch (error) {
    io.stderr.write(`diff-guardian: warning: no verdict note written for the merge: ${describeError(error)}\n`);
  }
  return 0;
}

/**
 * Writes verdict notes for the commits a rebase or amend made that have none.
 * A rebase that picks commits runs post-commit for each, but `git rebase
 * --apply` does not, and git gives this hook the rewritten commits as
 * `<old> <new>` lines on stdin.
 */
export async function postRewrite(io: CliIO, stdin: string): Promise<number> {
  try {
    const rewritten = [...new Set(stdin.split('\n').map((line) => line.split(' ')[1] ?? '').filter((sha) => /^[0-9a-f]{40,64}$/.test(sha)))];
    const notes = readNotes(io.cwd, NOTES_REF, rewritten);
    const missing = rewritten.filter((sha) => !notes.has(sha));
    if (missing.length > 0) await writeNotesOf(io, missing, 'post-rewrite');
  } catch (error) {
    io.stderr.write(`diff-guardian: warning: no verdict notes written for the rewritten commits: ${describeError(error)}\n`);
  }
  return 0;
}

/**
 * Checks commits that already exist and writes their verdict notes. Commits the
 * packs block got past the earlier hooks (`--no-verify`, a merge, a rebase, or
 * an amend that commit-msg did not recognise), so their findings are printed
 * with a warning that a push of them will be rejected.
 */
async function writeNotesOf(
  io: CliIO,
  shas: string[],
  writtenBy: 'post-commit' | 'post-merge' | 'post-rewrite',
  commits?: ReadonlyMap<string, CommitIds>,
): Promise<void> {
  const runtime = detectRuntime(io.env);
  const result = await checkCommits(shas, { cwd: io.cwd, runtime });
  // One `git var -l` gives both the notes commit's identity and the signing key setting.
  const vars = await readGitVars(io.cwd);
  await writeVerdictNotes(result.commits, result.policies, {
    cwd: io.cwd,
    signingKey: resolveSigningKey(io.cwd, undefined, vars.config),
    context: { writtenBy, runtime },
    identity: notesIdentity(io.cwd, vars),
    ...(commits ? { commits } : {}),
  });
  if (result.verdict !== 'block') return;
  report(io, result);
  const blocked = result.commits.filter((commit) => commit.verdict === 'block').map((commit) => commit.sha.slice(0, 12));
  const fix = writtenBy === 'post-commit' ? 'run `git commit --amend`' : 'rewrite those commits';
  io.stderr.write(
    `diff-guardian: warning: commit ${blocked.join(', ')} was made, but the packs block it, so a push that contains it will be rejected; fix the findings above and ${fix}\n`,
  );
}

/** Reads HEAD's commit id, tree and parents with one git process; null when HEAD has no commit yet. */
async function headIds(cwd: string): Promise<(CommitIds & { sha: string }) | null> {
  const line = (await gitText(HEAD_IDS_ARGS, { cwd })).trim();
  const [sha, tree, ...parents] = line.split(' ');
  return sha && tree ? { sha, tree, parents } : null;
}

function parentCount(cwd: string, sha: string): number {
  return gitSync(['rev-list', '--parents', '-n', '1', sha], { cwd }).trim().split(' ').length - 1;
}

function hasNote(cwd: string, sha: string): boolean {
  return readNotes(cwd, NOTES_REF, [sha]).has(sha);
}

/** Parses the `<local ref> <local sha> <remote ref> <remote sha>` lines git gives pre-push. */
export function parsePushLines(stdin: string): PushLine[] {
  const lines: PushLine[] = [];
  for (const line of stdin.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length !== 4) continue;
    lines.push({ localRef: parts[0]!, localSha: parts[1]!, remoteRef: parts[2]!, remoteSha: parts[3]! });
  }
  return lines;
}

function isCommit(cwd: string, sha: string): boolean {
  try {
    gitSync(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], { cwd });
    return true;
  } catch {
    return false;
  }
}

/** Lists the commits a push sends that the remote does not have yet, oldest first. */
export function commitsToPush(cwd: string, remote: string, lines: readonly PushLine[]): string[] {
  const seen = new Set<string>();
  const shas: string[] = [];
  for (const line of lines) {
    if (ZERO.test(line.localSha) || line.localRef.startsWith('refs/notes/') || !isCommit(cwd, line.localSha)) continue;
    const exclude = [`--remotes=${remote}`];
    if (!ZERO.test(line.remoteSha) && isCommit(cwd, line.remoteSha)) exclude.push(line.remoteSha);
    const out = gitSync(['rev-list', '--reverse', '--topo-order', line.localSha, '--not', ...exclude, '--'], { cwd });
    for (const sha of out.split('\n')) {
      if (sha && !seen.has(sha)) {
        seen.add(sha);
        shas.push(sha);
      }
    }
  }
  return shas;
}

/** Pre-push lines for the pre-commit framework, which passes the range in variables instead of stdin. */
function linesFromFramework(env: NodeJS.ProcessEnv): PushLine[] {
  const to = env.PRE_COMMIT_TO_REF;
  if (!to) return [];
  const zero = '0'.repeat(40);
  return [
    {
      localRef: env.PRE_COMMIT_LOCAL_BRANCH ?? 'HEAD',
      localSha: to,
      remoteRef: env.PRE_COMMIT_REMOTE_BRANCH ?? '',
      remoteSha: env.PRE_COMMIT_FROM_REF || zero,
    },
  ];
}

/**
 * Checks every commit the remote lacks, and the messages of pushed annotated
 * tags and the pushed ref names as the server does. Returns 1 to stop the push
 * when one is blocked. When the push goes ahead, the verdict notes of the
 * pushed commits go along with it (see publishNotes).
 */
export async function prePush(io: CliIO, args: readonly string[], stdin: string): Promise<number> {
  const remote = args[0] ?? io.env.PRE_COMMIT_REMOTE_NAME ?? 'origin';
  let lines = parsePushLines(stdin);
  if (lines.length === 0) lines = linesFromFramework(io.env);
  // The notes push below runs this hook again with only the notes ref, which must not push again.
  const notesOnly = lines.length > 0 && lines.every((l) => l.localRef.startsWith('refs/notes/') || l.remoteRef.startsWith('refs/notes/'));
  let shas: string[];
  try {
    shas = commitsToPush(io.cwd, remote, lines);
    const commits = shas.length > 0 ? await judgePushedCommits(io.cwd, shas, detectRuntime(io.env)) : null;
    const refs = await judgePushedRefs(io.cwd, lines);
    if (commits) report(io, commits);
    const refsBlocked = reportRefs(io, refs, lines);
    if (commits?.verdict === 'block') {
      return blocked(io, commits, 'push', 'rewrite the listed commits (a later commit that deletes the value leaves it in history) and push again');
    }
    if (refsBlocked) {
      const retry = 'delete the tag (`git tag -d <name>`), create it again with a clean message, or rename the branch, and push again';
      return blocked(io, { ...refResult(refs), policies: [] }, 'push', retry);
    }
  } catch (error) {
    return internalError(io, 'pre-push', error);
  }
  if (!notesOnly) pushNotes(io, remote, lines);
  return 0;
}

function refResult(verdicts: CommitVerdict[]): Omit<CheckResult, 'policies'> {
  return { verdict: strongestAction(verdicts.map((v) => v.verdict)), commits: verdicts, findings: verdicts.flatMap((v) => v.findings) };
}

/** Prints the findings in tag messages and ref names as the server would; returns true when one blocks. */
function reportRefs(io: CliIO, verdicts: CommitVerdict[], lines: readonly PushLine[]): boolean {
  const shown = verdicts.filter((verdict) => verdict.verdict !== 'allow');
  if (shown.length === 0) return false;
  const plans = plansOfLines(lines);
  const out = shown.flatMap((verdict) => commitLines(verdict, plans, '', false));
  io.stderr.write(`${out.map((line) => `diff-guardian: ${line}`).join('\n')}\n`);
  return shown.some((verdict) => verdict.verdict === 'block');
}

/**
 * Pushes the verdict notes of the pushed commits to the remote, after merging
 * the remote's notes into the local ones (see publishNotes).
 */
function pushNotes(io: CliIO, remote: string, lines: readonly PushLine[]): void {
  if (!isRef(io.cwd, NOTES_REF)) return;
  const tips = lines.filter((line) => !ZERO.test(line.localSha) && !line.remoteRef.startsWith('refs/notes/')).map((line) => line.localSha);
  try {
    const { withheld } = publishNotes(io.cwd, remote, tips);
    if (withheld.length > 0) {
      debug('notes', `kept ${withheld.length} note(s) of commits that no pushed or remote branch reaches out of the push`);
    }
  } catch (error) {
    io.stderr.write(`diff-guardian: warning: verdict notes were not pushed to ${remote}: ${describeError(error)}\n`);
  }
}

function isRef(cwd: string, ref: string): boolean {
  return gitSync(['rev-parse', '--verify', '--quiet', ref], { cwd, okCodes: [1] }).trim() !== '';
}
