import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { gitSync } from '../git/exec.js';
import { parsePrivateKey, SshKeyError, type SshPrivateKey } from './ssh-key.js';

export const SIGNING_KEY_ENV = 'DIFF_GUARDIAN_SIGNING_KEY';
export const SIGNING_KEY_CONFIG = 'diff-guardian.signingKey';

/**
 * Finds the signing key path: the explicit path, then DIFF_GUARDIAN_SIGNING_KEY,
 * then git config diff-guardian.signingKey. Returns null when none is set.
 * `config` is the config as `git var -l` lists it, when the caller has read
 * it. Its value is used unless it needs git's path expansion beyond `~/`.
 */
export function resolveSigningKey(cwd: string, explicit?: string, config?: ReadonlyMap<string, string>): string | null {
  if (explicit) return resolve(cwd, expandHome(explicit));
  const fromEnv = process.env[SIGNING_KEY_ENV];
  if (fromEnv) return resolve(cwd, expandHome(fromEnv));
  const listed = config?.get(SIGNING_KEY_CONFIG.toLowerCase());
  if (config && listed === undefined) return null;
  if (listed !== undefined && !/^(?:~[^/]|%\()/.test(listed)) {
    return listed.trim() ? resolve(cwd, expandHome(listed.trim())) : null;
  }
  let fromConfig = '';
  try {
    fromConfig = gitSync(['config', '--type=path', '--get', SIGNING_KEY_CONFIG], {
      cwd,
      okCodes: [1],
    }).trim();
  } catch {
    // Outside a repository git config still reads global settings; any other failure means no key.
  }
  return fromConfig ? resolve(cwd, fromConfig) : null;
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/** Reads an OpenSSH Ed25519 private key, raising ConfigError with the path and the fix. */
export function loadSigningKey(path: string): SshPrivateKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `cannot read signing key ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; ` +
        'create one with `diff-guardian keygen --out FILE`',
    );
  }
  try {
    return parsePrivateKey(text);
  } catch (error) {
    if (error instanceof SshKeyError)
      throw new ConfigError(`signing key ${path}: ${error.message}`);
    throw error;
  }
}
