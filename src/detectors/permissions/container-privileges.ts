import { isComposeFile, isKubernetesManifest, isYaml } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { child, parseYaml, scalarOf, stringsOf, walkTree, type ParsedYaml } from './yaml-tree.js';

const DANGEROUS_CAPABILITIES = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'DAC_READ_SEARCH',
  'BPF',
  'SYS_BOOT',
]);
const HOST_MODES = new Set(['network_mode', 'pid', 'ipc']);

interface Fact {
  /** Stable identity across the old and new file: where it is and what it grants. */
  key: string;
  label: string;
  line: number;
}

/** Describes what one YAML entry grants, or returns null for a harmless entry. */
function grantOf(key: string, value: unknown, path: string[]): string | null {
  if (key === 'privileged' && value === true) return 'privileged: true';
  if (key === 'allowPrivilegeEscalation' && value === true) return 'allowPrivilegeEscalation: true';
  if (key === 'runAsUser' && (value === 0 || value === '0')) return 'runAsUser: 0';
  if (key === 'runAsNonRoot' && value === false) return 'runAsNonRoot: false';
  if ((key === 'hostNetwork' || key === 'hostPID' || key === 'hostIPC') && value === true)
    return `${key}: true`;
  if (HOST_MODES.has(key) && value === 'host' && path.length >= 2 && path[0] === 'services')
    return `${key}: host`;
  if (
    key === 'user' &&
    (value === 'root' || value === '0' || value === 0) &&
    path[0] === 'services'
  )
    return `user: ${String(value)}`;
  return null;
}

function factsOf(parsed: ParsedYaml): Fact[] {
  const facts: Fact[] = [];
  for (const root of parsed.roots) {
    const kind = String(scalarOf(child(root, 'kind')) ?? 'compose');
    const name = String(scalarOf(child(child(root, 'metadata'), 'name')) ?? '');
    const where = `${kind}/${name}`;
    walkTree(parsed, root, (entry) => {
      const location = `${where}:${[...entry.path, entry.key].join('.')}`;
      const grant = grantOf(entry.key, scalarOf(entry.value), entry.path);
      if (grant !== null)
        facts.push({ key: `${location}=${grant}`, label: grant, line: entry.line });
      if (entry.key === 'hostPath' && entry.value) {
        const hostPath = String(
          scalarOf(child(entry.value, 'path')) ?? scalarOf(entry.value) ?? '',
        );
        facts.push({
          key: `${location}=${hostPath}`,
          label: `hostPath volume ${hostPath}`,
          line: entry.line,
        });
      }
      const isCapabilityList =
        (entry.key === 'add' && entry.path.at(-1) === 'capabilities') || entry.key === 'cap_add';
      if (isCapabilityList && entry.value) {
        for (const capability of stringsOf(entry.value)) {
          const bare = capability.toUpperCase().replace(/^CAP_/, '');
          if (DANGEROUS_CAPABILITIES.has(bare))
            facts.push({
              key: `${location}=${bare}`,
              label: `capability ${bare}`,
              line: entry.line,
            });
        }
      }
    });
  }
  return facts;
}

export default defineDetector({
  meta: {
    id: 'permission/container-privileges',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description:
      'Report Kubernetes and Compose settings that give containers root, host access or broad capabilities.',
    messages: {
      granted:
        '`{{label}}` lets this container {{effect}}. Remove it, or grant only the specific capability or volume the workload needs.',
    },
  },
  keywords: [
    'privileged',
    'privilegeescalation',
    'runasuser',
    'runasnonroot',
    'hostpath',
    'hostnetwork',
    'hostpid',
    'hostipc',
    'cap_add',
    'network_mode',
    'pid:',
    'ipc:',
    'user:',
    'all',
    ...[...DANGEROUS_CAPABILITIES].map((c) => c.toLowerCase()),
  ],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || file.added.length === 0 || !isYaml(file.path)) continue;
      const newText = await file.newContent();
      if (!isComposeFile(file.path) && !isKubernetesManifest(file.path, newText)) continue;
      const oldKeys = new Set(factsOf(parseYaml(await file.oldContent())).map((fact) => fact.key));
      const added = new Set(file.added.map((line) => line.line));
      for (const fact of factsOf(parseYaml(newText))) {
        // Only grants written on added lines count, so renaming a container does not report its old grants.
        if (oldKeys.has(fact.key) || !added.has(fact.line)) continue;
        context.report({
          messageId: 'granted',
          data: { label: fact.label, effect: effectOf(fact.label) },
          file: file.path,
          line: fact.line,
          match: fact.key,
          evidence: fact.label,
        });
      }
    }
  },
});

function effectOf(label: string): string {
  if (label.startsWith('privileged') || label.startsWith('capability'))
    return 'reach host devices and kernel interfaces, so a compromise can take over the node';
  if (label.startsWith('allowPrivilegeEscalation'))
    return 'gain more privileges than its parent process through setuid binaries';
  if (label.startsWith('hostPath')) return "read and write the node's file system";
  if (/^(?:runAsUser|runAsNonRoot|user)/.test(label)) return 'run as root';
  return "share the host's namespaces, so it sees and can reach host processes or network traffic";
}
