import type { Project } from '../project.js';
import { baseName, unwrapCommand, type SimpleCommand } from '../shell/parse.js';
import { formatArgv } from './define.js';
import { findTargets } from './find-targets.js';
import { writeTargets, type WriteTarget } from './write-targets.js';
import { xargsTargets } from './xargs-targets.js';

/** A file one command of a command line writes, with that command as a deny message shows it. */
export interface LineTarget {
  commandText: string;
  target: WriteTarget;
}

/**
 * Lists what every command of a command line writes: its own write targets,
 * the protected files a `find` changes, the names `xargs` gets, and the
 * patch a `cat FILE |` before `git apply`, `git am` or `patch` feeds it.
 */
export function commandLineTargets(
  commands: readonly SimpleCommand[],
  project: Project,
  configFiles: readonly string[],
): LineTarget[] {
  const targets: LineTarget[] = [];
  for (const command of commands) {
    const previous =
      command.stage > 0
        ? commands.find((c) => c.pipeline === command.pipeline && c.stage === command.stage - 1)
        : undefined;
    const commandText = formatArgv(command.argv);
    for (const target of writeTargets(withCatInput(command, previous)))
      targets.push({ commandText, target });
    for (const target of findTargets(command, project, configFiles))
      targets.push({ commandText, target });
    const piped = previous ? `${formatArgv(previous.argv)} | ${commandText}` : commandText;
    for (const target of xargsTargets(command, previous, project, configFiles))
      targets.push({ commandText: piped, target });
  }
  return targets;
}

/**
 * Returns `command` with stdin redirected from FILE when the stage before it
 * is `cat FILE` and nothing else gives it stdin, so it is judged as `cmd < FILE`.
 */
function withCatInput(command: SimpleCommand, previous: SimpleCommand | undefined): SimpleCommand {
  if (!previous || command.pipedText !== undefined) return command;
  if (command.redirects.some((r) => r.op.startsWith('<') && (r.fd === null || r.fd === 0)))
    return command;
  const producer = unwrapCommand(previous).argv;
  if (
    baseName(producer[0] ?? '') !== 'cat' ||
    producer.length !== 2 ||
    producer[1]!.startsWith('-')
  )
    return command;
  // Both stages of a pipeline run in the same folder, so FILE is read from the command's own.
  return {
    ...command,
    redirects: [...command.redirects, { op: '<', fd: null, target: producer[1]! }],
  };
}
