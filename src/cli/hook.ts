import { childProcess } from '../util/lazy-builtins.js';
import { accessSync, constants } from 'node:fs';
import { EXIT, UsageError } from '../errors.js';
import { dropPrefetchedGit } from '../git/prefetch.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

const HELP = `Usage: diff-guardian hook <name> [--chained FILE] [-- hook arguments]

The entry point the installed hook shims call; git supplies the arguments and
stdin. Names: pre-commit, commit-msg, post-commit, post-merge, post-rewrite,
pre-push (working repositories) and pre-receive, post-receive (bare
repositories on a server).

Options:
  --chained FILE   a hook this one replaced; it runs first with the same
                   arguments and stdin, and a failure stops a pre-* or
                   commit-msg hook
  -h, --help       show this help

Exit status:
  0  allowed
  1  blocked: git stops the commit or rejects the push
  2  usage or internal error (this stops the commit or push as well)
`;

const HOOKS = ['pre-commit', 'commit-msg', 'post-commit', 'post-merge', 'post-rewrite', 'pre-push', 'pre-receive', 'post-receive'] as const;
type HookName = (typeof HOOKS)[number];
const READS_STDIN = new Set<HookName>(['post-rewrite', 'pre-push', 'pre-receive', 'post-receive']);

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs the hook that install replaced, with the same arguments and stdin; returns its exit code. */
function runChained(io: CliIO, path: string, args: readonly string[], stdin: Buffer | null): number {
  const result = childProcess().spawnSync(path, args, {
    cwd: io.cwd,
    env: io.env,
    input: stdin ?? undefined,
    stdio: [stdin ? 'pipe' : 'inherit', 'inherit', 'inherit'],
  });
  if (result.error) {
    io.stderr.write(`diff-guardian: the chained hook ${path} failed to start: ${result.error.message}\n`);
    return EXIT.error;
  }
  return result.status ?? EXIT.error;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('hook', argv, {
    chained: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.allowed;
  }
  const [name, ...args] = positionals;
  if (!name || !(HOOKS as readonly string[]).includes(name)) {
    throw new UsageError(`hook: expected one of ${HOOKS.join(', ')} (got ${JSON.stringify(name ?? '')})`);
  }
  const hook = name as HookName;
  const stdin = READS_STDIN.has(hook) ? await io.readStdin() : null;
  if (values.chained && isExecutable(values.chained)) {
    const code = runChained(io, values.chained, args, stdin);
    // The chained hook may have staged files, so git calls started before it ran are stale.
    dropPrefetchedGit();
    if (code !== 0 && (hook.startsWith('pre-') || hook === 'commit-msg')) return code;
  }
  const text = stdin?.toString('utf8') ?? '';
  switch (hook) {
    case 'pre-commit':
      return (await import('../hooks/client.js')).preCommit(io);
    case 'commit-msg':
      return (await import('../hooks/client.js')).commitMsg(io, args[0]);
    case 'post-commit':
      return (await import('../hooks/client.js')).postCommit(io);
    case 'post-merge':
      return (await import('../hooks/client.js')).postMerge(io);
    case 'post-rewrite':
      return (await import('../hooks/client.js')).postRewrite(io, text);
    case 'pre-push':
      return (await import('../hooks/client.js')).prePush(io, args, text);
    case 'pre-receive':
      return (await import('../hooks/server.js')).preReceive(io, text);
    case 'post-receive':
      return (await import('../hooks/server.js')).postReceive(io, text);
  }
}
