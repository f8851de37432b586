import { defineDetector } from '../define.js';
import { commandLines, commandsOf } from './shell.js';
import { RemovedMatches, normalizeSpace } from './support.js';

const CONTAINER_TOOLS = new Set(['docker', 'podman', 'nerdctl']);
const DANGEROUS_CAPABILITY = /^(?:ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|NET_ADMIN|DAC_READ_SEARCH|SYS_RAWIO)$/i;

/** Returns the loosening flag among a container command's arguments, or null. */
function privilegedFlag(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--privileged' || arg === '--privileged=true') return arg;
    const [flag, inline] = arg.split('=', 2);
    const value = inline ?? args[i + 1] ?? '';
    if (flag === '--cap-add' && DANGEROUS_CAPABILITY.test(value.replace(/^CAP_/i, ''))) return `--cap-add=${value}`;
    if (flag === '--security-opt' && /^(?:seccomp|apparmor)[=:]unconfined$/.test(value)) return `--security-opt=${value}`;
    if ((flag === '--pid' || flag === '--net' || flag === '--network' || flag === '--userns') && value === 'host') {
      return `${flag}=host`;
    }
  }
  return null;
}

export default defineDetector({
  meta: {
    id: 'permission/privileged-container-flag',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: 'Report container runs in scripts and CI that add --privileged, host namespaces or broad capabilities.',
    messages: {
      privileged:
        '`{{flag}}` removes the container\'s isolation, so a process inside it can take over the host. Drop the flag and grant only the specific device or capability the step needs.',
    },
  },
  keywords: ['--privileged', '--cap-add', 'unconfined', '=host', ' host', 'security=insecure'],
  async run(context) {
    for (const file of context.commit.files) {
      const removed = new RemovedMatches();
      for (const line of await commandLines(file, file.removed)) removed.add(normalizeSpace(line.code));
      for (const line of await commandLines(file)) {
        let flag: string | null = null;
        // A CI job's `options: --privileged` starts its service container privileged.
        if (/^\s*options:.*--privileged\b/.test(line.masked)) flag = '--privileged';
        if (/^\s*RUN\b.*--security=insecure\b/.test(line.code)) flag = '--security=insecure';
        for (const command of commandsOf(line)) {
          if (flag === null && CONTAINER_TOOLS.has(command.name)) flag = privilegedFlag(command.args);
        }
        if (flag === null || removed.consume(normalizeSpace(line.code))) continue;
        context.report({
          messageId: 'privileged',
          data: { flag },
          file: file.path,
          line: line.line,
          match: normalizeSpace(line.code),
          evidence: line.code.trim(),
        });
      }
    }
  },
});
