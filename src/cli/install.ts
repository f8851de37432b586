import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { installHooks } from '../hooks/install.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

const HELP = `Usage: diff-guardian install [--repo PATH] [--hooks-dir DIR]
       diff-guardian install --server --repo PATH [--signing-key FILE] [--config FILE]
       diff-guardian install --agent NAME [--repo PATH]

Installs the pre-commit, commit-msg, post-commit, post-merge, post-rewrite and
pre-push hooks in a working repository, or with --server the pre-receive and post-receive hooks in a bare
repository. Hooks that are already there keep running: each is kept beside
the new one and run first, or, in a hooks folder tracked in the work tree
(Husky, .githooks), the hook script gets a marked block instead.
\`diff-guardian uninstall\` puts everything back as it was.

Options:
  --repo PATH          repository to install into (default: the current directory)
  --server             install the server hooks into a bare repository
  --signing-key FILE   OpenSSH Ed25519 private key that signs the server's verdict notes
  --config FILE        the server's own config; pushed config files are never used
  --hooks-dir DIR      install into DIR instead of the folder git uses (forge hook folders)
  --agent NAME         install the edit gate of an agent CLI instead, such as claude-code
  -h, --help           show this help

Exit status:
  0  installed
  2  usage error, or the repository cannot take the hooks
`;

/** Returns the paths the installed shims record, so hooks run without PATH. */
export function runtimePaths(): { node: string; cli: string; shimDir: string } {
  const cli = realpathSync(process.argv[1] ?? '');
  return { node: process.execPath, cli, shimDir: resolve(dirname(cli), '..', 'hooks') };
}

/** Installs the edit gate of an agent CLI into the project's agent settings. */
async function installAgent(name: string, repo: string, io: CliIO): Promise<number> {
  const { installAgentHook, recordCliPaths } = await import('../gate/install-agent.js');
  const result = installAgentHook(repo, name);
  recordCliPaths(repo);
  const verb = result.changed ? 'installed' : 'already installed';
  io.stdout.write(`diff-guardian: ${verb} the ${name} gate in ${result.settingsPath}\n`);
  io.stdout.write(
    "diff-guardian: the gate finds the CLI at run time; in each other clone, run 'diff-guardian install' or put diff-guardian on PATH\n",
  );
  return EXIT.allowed;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('install', argv, {
    repo: { type: 'string' },
    server: { type: 'boolean' },
    'signing-key': { type: 'string' },
    config: { type: 'string' },
    'hooks-dir': { type: 'string' },
    agent: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.allowed;
  }
  if (positionals.length > 0) throw new UsageError(`install takes no arguments (got ${positionals.join(' ')})`);
  const repo = resolve(io.cwd, values.repo ?? '.');
  if (values.agent !== undefined) return installAgent(values.agent, repo, io);
  if (!values.server && (values['signing-key'] || values.config)) {
    throw new UsageError('--signing-key and --config apply to --server installs only');
  }
  const config = values.config ? resolve(io.cwd, values.config) : undefined;
  if (config) await validateServerConfig(config);
  const result = installHooks({
    repo,
    server: Boolean(values.server),
    ...runtimePaths(),
    hooksDir: values['hooks-dir'],
    signingKey: values['signing-key'] ? resolve(io.cwd, values['signing-key']) : undefined,
    config,
  });
  for (const message of result.messages) io.stderr.write(`diff-guardian: ${message}\n`);
  const names = result.record.hooks.map((h) => h.name).join(', ');
  io.stdout.write(`diff-guardian: installed ${names} in ${repo}\n`);
  return EXIT.allowed;
}

/** Loads the server config once at install, so a config that every push would reject fails here. */
async function validateServerConfig(path: string): Promise<void> {
  const { fileSource, loadPolicy } = await import('../packs/load.js');
  const { checkServerSettings } = await import('../hooks/server.js');
  checkServerSettings(loadPolicy(fileSource(), path), path);
}
