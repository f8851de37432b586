import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { repoPaths } from '../hooks/git-paths.js';
import { readRecord, uninstallHooks } from '../hooks/install.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

const HELP = `Usage: diff-guardian uninstall [--repo PATH]
       diff-guardian uninstall --agent NAME [--repo PATH]

Removes the hooks that \`diff-guardian install\` added, puts back every hook it
replaced and restores the git config values it changed. A hook file edited
since the install is left in place, with a message saying where.

Options:
  --repo PATH    repository to uninstall from (default: the current directory)
  --agent NAME   remove the edit gate of an agent CLI instead, such as claude-code
  -h, --help     show this help
`;

/** Removes the edit gate of an agent CLI from the project's agent settings, and nothing else. */
async function uninstallAgent(name: string, repo: string, io: CliIO): Promise<number> {
  const { uninstallAgentHook } = await import('../gate/install-agent.js');
  const result = uninstallAgentHook(repo, name);
  const done = result.changed ? `removed the ${name} gate from` : `no ${name} gate to remove in`;
  io.stdout.write(`diff-guardian: ${done} ${result.settingsPath}\n`);
  return EXIT.allowed;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('uninstall', argv, {
    repo: { type: 'string' },
    agent: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.allowed;
  }
  if (positionals.length > 0) throw new UsageError(`uninstall takes no arguments (got ${positionals.join(' ')})`);
  const repo = resolve(io.cwd, values.repo ?? '.');
  if (values.agent !== undefined) return uninstallAgent(values.agent, repo, io);
  const paths = repoPaths(repo);
  if (!readRecord(paths)) {
    io.stdout.write(`diff-guardian: nothing to uninstall in ${repo}\n`);
    return EXIT.allowed;
  }
  for (const message of uninstallHooks(paths)) io.stderr.write(`diff-guardian: ${message}\n`);
  io.stdout.write(`diff-guardian: uninstalled from ${repo}\n`);
  return EXIT.allowed;
}
