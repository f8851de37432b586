import { resolve } from 'node:path';
import { ConfigError, EXIT, UsageError } from '../errors.js';
import { isGitRepository, resolveCommits, verifyCommit } from '../git/commits.js';
import { gitSync } from '../git/exec.js';
import { AllowedSignersError, readAllowedSigners } from '../notes/allowed-signers.js';
import { NOTES_REF } from '../notes/types.js';
import { verifyCommitNotes, type NoteVerification } from '../notes/verify.js';
import { parseCommandArgs } from './args.js';
import { emit, type CliIO } from './io.js';

const HELP = `Usage: diff-guardian verify [options] <commit|range>...

Checks that every commit has a verdict note under ${NOTES_REF}, signed by a
key in the allowed signers file for namespace diff-guardian, unchanged since it
was signed, and written for this very commit and tree. Run it in CI or on a
fresh clone (after fetching the notes) to show that no commit skipped the check.

Options:
  --allowed-signers FILE  OpenSSH allowed_signers file of trusted keys (default:
                          git config diff-guardian.allowedSigners)
  --reachable             verify every commit reachable from the given revisions,
                          as when auditing a whole branch (root commit included)
  --format FORMAT         text (default) or json
  --output FILE           write the report to FILE instead of stdout
  --repo PATH             repository to verify (default: the current directory)
  -h, --help              show this help

Problems reported: missing (no note), unsigned, altered (the note does not
match its signature), unknown-key (signer not allowed), other-commit and
other-tree (the note was written for another commit, as when amend or rebase
carried it), malformed, and unchecked (a server that fails open let the
commit through after an internal error, without judging it). A commit with
several notes, such as a client hook's and the server's, passes when one of
them is good, and each note is listed with who wrote it.

Exit status:
  0  every commit has a good note
  1  at least one commit has a problem
  2  usage, config or internal error
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', argv, {
    'allowed-signers': { type: 'string' },
    reachable: { type: 'boolean' },
    format: { type: 'string' },
    output: { type: 'string' },
    repo: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.allowed;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`invalid --format ${JSON.stringify(format)}: use text or json`);
  const cwd = resolve(io.cwd, values.repo ?? '.');
  if (!isGitRepository(cwd))
    throw new UsageError(`${cwd} is not inside a git repository; pass --repo PATH`);
  if (positionals.length === 0)
    throw new UsageError('no commit or range given; try `diff-guardian verify origin/main..HEAD`');
  const signersPath = values['allowed-signers']
    ? resolve(io.cwd, values['allowed-signers'])
    : configuredSigners(cwd);
  if (!signersPath) {
    throw new UsageError(
      'verify needs --allowed-signers FILE (or git config diff-guardian.allowedSigners) naming the trusted keys',
    );
  }

  let signers;
  try {
    signers = readAllowedSigners(signersPath);
  } catch (error) {
    if (error instanceof AllowedSignersError) throw new ConfigError(error.message);
    throw error;
  }
  const commits = values.reachable
    ? reachableCommits(cwd, positionals)
    : resolveCommits(cwd, positionals);
  const results = verifyCommitNotes(commits, { cwd, signers });
  const failed = results.filter((r) => r.status !== 'ok').length;
  emit(io, format === 'json' ? jsonReport(results) : textReport(results, failed), values.output);
  return failed > 0 ? EXIT.blocked : EXIT.allowed;
}

function reachableCommits(cwd: string, revisions: string[]): string[] {
  const commits = revisions.map((revision) => verifyCommit(cwd, revision));
  return gitSync(['rev-list', '--reverse', '--topo-order', ...commits, '--'], { cwd })
    .split('\n')
    .filter(Boolean);
}

function configuredSigners(cwd: string): string | null {
  const value = gitSync(['config', '--type=path', '--get', 'diff-guardian.allowedSigners'], {
    cwd,
    okCodes: [1],
  }).trim();
  return value ? resolve(cwd, value) : null;
}

function textReport(results: NoteVerification[], failed: number): string {
  const width = Math.max(2, ...results.map((r) => r.status.length));
  const lines = results.flatMap((r) => [
    `${r.commit.slice(0, 12)}  ${r.status.padEnd(width)}  ${r.detail}`,
    // A commit noted by a client hook and by the server lists each note and its writer.
    ...(r.notes ?? []).map(
      (note) => `${' '.repeat(14)}${note.origin} note (${note.writtenBy ?? 'unreadable record'}): ${note.status} (${note.detail})`,
    ),
  ]);
  const summary =
    failed === 0
      ? `All ${results.length} commit(s) have good verdict notes.`
      : `${failed} of ${results.length} commit(s) failed verification.`;
  // A good note can record a block: the note is genuine, and the commit it judges still got in.
  const blocked = results.filter((r) => r.status === 'ok' && r.verdict === 'block').length;
  let verdicts = '';
  if (blocked > 0) {
    verdicts =
      `\n${blocked} commit(s) with a good note record a block verdict: they were blocked and still reached this branch ` +
      '(`--no-verify` or an override); review them with `diff-guardian show <commit>`.';
  }
  return `${lines.join('\n')}\n${summary}${verdicts}\n`;
}

function jsonReport(results: NoteVerification[]): string {
  const commits = results.map(({ record, ...rest }) => ({ ...rest, time: record?.time }));
  const ok = results.every((r) => r.status === 'ok');
  return `${JSON.stringify({ ok, commits }, null, 2)}\n`;
}
