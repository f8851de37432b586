import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { isGitRepository } from '../git/commits.js';
import { remoteNotesRef } from '../notes/config.js';
import { syncNotes } from '../notes/sync.js';
import { NOTES_REF } from '../notes/types.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

const HELP = `Usage: diff-guardian notes sync [options] [remote]

Fetches the remote's verdict notes into refs/notes/remotes/<remote>/diff-guardian
(a plain fetch, never forced) and merges them into ${NOTES_REF} with
\`git notes merge -s union\`, so local notes not pushed yet and the remote's
notes both survive. With --push, pushes the merged notes afterwards.

Options:
  --push        push ${NOTES_REF} to the remote after merging
  --repo PATH   repository (default: the current directory)
  -h, --help    show this help

The remote defaults to origin.

Exit status:
  0  notes fetched and merged (and pushed with --push)
  2  usage error, or a git fetch, merge or push failed
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('notes', argv, {
    push: { type: 'boolean' },
    repo: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help || positionals.length === 0) {
    io.stdout.write(HELP);
    return values.help ? EXIT.allowed : EXIT.error;
  }
  const [action, remote = 'origin', ...rest] = positionals;
  if (action !== 'sync')
    throw new UsageError(
      `notes: unknown action ${JSON.stringify(action)}; the only action is sync`,
    );
  if (rest.length > 0)
    throw new UsageError(`notes sync: unexpected argument ${JSON.stringify(rest[0])}`);
  if (remote.startsWith('-'))
    throw new UsageError(
      `invalid remote ${JSON.stringify(remote)}: remote names cannot start with "-"`,
    );
  const cwd = resolve(io.cwd, values.repo ?? '.');
  if (!isGitRepository(cwd))
    throw new UsageError(`${cwd} is not inside a git repository; pass --repo PATH`);

  const result = syncNotes(cwd, remote, { push: Boolean(values.push) });
  const fetched = result.remoteNotes
    ? `merged ${remoteNotesRef(remote)}`
    : `${remote} has no verdict notes yet`;
  io.stderr.write(
    `diff-guardian: ${fetched}${result.pushed ? `; pushed ${NOTES_REF} to ${remote}` : ''}\n`,
  );
  return EXIT.allowed;
}
