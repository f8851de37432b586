import type { FileChange } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { isDotenv, isDotenvTemplate, nameParts } from './file-kind.js';
import { isPlaceholder } from './values.js';

interface FileRule {
  what: string;
  matches(path: string): boolean;
  /** Decides from the content whether the file holds a credential; absent means the name is enough. */
  holdsCredential?(content: string): boolean;
  severity?: 'block' | 'warn';
}

const ASSIGNED = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*["']?([^"'\s#]+)/;

const RULES: FileRule[] = [
  {
    what: 'environment file',
    matches: (path) => isDotenv(path) && !isDotenvTemplate(path),
    holdsCredential: (content) => content.split('\n').some((line) => {
      const value = ASSIGNED.exec(line)?.[1];
      return value !== undefined && !isPlaceholder(value);
    }),
    severity: 'warn',
  },
  {
    what: 'SSH private key file',
    matches: (path) => /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(nameParts(path).base),
    holdsCredential: (content) => !content.includes('-----BEGIN'),
  },
  { what: 'PKCS#12 key store', matches: (path) => /\.(?:p12|pfx)$/i.test(path) },
  { what: 'Java key store', matches: (path) => /\.(?:jks|keystore)$/i.test(path) },
  {
    // PEM files with a private key block are reported by the private-key rule; certificates are public.
    what: 'key file',
    matches: (path) => /\.(?:pem|key)$/i.test(path),
    holdsCredential: (content) => !content.includes('-----BEGIN') && content.trim().length >= 64 && !isPlaceholder(content.trim()),
  },
  {
    what: '.npmrc with an auth token',
    matches: (path) => nameParts(path).base === '.npmrc',
    holdsCredential: (content) => /(?:_authToken|_auth|_password)\s*=\s*(?!\$\{)\S{8,}/.test(content),
  },
  {
    what: '.pypirc with a password',
    matches: (path) => nameParts(path).base === '.pypirc',
    holdsCredential: (content) => /^\s*password\s*[=:]\s*(?!\$\{|%\()\S{4,}/m.test(content),
  },
  {
    what: '.netrc with a password',
    matches: (path) => /^[._]netrc$/.test(nameParts(path).base),
    holdsCredential: (content) => /\bpassword\s+\S{4,}/.test(content),
  },
  {
    what: 'kubeconfig with user credentials',
    matches: (path) => /(?:^|\/)(?:\.kube\/config|kubeconfig[\w.-]*)$/i.test(path) || /\.kubeconfig$/i.test(path),
    holdsCredential: (content) => /^\s*(?:client-key-data|token|password|client-key):\s*\S{8,}/m.test(content),
  },
  { what: 'Terraform state file', matches: (path) => /\.tfstate(?:\.backup)?$/.test(path) },
  {
    what: 'credentials.json',
    matches: (path) => nameParts(path).base === 'credentials.json',
    holdsCredential: (content) => /"(?:client_secret|private_key|refresh_token|secret|password)"\s*:\s*"[^"]{8,}"/.test(content),
  },
  { what: '.git-credentials', matches: (path) => nameParts(path).base === '.git-credentials' },
  { what: '.htpasswd', matches: (path) => nameParts(path).base === '.htpasswd' },
];

function isNewFile(file: FileChange): boolean {
  return file.status === 'added' || file.status === 'copied' || (file.status === 'renamed' && nameParts(file.oldPath ?? '').base !== nameParts(file.path).base);
}

export default defineDetector({
  meta: {
    id: 'secret/credential-file',
    category: 'secret',
    severity: 'block',
    confidence: 'high',
    description: 'Report files that hold credentials by their nature (key stores, .env files, .netrc, kubeconfig, Terraform state) when they are added; an added .env file warns, and each credential in it is reported by its own rule.',
    messages: {
      found:
        '{{what}} added to the repository. Files of this kind carry credentials; remove it from the commit, add it to .gitignore and rotate what it holds.',
    },
  },
  async run(context) {
    for (const file of context.commit.files) {
      if (file.status === 'deleted' || file.newKind === 'symlink' || !isNewFile(file)) continue;
      const rule = RULES.find((candidate) => candidate.matches(file.path));
      if (!rule) continue;
      if (rule.holdsCredential) {
        const content = (await file.newContent()) ?? file.added.map((line) => line.text).join('\n');
        if (!rule.holdsCredential(content)) continue;
      }
      context.report({
        messageId: 'found',
        severity: rule.severity,
        data: { what: rule.what },
        file: file.path,
        line: 0,
        match: file.path,
      });
    }
  },
});
