import { isSshdConfig } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { commandLines } from './shell.js';
import { RemovedMatches, codeLines, normalizeSpace } from './support.js';

const LOOSENED = [
  {
    setting: 'PermitRootLogin yes',
    pattern: /\bPermitRootLogin\s+yes\b/i,
    effect: 'root can log in over SSH directly',
  },
  {
    setting: 'PasswordAuthentication yes',
    pattern: /\bPasswordAuthentication\s+yes\b/i,
    effect: 'accounts can be attacked by password guessing',
  },
  {
    setting: 'PermitEmptyPasswords yes',
    pattern: /\bPermitEmptyPasswords\s+yes\b/i,
    effect: 'accounts without a password can log in',
  },
];

export default defineDetector({
  meta: {
    id: 'permission/sshd-config-loosened',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: 'Report OpenSSH server settings that allow root or password logins.',
    messages: {
      loosened:
        '`{{setting}}` means {{effect}}. Set it back to `no` (or `prohibit-password` for PermitRootLogin) and log in with keys.',
    },
  },
  keywords: ['permitrootlogin', 'passwordauthentication', 'permitemptypasswords'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null) continue;
      const read = async (lines: typeof file.added) =>
        isSshdConfig(file.path)
          ? codeLines(file, lines)
          : (await commandLines(file, lines)).filter((line) => /sshd_config/.test(line.code));
      const removed = new RemovedMatches();
      for (const line of await read(file.removed)) {
        for (const item of LOOSENED) if (item.pattern.test(line.code)) removed.add(item.setting);
      }
      for (const line of await read(file.added)) {
        const item = LOOSENED.find((candidate) => candidate.pattern.test(line.code));
        if (!item || removed.consume(item.setting)) continue;
        context.report({
          messageId: 'loosened',
          data: { setting: item.setting, effect: item.effect },
          file: file.path,
          line: line.line,
          match: `${item.setting}:${normalizeSpace(line.code)}`,
          evidence: line.code.trim(),
        });
      }
    }
  },
});
