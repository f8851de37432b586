import {
  baseName,
  extensionOf,
  isDoc,
  isDockerfile,
  isDotenv,
  isJson,
  isTerraform,
  isYaml,
  languageOf,
} from '../file-kind.js';
import { defineDetector } from '../define.js';
import type { FileChange } from '../../model/types.js';
import { linesWithWords } from './line-words.js';
import { commandFileKind, commandsOf } from './shell.js';
import {
  RemovedMatches,
  codeLines,
  firstLineOf,
  normalizeSpace,
  type CodeLine,
} from './support.js';
import {
  TLS_PATTERNS,
  TLS_WORDS,
  matchesTlsPattern,
  type TlsFileKind,
  type TlsScope,
} from './tls-patterns.js';

const CONFIG_EXTENSIONS = new Set([
  'toml',
  'ini',
  'cfg',
  'conf',
  'properties',
  'hcl',
  'npmrc',
  'gitconfig',
]);
const CONFIG_NAMES = new Set([
  '.npmrc',
  '.yarnrc',
  '.gitconfig',
  'gitconfig',
  'pip.conf',
  '.curlrc',
  '.wgetrc',
]);

async function kindsOf(file: FileChange, firstLine: string | undefined): Promise<Set<TlsFileKind>> {
  const kinds = new Set<TlsFileKind>();
  const language = languageOf(file.path, firstLine);
  if (language !== null && language !== 'shell') kinds.add(language);
  if ((await commandFileKind(file)) !== null) kinds.add('command');
  const configLike =
    isYaml(file.path) || isJson(file.path) || isDotenv(file.path) || isTerraform(file.path);
  if (
    configLike ||
    isDockerfile(file.path) ||
    CONFIG_EXTENSIONS.has(extensionOf(file.path)) ||
    CONFIG_NAMES.has(baseName(file.path))
  ) {
    kinds.add('config');
  }
  return kinds;
}

/** Finds command-line switches that skip verification, such as `curl -k` or `wget --no-check-certificate`. */
function insecureCommandFlag(line: CodeLine): { label: string; scope: TlsScope } | null {
  for (const command of commandsOf(line)) {
    const { name, args } = command;
    if (
      name === 'curl' &&
      args.some((arg) => arg === '--insecure' || /^-[A-Za-z]*k[A-Za-z]*$/.test(arg))
    ) {
      return { label: 'curl -k', scope: 'connection' };
    }
    if (name === 'wget' && args.includes('--no-check-certificate'))
      return { label: 'wget --no-check-certificate', scope: 'connection' };
    if (
      (name === 'kubectl' || name === 'helm') &&
      args.some((arg) => /^--insecure-skip-tls-verify(?:=true)?$/.test(arg))
    ) {
      return { label: `${name} --insecure-skip-tls-verify`, scope: 'connection' };
    }
    if (
      name === 'git' &&
      args.some((arg) => /^http\.sslverify(?:=false)?$/i.test(arg)) &&
      args.some((arg) => /false$/i.test(arg))
    ) {
      return {
        label: 'git http.sslVerify false',
        scope: args.includes('--global') || args.includes('--system') ? 'process' : 'connection',
      };
    }
    if (
      (name === 'npm' || name === 'yarn' || name === 'pnpm') &&
      args.includes('strict-ssl') &&
      args.includes('false')
    ) {
      return { label: `${name} config set strict-ssl false`, scope: 'process' };
    }
  }
  return null;
}

export default defineDetector({
  meta: {
    id: 'permission/tls-verification-disabled',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description:
      'Report code, configuration and commands that switch off TLS certificate verification.',
    messages: {
      process:
        'TLS certificate verification disabled process-wide: `{{label}}` makes every later HTTPS connection accept any certificate, so all of that traffic can be intercepted. Remove it and add the needed CA certificate to the trust store instead.',
      connection:
        "TLS certificate verification disabled: `{{label}}` makes this connection accept any certificate, so its traffic can be intercepted. Remove it and pass the server's CA bundle instead.",
    },
  },
  // Each pattern contains one of these. `_create_stdlib_context` is there for the assignment
  // `ssl._create_default_https_context = ssl._create_stdlib_context`, which contains no other.
  keywords: [
    'verify',
    '_create_stdlib_context',
    'reject_unauthorized',
    'rejectunauthorized',
    'unverified',
    'cert_none',
    'check_hostname',
    'insecure',
    'curl',
    'wget',
    'strict-ssl',
    'strict_ssl',
    'sslverify',
    'hostnameverifier',
    'sslsocketfactory',
    'validationcallback',
    'acceptany',
    'verify_none',
    'curlopt_ssl',
  ],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || isDoc(file.path)) continue;
      const firstLine = await firstLineOf(file);
      const kinds = await kindsOf(file, firstLine);
      if (kinds.size === 0) continue;
      const findingsOf = (line: CodeLine): Array<{ label: string; scope: TlsScope }> => {
        const found = TLS_PATTERNS.filter(
          (tls) =>
            (tls.kinds === 'any' || tls.kinds.some((kind) => kinds.has(kind))) &&
            matchesTlsPattern(tls, line),
        );
        // The first (most specific) pattern wins: a process-wide form also matches its per-connection sibling.
        const result: Array<{ label: string; scope: TlsScope }> = found.slice(0, 1);
        const command = kinds.has('command') ? insecureCommandFlag(line) : null;
        if (command && result.length === 0) result.push(command);
        return result;
      };
      // Keyed by label alone, so an edited line that keeps `verify=False` is not reported again.
      const removed = new RemovedMatches();
      for (const line of codeLines(file, linesWithWords(file.removed, TLS_WORDS), firstLine)) {
        for (const found of findingsOf(line)) removed.add(found.label);
      }
      for (const line of codeLines(file, linesWithWords(file.added, TLS_WORDS), firstLine)) {
        for (const found of findingsOf(line)) {
          if (removed.consume(found.label)) continue;
          context.report({
            messageId: found.scope,
            data: { label: found.label },
            file: file.path,
            line: line.line,
            match: `${found.label}:${normalizeSpace(line.code)}`,
            evidence: line.code.trim(),
            severity: found.scope === 'process' ? 'block' : 'warn',
          });
        }
      }
    }
  },
});
