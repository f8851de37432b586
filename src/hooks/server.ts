import { annotatedTags, checkRefNames, checkTagMessages } from '../engine/tags.js';
import { strongestAction } from '../packs/decide.js';
import { maskTokens } from '../engine/redact.js';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CheckResult } from '../engine/check.js';
import { ConfigError, describeError } from '../errors.js';
import { readCommitInfos } from '../git/commits.js';
import { gitSync } from '../git/exec.js';
import type { CommitVerdict } from '../model/types.js';
import type { NoteContext } from '../notes/index.js';
import { defaultPolicy, fileSource, loadPolicy } from '../packs/load.js';
import type { Policy } from '../packs/types.js';
import { timeoutProblem } from '../cli/args.js';
import type { CliIO } from '../cli/io.js';
import { readConfig } from './git-paths.js';
import { appendVerdictNotes } from './notes-append.js';
import { appendRefLog, refLogEntries } from './ref-log.js';
import { parseRefUpdates, planPush, type RefPlan, type RefUpdate } from './push-plan.js';
import { judgeCommits, trustedIgnoreBases } from './server-judge.js';
import { acceptanceReport, rejectionReport } from './server-report.js';
import { keepUnwritten, serverSigningKey, signingKeyProblem, UNWRITTEN_DIR } from './server-signing.js';

/** Time bound of a pre-receive check when `server.timeoutSeconds` is unset. */
export const DEFAULT_TIMEOUT_SECONDS = 300;
const OVERRIDE_OPTION = 'diff-guardian.override=';
/** Verdicts kept for a push that never reached post-receive are removed after this long. */
const PENDING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Verdicts that pre-receive keeps for post-receive, which writes the notes
 * once the refs exist. The file name is a hash of the ref update lines, which
 * both hooks read on stdin.
 */
interface PendingPush {
  plans: RefPlan[];
  verdicts: CommitVerdict[];
  policies: Policy[];
  override?: { identity: string; reason: string };
  failOpen?: { error: string };
}

class TimeoutError extends Error {}

function stateDir(cwd: string): string {
  return resolve(cwd, gitSync(['rev-parse', '--git-common-dir'], { cwd }).trim(), 'diff-guardian');
}

function pendingFile(cwd: string, stdin: string): string {
  const key = createHash('sha256').update(stdin.trim()).digest('hex');
  return join(stateDir(cwd), 'pending', `${key}.json`);
}

/** Loads the config recorded by `install --server`, never one carried in the push. */
export function loadServerPolicy(cwd: string): Policy {
  const path = readConfig(cwd, 'diff-guardian.serverConfig');
  if (!path) return defaultPolicy();
  const policy = loadPolicy(fileSource(), path);
  checkServerSettings(policy, path);
  return policy;
}

/**
 * Raises a ConfigError for server settings that load but cannot work. A
 * `server.timeoutSeconds` beyond the longest Node timer delay would fire at once,
 * so every push would time out, and a fail-open server would accept it unchecked.
 */
export function checkServerSettings(policy: Policy, path: string): void {
  const seconds = policy.server.timeoutSeconds;
  const problem = seconds === undefined ? null : timeoutProblem(seconds);
  if (problem) throw new ConfigError(`${path}: /server/timeoutSeconds is ${seconds}; ${problem}`);
}

/**
 * Returns the pusher's identity from the variables servers set: DIFF_GUARDIAN_PUSHER
 * (set it in an SSH forced command or a wrapper), GL_USERNAME (GitLab),
 * GITEA_PUSHER_NAME (Gitea and Forgejo) and REMOTE_USER (git http-backend
 * behind an authenticating web server).
 */
export function pusherIdentity(env: NodeJS.ProcessEnv): string | null {
  return env.DIFF_GUARDIAN_PUSHER || env.GL_USERNAME || env.GITEA_PUSHER_NAME || env.REMOTE_USER || null;
}

/** Returns the reason given with `git push -o diff-guardian.override=<reason>`, or null. */
export function overrideReason(env: NodeJS.ProcessEnv): string | null {
  const count = Number(env.GIT_PUSH_OPTION_COUNT ?? 0);
  for (let i = 0; i < count; i += 1) {
    const option = env[`GIT_PUSH_OPTION_${i}`] ?? '';
    if (option.startsWith(OVERRIDE_OPTION)) return option.slice(OVERRIDE_OPTION.length).trim();
  }
  return null;
}

/**
 * Runs `work` under a time bound. Synchronous git calls hold the event loop,
 * so the timer can fire late. A result that arrives after the bound counts as
 * timed out too, so a check slower than the bound never passes as complete.
 */
async function withTimeout<T>(work: () => Promise<T>, seconds: number): Promise<T> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${seconds} s`)), seconds * 1000);
  });
  try {
    const result = await Promise.race([work(), limit]);
    if (Date.now() - started > seconds * 1000) throw new TimeoutError(`timed out after ${seconds} s`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends the process shortly after the hook returns: a timed-out check leaves
 * git processes running, and git waits for the hook to exit.
 */
function exitSoon(): void {
  setTimeout(() => process.exit(), 50).unref();
}

function write(io: CliIO, lines: readonly string[]): void {
  if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`);
}

function savePending(cwd: string, stdin: string, pending: PendingPush): void {
  const file = pendingFile(cwd, stdin);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(pending));
}

interface Judgement {
  plans: RefPlan[];
  result: CheckResult | null;
  subjects: Map<string, string>;
}

/**
 * Judges what a push publishes besides commits: the messages of annotated
 * tags and the ref names themselves, which can carry a credential too.
 */
async function judgeRefsAndTags(cwd: string, updates: RefUpdate[], policy: Policy): Promise<CommitVerdict[]> {
  const created = updates.filter((u) => !/^0+$/.test(u.newSha));
  const tags = await checkTagMessages(cwd, annotatedTags(cwd, created.map((u) => u.newSha)), policy);
  const names = await checkRefNames(created.map((u) => u.ref), policy);
  return [...tags, names].filter((verdict) => verdict.findings.length > 0);
}

async function judgePush(cwd: string, updates: RefUpdate[], policy: Policy): Promise<Judgement> {
  const plans = planPush(cwd, updates, policy.server);
  const shas = plans.flatMap((p) => p.commits);
  const extra = await judgeRefsAndTags(cwd, updates, policy);
  if (shas.length === 0 && extra.length === 0) return { plans, result: null, subjects: new Map() };
  const judged = shas.length > 0 ? await judgeCommits(cwd, shas, updates, policy, trustedIgnoreBases(cwd, plans)) : null;
  const commits = [...(judged?.commits ?? []), ...extra];
  const result: CheckResult = {
    verdict: strongestAction(commits.map((c) => c.verdict)),
    commits,
    findings: commits.flatMap((c) => c.findings),
    policies: judged?.policies ?? [policy],
  };
  const subjects = new Map<string, string>();
  for (const verdict of result.commits) {
    if (verdict.verdict !== 'allow') subjects.set(verdict.sha, '');
  }
  const commitShas = [...subjects.keys()].filter((sha) => shas.includes(sha));
  if (commitShas.length > 0) {
    for (const [sha, info] of readCommitInfos(cwd, commitShas)) subjects.set(sha, info.message.split('\n')[0] ?? '');
  }
  return { plans, result, subjects };
}

/**
 * Handles pre-receive: judges every commit the push brings with the server's
 * policy and returns 1 to reject the whole push. Internal errors and the time
 * bound reject too unless `settings.failMode` is `open`.
 */
export async function preReceive(io: CliIO, stdin: string): Promise<number> {
  const cwd = io.cwd;
  const updates = parseRefUpdates(stdin);
  let policy: Policy;
  try {
    policy = loadServerPolicy(cwd);
  } catch (error) {
    io.stderr.write(`diff-guardian: push rejected: the server's diff-guardian config is invalid: ${describeError(error)}\n`);
    io.stderr.write('diff-guardian: ask the server administrator to fix it; the push can be retried unchanged\n');
    return 1;
  }
  const keyProblem = signingKeyProblem(cwd);
  if (keyProblem !== null) {
    if (policy.settings.failMode !== 'open') {
      io.stderr.write(
        `diff-guardian: push rejected because the server cannot sign verdict notes (${keyProblem}). ` +
          'Ask the administrator to fix the key file or `git config diff-guardian.signingKey` of this repository; ' +
          'the push can be retried unchanged.\n',
      );
      return 1;
    }
    io.stderr.write(
      `diff-guardian: warning: the server cannot sign verdict notes (${keyProblem}), so this push's verdicts ` +
        `are kept in diff-guardian/${UNWRITTEN_DIR}/ of the repository (settings.failMode: open)\n`,
    );
  }
  const seconds = policy.server.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  let judgement: Judgement;
  try {
    judgement = await withTimeout(() => judgePush(cwd, updates, policy), seconds);
  } catch (error) {
    if (error instanceof TimeoutError) exitSoon();
    const why = error instanceof TimeoutError ? `the check ${error.message} (server.timeoutSeconds)` : describeError(error);
    if (policy.settings.failMode === 'open') {
      io.stderr.write(`diff-guardian: warning: push accepted without a complete check because ${why} (settings.failMode: open)\n`);
      savePending(cwd, stdin, { ...uncheckedPush(cwd, updates, policy), policies: [policy], failOpen: { error: why } });
      return 0;
    }
    io.stderr.write(`diff-guardian: push rejected because ${why}; `);
    io.stderr.write(
      error instanceof TimeoutError
        ? 'push fewer commits at a time, or ask the administrator to raise server.timeoutSeconds\n'
        : 'retry, and if it fails again ask the administrator to check the server hook\n',
    );
    return 1;
  }
  return decide(io, stdin, policy, judgement);
}

/** Plans and allow verdicts for a push let through by fail-open, so its notes record that. */
function uncheckedPush(cwd: string, updates: RefUpdate[], policy: Policy): Pick<PendingPush, 'plans' | 'verdicts'> {
  try {
    const plans = planPush(cwd, updates, policy.server);
    const verdicts: CommitVerdict[] = plans.flatMap((plan) =>
      plan.commits.map((sha) => ({ sha, verdict: 'allow', agent: { agent: false, matchedBy: [] }, findings: [], skipped: [] })),
    );
    return { plans, verdicts };
  } catch {
    return { plans: [], verdicts: [] };
  }
}

function decide(io: CliIO, stdin: string, policy: Policy, judgement: Judgement): number {
  const { plans, result, subjects } = judgement;
  const refRejected = plans.some((p) => p.rejection);
  const findingsBlock = result?.verdict === 'block';
  const reason = overrideReason(io.env);
  const identity = pusherIdentity(io.env);
  const allowed = policy.server.overrideIdentities ?? [];
  let override: PendingPush['override'];
  let overrideProblem: string | undefined;
  if (findingsBlock && reason !== null) {
    if (!reason) overrideProblem = 'override not accepted: give a reason, as in -o diff-guardian.override="<reason>"';
    else if (!identity) overrideProblem = 'override not accepted: the server did not say who is pushing (see the README, Hooks)';
    else if (!allowed.includes(identity)) overrideProblem = `override not accepted: ${identity} is not listed in server.overrideIdentities`;
    else override = { identity, reason };
  }
  const report = { plans, result, subjects, overrideHint: allowed.length > 0, overrideProblem };
  if (refRejected || (findingsBlock && !override)) {
    write(io, rejectionReport(report));
    return 1;
  }
  write(io, acceptanceReport(report, override ? `${override.identity}: ${override.reason}` : null));
  savePending(io.cwd, stdin, {
    plans,
    // Only commits get notes; tag and ref-name verdicts are reported to the pusher alone.
    verdicts: (result?.commits ?? []).filter((c) => /^[0-9a-f]{40,64}$/.test(c.sha) && plans.some((p) => p.commits.includes(c.sha))),
    policies: result?.policies ?? [policy],
    ...(override ? { override } : {}),
  });
  return 0;
}

/** Handles post-receive: writes the verdict notes pre-receive kept for this push. */
export async function postReceive(io: CliIO, stdin: string): Promise<number> {
  const cwd = io.cwd;
  const file = pendingFile(cwd, stdin);
  let pending: PendingPush;
  try {
    pending = JSON.parse(readFileSync(file, 'utf8')) as PendingPush;
  } catch {
    io.stderr.write('diff-guardian: warning: no verdicts were kept for this push, so no notes were written\n');
    return 0;
  }
  try {
    appendRefLog(stateDir(cwd), refLogEntries(cwd, pending.plans, pusherIdentity(io.env)));
  } catch (error) {
    io.stderr.write(`diff-guardian: warning: force pushes and deletions of this push were not logged: ${describeError(error)}\n`);
  }
  const signingKey = serverSigningKey(cwd);
  const verdicts = new Map(pending.verdicts.map((v) => [v.sha, v]));
  let keptVerdicts = false;
  try {
    for (const plan of pending.plans) {
      // Commits on the notes ref are judged but get no notes about themselves.
      if (plan.commits.length === 0 || plan.ref.startsWith('refs/notes/')) continue;
      const context: NoteContext = {
        writtenBy: 'post-receive',
        push: { ref: maskTokens(plan.ref, 400), oldSha: plan.oldSha, newSha: plan.newSha, nonFastForward: plan.nonFastForward },
        ...(pending.override ? { override: pending.override } : {}),
        ...(pending.failOpen ? { failOpen: pending.failOpen } : {}),
      };
      const planVerdicts = plan.commits.map((sha) => verdicts.get(sha)).filter((v): v is CommitVerdict => !!v);
      await appendVerdictNotes(planVerdicts, pending.policies, { cwd, signingKey, context });
    }
  } catch (error) {
    io.stderr.write(`diff-guardian: warning: verdict notes were not written: ${describeError(error)}\n`);
    keptVerdicts = keepPendingFile(io, cwd, file);
  } finally {
    if (!keptVerdicts) rmSync(file, { force: true });
    removeStalePending(join(file, '..'));
  }
  return 0;
}

/** Moves the verdicts of a push whose notes failed out of pending/; returns false when that fails too. */
function keepPendingFile(io: CliIO, cwd: string, file: string): boolean {
  try {
    const target = keepUnwritten(stateDir(cwd), file);
    io.stderr.write(`diff-guardian: the verdicts of this push are kept in ${target}\n`);
    return true;
  } catch (error) {
    io.stderr.write(`diff-guardian: warning: the verdicts of this push were not kept: ${describeError(error)}\n`);
    return false;
  }
}

function removeStalePending(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > PENDING_MAX_AGE_MS) rmSync(path, { force: true });
  }
}
