// File-type classification shared by detectors. Detectors decide by file type,
// not by text alone: `chmod 777` is a finding in a shell script and not in a README.
// Functions take repository paths with forward slashes, as git reports them.

/** Programming languages a detector may want to tell apart. */
export type Language =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'scala'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'c'
  | 'cpp'
  | 'swift'
  | 'shell'
  | 'powershell';

const LANGUAGE_BY_EXTENSION: Record<string, Language> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  py: 'python',
  pyw: 'python',
  pyi: 'python',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  scala: 'scala',
  cs: 'csharp',
  rb: 'ruby',
  rake: 'ruby',
  php: 'php',
  rs: 'rust',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  swift: 'swift',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ksh: 'shell',
  dash: 'shell',
  ps1: 'powershell',
  psm1: 'powershell',
};

const SHELL_INTERPRETER = /^#!\s*(?:\/usr\/bin\/env\s+(?:-\S+\s+)*)?(?:\/\S*\/)?(?:ba|z|k|da|a)?sh\b/;
const DOC_EXTENSIONS = new Set(['md', 'markdown', 'mdx', 'rst', 'txt', 'adoc', 'asciidoc', 'org', 'textile', 'rdoc']);
const DOC_BASENAMES = /^(?:readme|changelog|changes|history|news|license|licence|copying|authors|contributing|notice)$/i;

/** Returns the last path segment. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** Returns the lower-case extension without the dot, or '' when there is none. */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Returns the interpreter path of a `#!` line, or null when the text has none. */
export function shebangOf(firstLine: string | undefined): string | null {
  if (!firstLine?.startsWith('#!')) return null;
  return firstLine.slice(2).trim();
}

/** Returns the language of a source file from its extension, or its `#!` line when given. */
export function languageOf(path: string, firstLine?: string): Language | null {
  const byExtension = LANGUAGE_BY_EXTENSION[extensionOf(path)];
  if (byExtension) return byExtension;
  const interpreter = shebangOf(firstLine);
  if (interpreter === null || isDoc(path)) return null;
  if (SHELL_INTERPRETER.test(`#!${interpreter}`)) return 'shell';
  if (/\bpython[0-9.]*\b/.test(interpreter)) return 'python';
  if (/\b(?:node|deno|bun)\b/.test(interpreter)) return 'javascript';
  if (/\bruby\b/.test(interpreter)) return 'ruby';
  if (/\bphp\b/.test(interpreter)) return 'php';
  return null;
}

/** Tests for Markdown and MDX documents. */
export function isMarkdown(path: string): boolean {
  return ['md', 'markdown', 'mdx'].includes(extensionOf(path));
}

/** Tests for prose documents: doc extensions and README, CHANGELOG, LICENSE and similar files. */
export function isDoc(path: string): boolean {
  return DOC_EXTENSIONS.has(extensionOf(path)) || DOC_BASENAMES.test(baseName(path));
}

/** Tests for a shell script, by extension or, when the first line is given, by its `#!` line. */
export function isShellScript(path: string, firstLine?: string): boolean {
  return languageOf(path, firstLine) === 'shell';
}

/** Tests for a Dockerfile or Containerfile, including `Dockerfile.dev` and `app.dockerfile`. */
export function isDockerfile(path: string): boolean {
  const name = baseName(path).toLowerCase();
  return /^(?:docker|container)file(?:[.-].+)?$/.test(name) || name.endsWith('.dockerfile');
}

/** Tests for program source code, optionally of one language. Shell scripts count as source. */
export function isSourceCode(path: string, language?: Language, firstLine?: string): boolean {
  const found = languageOf(path, firstLine);
  return found !== null && (language === undefined || found === language);
}

export function isYaml(path: string): boolean {
  return ['yml', 'yaml'].includes(extensionOf(path));
}

export function isJson(path: string): boolean {
  return ['json', 'jsonc', 'json5'].includes(extensionOf(path));
}

/** Tests for Terraform in HCL (`.tf`) or JSON (`.tf.json`) syntax. */
export function isTerraform(path: string): boolean {
  return /\.tf(?:\.json)?$/i.test(path) || /\.tfvars(?:\.json)?$/i.test(path);
}

/** Tests for a GitHub Actions workflow file. */
export function isGithubWorkflow(path: string): boolean {
  return /^(?:.*\/)?\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}

/** Tests for a CI pipeline definition of GitHub Actions, GitLab, CircleCI, Azure, Buildkite or Bitbucket. */
export function isCiConfig(path: string): boolean {
  if (isGithubWorkflow(path)) return true;
  const name = baseName(path).toLowerCase();
  if (name === '.gitlab-ci.yml' || name === 'azure-pipelines.yml' || name === 'bitbucket-pipelines.yml') return true;
  return /(?:^|\/)\.(?:circleci|buildkite)\/[^/]+\.ya?ml$/i.test(path);
}

/** Tests for a Docker Compose file by its conventional names. */
export function isComposeFile(path: string): boolean {
  return /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/i.test(baseName(path));
}

/**
 * Tests whether YAML text looks like a Kubernetes manifest: some document has
 * top-level `apiVersion:` and `kind:` keys. The path must be YAML.
 */
export function isKubernetesManifest(path: string, content: string | null): boolean {
  if (!isYaml(path) || content === null) return false;
  return /^apiVersion:\s*\S/m.test(content) && /^kind:\s*\S/m.test(content);
}

/** Tests for sudoers policy files (`/etc/sudoers`, `sudoers.d/*`). */
export function isSudoers(path: string): boolean {
  return /(?:^|\/)sudoers(?:\.d\/[^/]+)?$/.test(path);
}

/** Tests for OpenSSH server configuration (`sshd_config` and `sshd_config.d/*.conf`). */
export function isSshdConfig(path: string): boolean {
  return baseName(path) === 'sshd_config' || /(?:^|\/)sshd_config\.d\/[^/]+\.conf$/.test(path);
}

/** Tests for dotenv files (`.env`, `.env.production`, `prod.env`). */
export function isDotenv(path: string): boolean {
  const name = baseName(path);
  return name === '.env' || name.startsWith('.env.') || extensionOf(path) === 'env';
}

/** Line-comment prefixes of a file chosen by its type, or an empty list when it has none. */
export function lineCommentPrefixes(path: string, firstLine?: string): readonly string[] {
  const language = languageOf(path, firstLine);
  switch (language) {
    case 'python':
    case 'ruby':
    case 'shell':
    case 'powershell':
      return ['#'];
    case 'php':
      return ['//', '#'];
    case null:
      break;
    default:
      return ['//'];
  }
  if (isYaml(path) || isDockerfile(path) || isDotenv(path) || isSudoers(path) || isSshdConfig(path)) return ['#'];
  if (extensionOf(path) === 'tf' || extensionOf(path) === 'hcl') return ['#', '//'];
  if (['toml', 'ini', 'cfg', 'conf', 'npmrc'].includes(extensionOf(path)) || baseName(path) === '.npmrc') return ['#', ';'];
  return [];
}

/**
 * Tests whether a line is a comment by itself: a line comment, or a line
 * inside or starting a C-style block comment (`/*`, `*`).
 */
export function isCommentLine(path: string, text: string, firstLine?: string): boolean {
  return isCommentLineWith(text, lineCommentPrefixes(path, firstLine));
}

/** Tests what isCommentLine tests, given the file's lineCommentPrefixes, for callers that read many lines. */
export function isCommentLineWith(text: string, prefixes: readonly string[]): boolean {
  const trimmed = text.trimStart();
  if (trimmed === '') return false;
  if (prefixes.some((prefix) => trimmed.startsWith(prefix))) return true;
  if (prefixes.includes('//')) return trimmed.startsWith('/*') || trimmed.startsWith('*');
  return false;
}
