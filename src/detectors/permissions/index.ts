import type { Detector } from '../define.js';
import chmodPermissive from './chmod-permissive.js';
import authMiddlewareRemoved from './auth-middleware-removed.js';
import chownRoot from './chown-root.js';
import containerPrivileges from './container-privileges.js';
import codePermissiveMode from './code-permissive-mode.js';
import corsAnyOriginCredentials from './cors-any-origin-credentials.js';
import csrfProtectionDisabled from './csrf-protection-disabled.js';
import dockerfileRootUser from './dockerfile-root-user.js';
import fileMadeExecutable from './file-made-executable.js';
import fileMadeSymlink from './file-made-symlink.js';
import iamPolicyWildcard from './iam-policy-wildcard.js';
import pipeToShell from './pipe-to-shell.js';
import privilegedContainerFlag from './privileged-container-flag.js';
import pullRequestTargetCheckout from './pull-request-target-checkout.js';
import publicAccessGrant from './public-access-grant.js';
import securityGroupOpen from './security-group-open.js';
import sshdConfigLoosened from './sshd-config-loosened.js';
import sudoAdded from './sudo-added.js';
import sudoersNopasswd from './sudoers-nopasswd.js';
import symlinkOutsideRepository from './symlink-outside-repository.js';
import tlsVerificationDisabled from './tls-verification-disabled.js';
import workflowPermissions from './workflow-permissions.js';

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
  containerPrivileges,
  iamPolicyWildcard,
  publicAccessGrant,
  securityGroupOpen,
  workflowPermissions,
  pullRequestTargetCheckout,
  sudoersNopasswd,
  sshdConfigLoosened,
];
