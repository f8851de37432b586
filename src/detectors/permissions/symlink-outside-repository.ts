import { posix } from 'node:path';
import { kindOfMode } from '../../git/modes.js';
import { defineDetector } from '../define.js';
import { symlinkTargetOf } from './symlink-target.js';

// Places whose contents grant access: credentials, keys, system config, the Docker socket.
const SENSITIVE_TARGET =
  /(?:^|\/)(?:\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.config\/gcloud|\.netrc|\.npmrc|\.pypirc|\.git-credentials)(?:\/|$)|^\/(?:etc|root|proc|sys|dev|boot)(?:\/|$)|docker\.sock$/;

/** Describes where a link target leads when it leaves the repository, or returns null. */
function escapeOf(linkPath: string, target: string): string | null {
  if (target.startsWith('~')) return 'into a home directory';
  if (target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target)) return 'to an absolute path';
  const resolved = posix.normalize(posix.join(posix.dirname(linkPath), target));
  return resolved === '..' || resolved.startsWith('../') ? 'above the repository root' : null;
}

export default defineDetector({
  meta: {
    id: 'permission/symlink-outside-repository',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: 'Report a symbolic link whose target leaves the repository.',
    messages: {
      outside:
        '{{path}} is a symbolic link {{where}} ({{target}}), so tools that follow it read or write files outside the repository. Point it at a path inside the repository or remove it.',
      sensitive:
        '{{path}} is a symbolic link {{where}} into a credential or system location ({{target}}), so anything that reads or serves the repository can expose that data. Remove the link.',
    },
  },
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || kindOfMode(file.newMode) !== 'symlink') continue;
      const target = await symlinkTargetOf(file, 'new');
      if (target === null) continue;
      const where = escapeOf(file.path, target);
      if (where === null) continue;
      // An unchanged target under a new name (a rename) was judged when the link was made.
      const wasSymlink = kindOfMode(file.oldMode) === 'symlink';
      if (wasSymlink && (await symlinkTargetOf(file, 'old')) === target) continue;
      const sensitive = SENSITIVE_TARGET.test(target.replace(/^~[^/]*/, ''));
      context.report({
        messageId: sensitive ? 'sensitive' : 'outside',
        data: { path: file.path, where, target: JSON.stringify(target) },
        file: file.path,
        line: 0,
        match: `symlink:${target}`,
        evidence: `${file.path} -> ${target}`,
        severity: sensitive ? 'block' : 'warn',
      });
    }
  },
});
