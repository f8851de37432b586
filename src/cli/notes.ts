import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { isGitRepository } from '../git/commits.js';
import { configureNotes, remoteNotesRef } from '../notes/config.js';
import { syncNotes } from '../notes/sync.js';
import { NOTES_REF } from '../notes/types.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

const HELP = `Usage: diff-guardian notes sync [options] [remote]
       diff-guardian notes configure [options] [remote...]

sync: fetches the remote's verdict notes into
refs/notes/remotes/<remote>/diff-guardian (a plain fetch, never forced) and
merges them into ${NOTES_REF} with \`git notes merge -s union\`, so local
notes not pushed yet and the remote's notes both survive. With --push, pushes
the merged notes afterwards. The remote defaults to origin.

configure: sets notes.displayRef (plain \`git log\` shows verdicts), and for
each remote named a fetch refspec without "+" into refs/notes/remotes/<remote>/.
Warns about any forced notes refspec, which makes every fetch drop local notes
not pushed yet, and about notes.rewriteRef, which copies old notes onto
rewritten commits that the hooks give fresh notes.

Options:
  --push        sync: push ${NOTES_REF} to the remote after merging
  --repo PATH   repository (default: the current directory)
  -h, --help    show this help

Exit status:
  0  done
  2  usage error, or a git fetch, merge, push or config command failed
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
  const [action, ...remotes] = positionals;
  if (action !== 'sync' && action !== 'configure') {
    throw new UsageError(
      `notes: unknown action ${JSON.stringify(action)}; use \`notes sync\` or \`notes configure\``,
    );
  }
  for (const remote of remotes) {
    if (remote.startsWith('-')) {
      throw new UsageError(
        `invalid remote ${JSON.stringify(remote)}: remote names cannot start with "-"`,
      );
    }
  }
  const cwd = resolve(io.cwd, values.repo ?? '.');
  if (!isGitRepository(cwd)) {
    throw new UsageError(`${cwd} is not inside a git repository; pass --repo PATH`);
  }
  return action === 'sync'
    ? sync(io, cwd, remotes, Boolean(values.push))
    : configure(io, cwd, remotes);
}

function sync(io: CliIO, cwd: string, remotes: string[], push: boolean): number {
  if (remotes.length > 1) {
    throw new UsageError(`notes sync: takes one remote, got ${remotes.length}`);
  }
  const remote = remotes[0] ?? 'origin';
  const result = syncNotes(cwd, remote, { push });
  const fetched = result.remoteNotes
    ? `merged ${remoteNotesRef(remote)}`
    : `${remote} has no verdict notes yet`;
  io.stderr.write(
    `diff-guardian: ${fetched}${result.pushed ? `; pushed ${NOTES_REF} to ${remote}` : ''}\n`,
  );
  return EXIT.allowed;
}

function configure(io: CliIO, cwd: string, remotes: string[]): number {
  const result = configureNotes(cwd, { fetchFrom: remotes });
  for (const entry of result.added) io.stderr.write(`diff-guardian: set ${entry}\n`);
  if (result.added.length === 0) io.stderr.write('diff-guardian: notes settings already present\n');
  for (const warning of result.warnings) io.stderr.write(`diff-guardian: warning: ${warning}\n`);
  return EXIT.allowed;
}
