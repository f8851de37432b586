import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { isGitRepository, verifyCommit } from '../git/commits.js';
import { noteOrigin, parseRecord, splitNote, summaryLines, uncheckedReason } from '../notes/format.js';
import { fingerprint, SshKeyError } from '../notes/ssh-key.js';
import { parseSignature, verifySignature } from '../notes/sshsig.js';
import { readNotes } from '../notes/store.js';
import { NOTES_REF, SIGNATURE_NAMESPACE } from '../notes/types.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

const HELP = `Usage: diff-guardian show [options] <commit>

Prints the verdict note of a commit: the verdict, findings, attribution, the
record (commit, tree, packs, tool version, time) and who signed it. A commit
noted by a client hook and by the server has one note from each, labelled
client and server. A note
written when a server failed open reads "unchecked": the commit was let through
after an internal error without being judged (JSON: "checked": false and
"uncheckedReason"). Signature checks here use only the key inside the note;
run \`diff-guardian verify\` with an allowed signers file to know whether that
key is trusted.

Options:
  --format FORMAT   text (default) or json (the records)
  --repo PATH       repository (default: the current directory)
  -h, --help        show this help

Exit status:
  0  the note was printed
  1  the commit has no verdict note
  2  usage or internal error
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('show', argv, {
    format: { type: 'string' },
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
  if (positionals.length !== 1)
    throw new UsageError('show takes exactly one commit; try `diff-guardian show HEAD`');
  const cwd = resolve(io.cwd, values.repo ?? '.');
  if (!isGitRepository(cwd))
    throw new UsageError(`${cwd} is not inside a git repository; pass --repo PATH`);

  const commit = verifyCommit(cwd, positionals[0]!);
  const text = readNotes(cwd, NOTES_REF, [commit]).get(commit);
  if (text === undefined) {
    io.stderr.write(
      `diff-guardian: commit ${commit.slice(0, 12)} has no verdict note; write one with \`diff-guardian check ${commit.slice(0, 12)} --note\`\n`,
    );
    return EXIT.blocked;
  }
  const segments = splitNote(text);
  if (format === 'json') {
    const records = segments.map((s) => {
      const record = parseRecord(s.body);
      const unchecked = record ? uncheckedReason(record) : null;
      return {
        ...(record ? { origin: noteOrigin(record) } : {}),
        record,
        // A fail-open record stores an allow verdict that no check produced.
        checked: record === null ? null : unchecked === null,
        ...(unchecked ? { uncheckedReason: unchecked } : {}),
        signature: signatureSummary(s.body, s.signature),
      };
    });
    io.stdout.write(`${JSON.stringify({ commit, notes: records }, null, 2)}\n`);
    return EXIT.allowed;
  }
  if (segments.length === 0) {
    io.stdout.write(`Note of ${commit} (not a diff-guardian verdict):\n${text}`);
    return EXIT.allowed;
  }
  io.stdout.write(segments.map((s) => renderSegment(commit, s.body, s.signature)).join('\n'));
  return EXIT.allowed;
}

function renderSegment(commit: string, body: string, signature: string | null): string {
  const record = parseRecord(body);
  if (!record) return `Note of ${commit} (unreadable record):\n${body}`;
  const unchecked = uncheckedReason(record) !== null;
  const lines = [
    `Verdict note of commit ${commit} (${noteOrigin(record)} note, written by ${record.context.writtenBy})${unchecked ? ' (UNCHECKED: let through without a check)' : ''}`,
    ...summaryLines(record).map((l) => `  ${l}`),
    '',
  ];
  lines.push(
    `  Written for: commit ${record.commit}${record.commit === commit ? '' : ' (another commit)'}, tree ${record.tree}`,
  );
  lines.push(
    `  Written by:  ${record.context.writtenBy} with diff-guardian ${record.tool.version} at ${record.time}`,
  );
  if (record.context.push) {
    const push = record.context.push;
    lines.push(
      `  Push:        ${push.ref} ${push.oldSha.slice(0, 12)}..${push.newSha.slice(0, 12)}${push.nonFastForward ? ' (non-fast-forward)' : ''}`,
    );
  }
  for (const pack of record.packs)
    lines.push(`  Pack:        ${pack.name} (${pack.file}) sha256:${pack.sha256}`);
  const summary = signatureSummary(body, signature);
  lines.push(`  Signature:   ${summary.status}${summary.key ? ` by ${summary.key}` : ''}`);
  return `${lines.join('\n')}\n`;
}

function signatureSummary(
  body: string,
  signature: string | null,
): { status: string; key?: string } {
  if (!signature) return { status: 'none (unsigned note)' };
  try {
    const parsed = parseSignature(signature);
    const key = fingerprint(parsed.publicKey);
    const valid = verifySignature(parsed, SIGNATURE_NAMESPACE, Buffer.from(body, 'utf8'));
    return { status: valid ? 'valid' : 'INVALID (the note does not match its signature)', key };
  } catch (error) {
    if (!(error instanceof SshKeyError)) throw error;
    return { status: `INVALID (${error.message})` };
  }
}
