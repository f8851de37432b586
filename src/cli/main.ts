import { DiffGuardianError, describeError, EXIT, maskMessage } from '../errors.js';
import { COMMANDS } from './commands.js';
import { mainHelp } from './help.js';
import { stderr } from '../util/fd-output.js';
import { processIO } from './io.js';
import { VERSION } from '../version.js';

async function main(argv: string[]): Promise<number> {
  const io = processIO();
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(mainHelp());
    return command === undefined ? EXIT.error : EXIT.allowed;
  }
  if (command === '--version' || command === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.allowed;
  }
  const entry = COMMANDS[command];
  if (!entry) {
    io.stderr.write(`diff-guardian: ${maskMessage(`unknown command "${command}"`)}; run \`diff-guardian --help\` for the list\n`);
    return EXIT.error;
  }
  const module = await entry.load();
  return module.run(rest, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    // Output is written synchronously (see fd-output.ts), so ending at once loses
    // nothing and skips about 2 ms of node's teardown.
    process.exit(code);
  },
  (error: unknown) => {
    // Node's permission model (--experimental-permission) can deny starting git. That is a
    // setting of node, not a bug of this tool.
    const denied = (error as NodeJS.ErrnoException | null)?.code === 'ERR_ACCESS_DENIED';
    const message = denied
      ? `node's permission model denied an operation (${describeError(error)}); run node without --experimental-permission, or add --allow-child-process and file access`
      : describeError(error);
    stderr.write(`diff-guardian: ${message}\n`);
    if (!(error instanceof DiffGuardianError) && process.env.DEBUG && error instanceof Error) {
      stderr.write(`${error.stack ?? ''}\n`);
    }
    if (!(error instanceof DiffGuardianError) && !denied) {
      stderr.write(
        `diff-guardian: this is a bug; please report it with the command you ran, diff-guardian ${VERSION} and node ${process.version}\n`,
      );
    }
    // Early git calls (see src/git/prefetch.ts) may still run; the command does not wait for them.
    process.exit(EXIT.error);
  },
);
