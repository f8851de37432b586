import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitSync } from '../git/exec.js';
import { makeTempFolder } from '../util/temp-folder.js';

/**
 * Returns the commits among `shas` carrying a good SSH signature by one of
 * `keys` (OpenSSH public key lines such as `ssh-ed25519 AAAA… comment`). Git
 * checks each signature with `ssh-keygen -Y verify` against an allowed-signers
 * file made of those keys, so the signer's principal does not matter.
 */
export function commitsSignedBy(cwd: string, shas: readonly string[], keys: readonly string[]): Set<string> {
  const signed = new Set<string>();
  const lines = keys.map((key) => key.trim()).filter((key) => /^\S+ \S+/.test(key));
  if (shas.length === 0 || lines.length === 0) return signed;
  const dir = makeTempFolder('diff-guardian-signers-');
  try {
    const allowed = join(dir, 'allowed_signers');
    writeFileSync(allowed, lines.map((key) => `* ${key.split(/\s+/).slice(0, 2).join(' ')}\n`).join(''));
    // %G? prints G only for a good signature from a key in the allowed-signers file.
    const out = gitSync(
      [
        '-c',
        'gpg.format=ssh',
        '-c',
        `gpg.ssh.allowedSignersFile=${allowed}`,
        'log',
        '--no-walk=unsorted',
        '--stdin',
        '--format=%H %G?',
      ],
      { cwd, input: `${shas.join('\n')}\n` },
    );
    for (const line of out.split('\n')) {
      const [sha, status] = line.split(' ');
      if (sha && status === 'G') signed.add(sha);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return signed;
}
