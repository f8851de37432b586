import type { Detector } from '../define.js';
import { lazyDetector } from '../lazy.js';

/** Detectors of the `permission` category, in the order they run. */
export const permissionDetectors: Detector[] = [
  lazyDetector('permission/file-made-executable', () => import('./file-made-executable.js')),
  lazyDetector('permission/file-made-symlink', () => import('./file-made-symlink.js')),
  lazyDetector('permission/symlink-outside-repository', () => import('./symlink-outside-repository.js')),
  lazyDetector('permission/chmod-permissive', () => import('./chmod-permissive.js')),
  lazyDetector('permission/chown-root', () => import('./chown-root.js')),
  lazyDetector('permission/sudo-added', () => import('./sudo-added.js')),
  lazyDetector('permission/dockerfile-root-user', () => import('./dockerfile-root-user.js')),
  lazyDetector('permission/privileged-container-flag', () => import('./privileged-container-flag.js')),
  lazyDetector('permission/pipe-to-shell', () => import('./pipe-to-shell.js')),
  lazyDetector('permission/code-permissive-mode', () => import('./code-permissive-mode.js')),
  lazyDetector('permission/tls-verification-disabled', () => import('./tls-verification-disabled.js')),
  lazyDetector('permission/cors-any-origin-credentials', () => import('./cors-any-origin-credentials.js')),
  lazyDetector('permission/csrf-protection-disabled', () => import('./csrf-protection-disabled.js')),
  lazyDetector('permission/auth-middleware-removed', () => import('./auth-middleware-removed.js')),
  lazyDetector('permission/container-privileges', () => import('./container-privileges.js')),
  lazyDetector('permission/iam-policy-wildcard', () => import('./iam-policy-wildcard.js')),
  lazyDetector('permission/public-access-grant', () => import('./public-access-grant.js')),
  lazyDetector('permission/security-group-open', () => import('./security-group-open.js')),
  lazyDetector('permission/workflow-permissions-widened', () => import('./workflow-permissions.js')),
  lazyDetector('permission/pull-request-target-checkout', () => import('./pull-request-target-checkout.js')),
  lazyDetector('permission/sudoers-nopasswd', () => import('./sudoers-nopasswd.js')),
  lazyDetector('permission/sshd-config-loosened', () => import('./sshd-config-loosened.js')),
];
