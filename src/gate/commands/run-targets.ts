// Write targets of a command that another program runs with arguments it
// supplies: `find -exec` with each match in place of `{}`, and `xargs` with
// the names it reads. Such a command is often a shell script that takes its
// paths as positional parameters, as in `sh -c 'rm "$1"' _ {}`, so those
// parameters are put into the script before it is read.
// NOTE: a loop over the parameters (`for f; do rm "$f"; done`) is not
// followed, so the paths it writes are not seen.
import {
  parseShell,
  shellScriptArgument,
  unwrapCommand,
  type SimpleCommand,
} from '../shell/parse.js';
import { writeTargets, type WriteTarget } from './write-targets.js';

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash']);

/** Lists what `argv` writes when run in the place of `base`, following a `sh -c` script's positional parameters. */
export function runTargets(argv: string[], base: SimpleCommand): WriteTarget[] {
  const run: SimpleCommand = {
    env: base.env,
    argv,
    redirects: [],
    pipeline: base.pipeline,
    stage: base.stage,
    origin: base.origin,
    substitutions: [],
  };
  if (base.dir !== undefined) run.dir = base.dir;
  const inner = unwrapCommand(run).argv;
  const script = SHELLS.has(inner[0]?.split('/').pop() ?? '') ? shellScriptArgument(inner) : null;
  if (script === null) return writeTargets(run);
  // The words after the script are $0, $1 and so on.
  const start = inner.indexOf(script) + 1;
  const parameters = inner.slice(start);
  const expanded = withParameters(script, parameters);
  return parseShell(expanded).flatMap((command) =>
    writeTargets(base.dir === undefined ? command : { ...command, dir: base.dir }),
  );
}

/** Replaces `$1`…`$9`, `${1}`…`${9}`, `$@` and `$*` in a script with the parameters, each quoted as one word. */
export function withParameters(script: string, parameters: readonly string[]): string {
  const quote = (value: string): string => `'${value.replace(/'/g, "'\\''")}'`;
  const all = parameters.slice(1).map(quote).join(' ');
  // A parameter alone in double quotes is replaced along with its quotes, and a bare one by itself.
  return script.replace(
    /"(\$(?:\{\d\}|\d|[@*]))"|(\$(?:\{\d\}|\d|[@*]))/g,
    (whole: string, quoted?: string, bare?: string) => {
      const name = (quoted ?? bare)!.replace(/[${}]/g, '');
      if (name === '@' || name === '*') return all;
      const index = Number(name);
      return index < parameters.length ? quote(parameters[index]!) : whole;
    },
  );
}
