import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ConfigError, EXIT, UsageError } from '../errors.js';
import { fingerprint, formatPrivateKey, formatPublicKey, generateKey } from '../notes/ssh-key.js';
import { SIGNATURE_NAMESPACE } from '../notes/types.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

const HELP = `Usage: diff-guardian keygen --out FILE [options]

Creates an Ed25519 key for signing verdict notes: the private key in OpenSSH
format in FILE (mode 0600) and the public key in FILE.pub. Existing files are
never overwritten. An Ed25519 key made with \`ssh-keygen -t ed25519 -N ""\`
works as well.

Options:
  --out FILE        where to write the private key (required)
  --comment TEXT    comment stored in the key (default: USER@HOST)
  -h, --help        show this help

Exit status:
  0  key written
  2  usage error, or FILE or FILE.pub already exists
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('keygen', argv, {
    out: { type: 'string' },
    comment: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.allowed;
  }
  if (positionals.length > 0)
    throw new UsageError(`keygen: unexpected argument ${JSON.stringify(positionals[0])}`);
  if (!values.out)
    throw new UsageError(
      'keygen: --out FILE is required; try `diff-guardian keygen --out ~/.ssh/diff-guardian`',
    );

  const privatePath = resolve(io.cwd, values.out);
  const publicPath = `${privatePath}.pub`;
  const key = generateKey(values.comment ?? defaultComment());
  const publicLine = formatPublicKey(key.publicKey, key.comment);
  makeFolder(dirname(privatePath));
  // The `wx` flag fails when the file exists, so a key is never replaced, even by a concurrent run.
  writeNew(privatePath, formatPrivateKey(key), 0o600);
  writeNew(publicPath, `${publicLine}\n`, 0o644);

  io.stdout.write(
    `Wrote the private key to ${privatePath} and the public key to ${publicPath}\n` +
      `Key fingerprint: ${fingerprint(key.publicKey)}\n\n` +
      `Sign notes with it:\n  git config diff-guardian.signingKey ${privatePath}\n\n` +
      `Let verify trust it by adding this line to an allowed_signers file:\n` +
      `  ${key.comment || 'signer'} namespaces="${SIGNATURE_NAMESPACE}" ${formatPublicKey(key.publicKey)}\n`,
  );
  return EXIT.allowed;
}

/** Creates a missing folder for the key, readable by its owner only. */
function makeFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`keygen: cannot create the folder ${path}: ${code ?? (error as Error).message}`);
  }
}

function writeNew(path: string, text: string, mode: number): void {
  try {
    writeFileSync(path, text, { flag: 'wx', mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UsageError(
        `keygen: ${path} already exists; choose another --out FILE or remove it first`,
      );
    throw new ConfigError(`keygen: cannot write ${path}: ${code ?? (error as Error).message}`);
  }
}

function defaultComment(): string {
  let user = 'diff-guardian';
  try {
    user = userInfo().username || user;
  } catch {
    // Some containers run with a uid that has no passwd entry.
  }
  return `${user}@${hostname()}`;
}
