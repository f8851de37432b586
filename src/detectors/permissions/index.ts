import type { Detector } from '../define.js';
import chmodPermissive from './chmod-permissive.js';
import authMiddlewareRemoved from './auth-middleware-removed.js';
import chownRoot from './chown-root.js';
import codePermissiveMode from './code-permissive-mode.js';
import corsAnyOriginCredentials from './cors-any-origin-credentials.js';
import csrfProtectionDisabled from './csrf-protection-disabled.js';
import dockerfileRootUser from './dockerfile-root-user.js';
import fileMadeExecutable from './file-made-executable.js';
import fileMadeSymlink from './file-made-symlink.js';
import pipeToShell from './pipe-to-shell.js';
import privilegedContainerFlag from './privileged-container-flag.js';
import sudoAdded from './sudo-added.js';
import symlinkOutsideRepository from './symlink-outside-repository.js';
import tlsVerificationDisabled from './tls-verification-disabled.js';

/** Detectors of the `permission` category, in the order they run. */
export const permissionDetectors: Detector[] = [
  fileMadeExecutable,
  fileMadeSymlink,
  symlinkOutsideRepository,
  chmodPermissive,
  chownRoot,
  sudoAdded,
  dockerfileRootUser,
  privilegedContainerFlag,
  pipeToShell,
  codePermissiveMode,
  tlsVerificationDisabled,
  corsAnyOriginCredentials,
  csrfProtectionDisabled,
  authMiddlewareRemoved,
];
