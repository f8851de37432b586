import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  formatPrivateKey,
  formatPublicKey,
  generateKey,
  parsePrivateKey,
  parsePublicKeyLine,
  parseSignature,
  signMessage,
  SshKeyError,
  verifySignature,
} from '../../src/notes/index.js';
import { tempDir } from '../helpers/repo.js';

const NAMESPACE = 'diff-guardian';

function sshKeygen(
  args: string[],
  input?: string,
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('ssh-keygen', args, { input, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a key pair made by this tool and an allowed_signers file trusting it. */
function ourKey(dir: string, namespaces = `namespaces="${NAMESPACE}"`) {
  const key = generateKey('ci@example.com');
  const keyPath = join(dir, 'signing');
  writeFileSync(keyPath, formatPrivateKey(key), { mode: 0o600 });
  const signers = join(dir, 'allowed_signers');
  writeFileSync(signers, `ci@example.com ${namespaces} ${formatPublicKey(key.publicKey)}\n`);
  return { key, keyPath, signers };
}

describe('SSHSIG signatures', () => {
  it('ssh-keygen verifies our signature', () => {
    const dir = tempDir();
    const { key, signers } = ourKey(dir);
    const message = 'diff-guardian verdict: allow\nsome text\n';
    const sigPath = join(dir, 'message.sig');
    writeFileSync(sigPath, signMessage(key, NAMESPACE, Buffer.from(message)));

    const ok = sshKeygen(
      ['-Y', 'verify', '-f', signers, '-I', 'ci@example.com', '-n', NAMESPACE, '-s', sigPath],
      message,
    );
    expect(ok.stderr + ok.stdout).toContain('Good "diff-guardian" signature');
    expect(ok.code).toBe(0);

    const changed = sshKeygen(
      ['-Y', 'verify', '-f', signers, '-I', 'ci@example.com', '-n', NAMESPACE, '-s', sigPath],
      message.replace('allow', 'alloW'),
    );
    expect(changed.code).not.toBe(0);

    const otherNamespace = sshKeygen(
      ['-Y', 'verify', '-f', signers, '-I', 'ci@example.com', '-n', 'git', '-s', sigPath],
      message,
    );
    expect(otherNamespace.code).not.toBe(0);
  });

  it('armors exactly as ssh-keygen does', () => {
    const dir = tempDir();
    const { key, keyPath } = ourKey(dir);
    const dataPath = join(dir, 'data');
    writeFileSync(dataPath, 'same bytes\n');
    execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-f', keyPath, '-n', NAMESPACE, dataPath]);
    // Ed25519 signatures are deterministic, so the same key and message give the same block.
    expect(signMessage(key, NAMESPACE, Buffer.from('same bytes\n'))).toBe(
      readFileSync(`${dataPath}.sig`, 'utf8'),
    );
  });

  it('verifies a signature made by ssh-keygen', () => {
    const dir = tempDir();
    const keyPath = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'dev@example.com',
      '-f',
      keyPath,
    ]);
    const dataPath = join(dir, 'data');
    writeFileSync(dataPath, 'note body\n');
    execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-f', keyPath, '-n', NAMESPACE, dataPath]);

    const signature = parseSignature(readFileSync(`${dataPath}.sig`, 'utf8'));
    expect(signature.namespace).toBe(NAMESPACE);
    expect(signature.hashAlgorithm).toBe('sha512');
    expect(verifySignature(signature, NAMESPACE, Buffer.from('note body\n'))).toBe(true);
    expect(verifySignature(signature, NAMESPACE, Buffer.from('note body!\n'))).toBe(false);
    expect(verifySignature(signature, 'git', Buffer.from('note body\n'))).toBe(false);
    const publicKey = parsePublicKeyLine(readFileSync(`${keyPath}.pub`, 'utf8'));
    expect(signature.publicKey.key.equals(publicKey.key)).toBe(true);
  });

  it('reads a private key made by ssh-keygen', () => {
    const dir = tempDir();
    const keyPath = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'dev@example.com',
      '-f',
      keyPath,
    ]);
    const key = parsePrivateKey(readFileSync(keyPath, 'utf8'));
    expect(key.comment).toBe('dev@example.com');
    expect(formatPublicKey(key.publicKey, key.comment)).toBe(
      readFileSync(`${keyPath}.pub`, 'utf8').trim(),
    );
    const listed = execFileSync('ssh-keygen', ['-l', '-f', `${keyPath}.pub`], { encoding: 'utf8' });
    expect(listed).toContain(fingerprint(key.publicKey));
  });

  it('writes a private key ssh-keygen reads', () => {
    const dir = tempDir();
    const { key, keyPath } = ourKey(dir);
    const derived = execFileSync('ssh-keygen', ['-y', '-f', keyPath], { encoding: 'utf8' });
    expect(parsePublicKeyLine(derived).key.equals(key.publicKey.key)).toBe(true);
    expect(parsePrivateKey(readFileSync(keyPath, 'utf8')).seed.equals(key.seed)).toBe(true);
  });

  it('rejects an encrypted private key', () => {
    const dir = tempDir();
    const keyPath = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-f', keyPath]);
    expect(() => parsePrivateKey(readFileSync(keyPath, 'utf8'))).toThrow(SshKeyError);
    expect(() => parsePrivateKey(readFileSync(keyPath, 'utf8'))).toThrow(/encrypted/);
  });

  it('rejects an RSA private key', () => {
    const dir = tempDir();
    const keyPath = join(dir, 'id_rsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', keyPath]);
    expect(() => parsePrivateKey(readFileSync(keyPath, 'utf8'))).toThrow(/only ssh-ed25519/);
  });

  it('rejects text that is not a key', () => {
    expect(() => parsePrivateKey('hello\n')).toThrow(/OPENSSH PRIVATE KEY/);
    expect(() => parseSignature('hello\n')).toThrow(/SSH SIGNATURE/);
  });
});
