import { expandGitAliases, type AliasLookup } from './git-aliases.js';
import { parseShell, type SimpleCommand } from './parse.js';
import { trackWorkingDirectories } from './working-dirs.js';

/**
 * Reads a command line as the gate judges it: the simple commands it runs,
 * each with the folder an earlier `cd` moved to, and after each git alias
 * the command it stands for.
 */
export function readCommandLine(text: string, aliases: AliasLookup): SimpleCommand[] {
  return expandGitAliases(trackWorkingDirectories(parseShell(text)), aliases);
}
