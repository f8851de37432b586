import { baseName, parseShell, unwrapCommand, type SimpleCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv } from './define.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'iwr', 'invoke-webrequest', 'irm', 'invoke-restmethod']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'pwsh', 'powershell']);
const INTERPRETERS = new Set([...SHELLS, 'python', 'perl', 'ruby', 'node', 'php', 'deno', 'bun']);
// Options that take the script itself as their value, per interpreter family.
const INLINE_SCRIPT = new Set(['-c', '-e', '-E', '--eval', '-Command', '-r']);

/** The source of an interpreter's script: standard input, a word of the command line, or elsewhere. */
interface ScriptSource {
  fromStdin: boolean;
  /** The word holding the script or its file name, when one is given. */
  word: string | null;
}

function scriptSource(argv: readonly string[]): ScriptSource | null {
  const name = baseName(argv[0] ?? '').toLowerCase();
  if (name === 'eval') return { fromStdin: false, word: argv.slice(1).join(' ') };
  if (name === 'source' || name === '.' || name === 'iex' || name === 'invoke-expression') {
    const word = argv[1] ?? null;
    return { fromStdin: word === null || word === '/dev/stdin' || word === '-', word };
  }
  const family = withoutVersion(name);
  if (!INTERPRETERS.has(family)) return null;
  for (let i = 1; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const shellCluster = SHELLS.has(family) && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(arg);
    if (INLINE_SCRIPT.has(arg) || shellCluster) return { fromStdin: false, word: argv[i + 1] ?? null };
    if (arg === '-m') return { fromStdin: false, word: null };
    if (arg === '-' || arg === '-s') return { fromStdin: true, word: null };
    if (!arg.startsWith('-')) return { fromStdin: false, word: arg };
  }
  return { fromStdin: true, word: null };
}

/** Drops a version suffix such as the `3.12` of `python3.12`. */
function withoutVersion(name: string): string {
  let end = name.length;
  while (end > 0 && /[\d.]/.test(name[end - 1]!)) end -= 1;
  return name.slice(0, end);
}

function isDownloader(command: SimpleCommand): boolean {
  return DOWNLOADERS.has(baseName(unwrapCommand(command).argv[0] ?? '').toLowerCase());
}

/** True when the script word is a substitution that downloads, as in `bash <(curl …)`. */
function scriptIsDownloaded(command: SimpleCommand, word: string): boolean {
  return command.substitutions.some((inner) => word.includes(inner) && parseShell(inner).some(isDownloader));
}

// NOTE: a download saved to a file and run by a later command (`curl -o i.sh … && sh i.sh`) is not linked.
export default defineGateDetector({
  meta: {
    id: 'dependency/shell-remote-script',
    category: 'dependency',
    severity: 'block',
    confidence: 'high',
    description: 'Report shell commands that run a downloaded script in a shell or interpreter, such as curl … | sh.',
    messages: {
      piped:
        '`{{command}}` runs a script straight from the network, unreviewed and unpinned, so whoever controls that URL controls this machine. Download it to a file, review it and pin its checksum, or install the tool from a package registry.',
    },
  },
  run(context) {
    const commands = commandsOf(context.subject);
    const reported = new Set<number>();
    for (const command of commands) {
      const source = scriptSource(unwrapCommand(command).argv);
      if (!source || reported.has(command.pipeline)) continue;
      const piped =
        source.fromStdin &&
        command.stage > 0 &&
        commands.some((c) => c.pipeline === command.pipeline && c.stage < command.stage && isDownloader(c));
      if (!piped && !(source.word !== null && scriptIsDownloaded(command, source.word))) continue;
      reported.add(command.pipeline);
      const stages = commands.filter((c) => c.pipeline === command.pipeline && c.stage <= command.stage);
      const text = stages.map((c) => formatArgv(c.argv)).join(' | ');
      context.report({ messageId: 'piped', data: { command: text }, file: COMMAND_FILE, line: 0, match: text, evidence: text });
    }
  },
});
