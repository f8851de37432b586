import { resolve } from 'node:path';
import { checkCommits, checkStaged, type CheckResult } from '../engine/check.js';
import { EXIT, GitError, UsageError } from '../errors.js';
import { locateRepository, resolveCommits } from '../git/commits.js';
import { setQuiet, warn } from '../log.js';
import { renderReport } from '../report/render.js';
import { VERSION } from '../version.js';
import { setGitDeadline } from '../git/exec.js';
import { MAX_TIMEOUT_SECONDS, parseCommandArgs, parseFormat, timeoutProblem } from './args.js';
import { EXIT_CODES_HELP } from './help.js';
import { emit, useColor, type CliIO } from './io.js';
import { progressReporter } from './progress.js';
import { warnAboutUnknownRules } from '../engine/unknown-rules.js';

const HELP = `Usage: diff-guardian check [options] <commit|range>...
       diff-guardian check --staged [options]

Checks each commit's diff and prints a verdict: allow, warn or block. Each
argument adds its own commits: a revision is that one commit, and a range such
as main..HEAD is every commit in it. An exclusion such as ^main removes main and
its ancestors from every argument, so plain revisions become a range, as in
git rev-list. Commits are checked once each, oldest first.

Options:
  --staged             check the index against HEAD (the pre-commit view)
  --config FILE        judge with this config instead of the repository's own
  --all-parents        diff merge commits against every parent, not only the first
  --format FORMAT      text (default), json or sarif
  --output FILE        write the report to FILE instead of stdout
  --repo PATH          repository to check (default: the current directory)
  --note               write each commit's verdict as a signed note under refs/notes/diff-guardian
  --signing-key FILE   OpenSSH Ed25519 private key for --note (default: $DIFF_GUARDIAN_SIGNING_KEY,
                       then git config diff-guardian.signingKey; without one notes are unsigned)
  --quiet              report blocking findings only
  --no-color           no colour, as with NO_COLOR set
  --timeout SECONDS    stop with exit status 2 if the check takes longer
                       (at most ${MAX_TIMEOUT_SECONDS})
  -h, --help           show this help

${EXIT_CODES_HELP}
`;

function parseCheckArgs(argv: string[]) {
  return parseCommandArgs('check', argv, {
    staged: { type: 'boolean' },
    config: { type: 'string' },
    'all-parents': { type: 'boolean' },
    format: { type: 'string' },
    output: { type: 'string' },
    repo: { type: 'string' },
    note: { type: 'boolean' },
    'signing-key': { type: 'string' },
    quiet: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCheckArgs(argv);
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.allowed;
  }
  const format = parseFormat(values.format);
  const timer = values.timeout === undefined ? null : startTimeout(parseTimeout(values.timeout), io);
  try {
    return await runCheck(values, positionals, format, io);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

async function runCheck(
  values: ReturnType<typeof parseCheckArgs>['values'],
  positionals: string[],
  format: ReturnType<typeof parseFormat>,
  io: CliIO,
): Promise<number> {
  const cwd = resolve(io.cwd, values.repo ?? '.');
  const notARepository = () =>
    new UsageError(`${cwd} is not inside a git repository; run check from a repository or pass --repo PATH`);
  // The staged check finds out that cwd is not a repository from its first git call, and a range check runs rev-parse first.
  const repository = values.staged ? null : locateRepository(cwd);
  if (!values.staged && !repository) throw notARepository();
  if (values.staged && positionals.length > 0) throw new UsageError('--staged takes no commit arguments');
  if (!values.staged && positionals.length === 0) {
    throw new UsageError('no commit or range given; try `diff-guardian check HEAD` or `diff-guardian check --staged`');
  }
  if (values.staged && values.note) throw new UsageError('--note needs commits: the index has no commit to annotate');
  if (values.quiet) setQuiet(true);
  const configPath = values.config ? resolve(io.cwd, values.config) : undefined;
  const common = { cwd, configPath, mergeParents: values['all-parents'] ? ('all' as const) : undefined };

  let result: CheckResult;
  if (values.staged) {
    try {
      result = await checkStaged(common);
    } catch (error) {
      if (error instanceof GitError && /not a git repository/i.test(error.stderr)) throw notARepository();
      throw error;
    }
  } else {
    const shas = resolveCommits(cwd, positionals);
    const progress = progressReporter(io, shas.length);
    try {
      result = await checkCommits(shas, { ...common, onProgress: progress.update });
    } finally {
      progress.done();
    }
  }
  await warnAboutUnknownRules(result.policies, (line) => io.stderr.write(line), result.commits);
  if (values.note) await writeNotesFor(result, cwd, values['signing-key']);
  const text = renderReport(format, result, {
    color: format === 'text' && !values.output && useColor(io, Boolean(values['no-color'])),
    quiet: Boolean(values.quiet),
    version: VERSION,
    // Only SARIF shows the repository root.
    root: format === 'sarif' ? ((repository ?? locateRepository(cwd))?.topLevel ?? undefined) : undefined,
  });
  emit(io, text, values.output);
  return result.verdict === 'block' ? EXIT.blocked : EXIT.allowed;
}

async function writeNotesFor(result: CheckResult, cwd: string, explicitKey: string | undefined): Promise<void> {
  const notes = await import('../notes/index.js');
  const signingKey = notes.resolveSigningKey(cwd, explicitKey);
  if (!signingKey) warn('no signing key set, so the notes are unsigned; pass --signing-key FILE or run `diff-guardian keygen`');
  await notes.writeVerdictNotes(result.commits, result.policies, { cwd, signingKey, context: { writtenBy: 'check' } });
}

function parseTimeout(value: string): number {
  const seconds = value.trim() === '' ? Number.NaN : Number(value);
  const problem = timeoutProblem(seconds);
  if (problem) throw new UsageError(`invalid --timeout ${JSON.stringify(value)}: ${problem}`);
  return seconds;
}

/**
 * Ends the process with exit status 2 when the check outlives its time bound,
 * for example behind a slow or hung git. Exiting, rather than rejecting, also
 * ends git processes still streaming output to this one.
 */
function startTimeout(seconds: number, io: CliIO): NodeJS.Timeout {
  setGitDeadline(Date.now() + seconds * 1000);
  const timer = setTimeout(() => {
    io.stderr.write(
      `diff-guardian: check timed out after ${seconds} s; check a smaller range or raise --timeout\n`,
    );
    process.exit(EXIT.error);
  }, seconds * 1000);
  timer.unref();
  return timer;
}
