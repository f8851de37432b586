import { posix } from 'node:path';
import { unwrapCommand, type SimpleCommand } from './parse.js';

/**
 * Sets each command's `dir` to the folder that the `cd` and `pushd` commands
 * before it in the same command line moved to, so `cd sub && echo x > ../f`
 * is read as a write of `f`. Folders stay as written (`sub/..`, `~/x`) and
 * are resolved later like any path. Control flow and subshells are not
 * followed: every `cd` counts from where it appears on.
 */
export function trackWorkingDirectories(commands: readonly SimpleCommand[]): SimpleCommand[] {
  let dir: string | undefined;
  const stack: Array<string | undefined> = [];
  return commands.map((command) => {
    const current = dir === undefined ? command : { ...command, dir };
    const { argv } = unwrapCommand(command);
    const [name, ...args] = argv;
    const operand = args.find((arg) => !arg.startsWith('-') || arg === '-');
    if (name === 'cd' || name === 'pushd') {
      if (name === 'pushd') stack.push(dir);
      if (operand === undefined) dir = '~';
      // `cd -` returns to a folder this reading does not know; the project folder is the best guess.
      else if (operand === '-') dir = undefined;
      else dir = posix.isAbsolute(operand) || operand.startsWith('~') || dir === undefined ? operand : posix.join(dir, operand);
    } else if (name === 'popd') {
      dir = stack.pop();
    }
    return current;
  });
}
