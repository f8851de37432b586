import type { YAMLMap, LineCounter } from 'yaml';
import { isMap, isScalar, isSeq, newLineCounter, parseDocument } from '../../util/yaml.js';
import { MAX_LINE, splitLine } from './source-text.js';

// File kinds and command patterns shared by the CI, script and hook detectors.

export function isGithubWorkflow(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function isGitlabCi(path: string): boolean {
  return /(?:^|\/)\.gitlab-ci\.ya?ml$|^\.gitlab\/ci\/.+\.ya?ml$/.test(path);
}

/** CI definitions of the common hosted services, read line by line. */
export function isCiFile(path: string): boolean {
  return (
    isGithubWorkflow(path) ||
    isGitlabCi(path) ||
    /^(?:\.circleci\/config\.ya?ml|\.travis\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|Jenkinsfile|\.buildkite\/[^/]+\.ya?ml)$/.test(path) ||
    /^\.github\/actions\/.+\/action\.ya?ml$/.test(path)
  );
}

export function isPackageJson(path: string): boolean {
  return /(?:^|\/)package\.json$/.test(path);
}

export function isMakefile(path: string): boolean {
  return /(?:^|\/)(?:GNUmakefile|[Mm]akefile|[^/]+\.mk)$/.test(path);
}

// Commands that run tests, linters, type checkers, audits or scanners. Used to
// tell a check step from a deploy or upload step.
const CHECK_COMMAND_SOURCE = [
  String.raw`\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?(?:test|lint|audit|typecheck|type-check|check|coverage|e2e)\b`,
  String.raw`\b(?:npm|pnpm|yarn|bun)\s+run\s+(?:test|lint|check|typecheck)[\w:-]*`,
  String.raw`\b(?:vitest|jest|mocha|ava|tap|playwright|cypress|karma|eslint|tsc|biome|prettier\s+(?:--check|-c)|stylelint|oxlint)\b`,
  String.raw`\b(?:pytest|tox|nox|mypy|pyright|ruff|flake8|pylint|bandit|safety|pip-audit|black\s+--check|isort\s+--check)\b`,
  String.raw`\bpython\d?\s+-m\s+(?:pytest|unittest|mypy)\b`,
  String.raw`\bgo\s+(?:test|vet)\b|\b(?:golangci-lint|staticcheck|gosec|govulncheck)\b`,
  String.raw`\bcargo\s+(?:test|clippy|audit|deny|nextest|fmt\b[^|;&]*--check)\b`,
  String.raw`\b(?:mvn|mvnw|gradle|gradlew)\b[^|;&]*\b(?:test|verify|check)\b`,
  String.raw`\b(?:rspec|rubocop|brakeman|bundle\s+audit|bundle\s+exec\s+(?:rspec|rake\s+test|rubocop))\b`,
  String.raw`\bmake\s+(?:test|check|lint|verify)\b|\bshellcheck\b|\bhadolint\b`,
  String.raw`\b(?:semgrep|trivy|snyk|gitleaks|trufflehog|codeql|diff-guardian)\b`,
].join('|');

export const CHECK_COMMAND = new RegExp(CHECK_COMMAND_SOURCE);

/** Step and job names that name a check. */
export const CHECK_NAME = /\b(?:tests?|unit|integration|e2e|lint(?:er|ing)?|audit|type[- ]?check|typecheck|coverage|scan|security|codeql|sast|check|verify|static analysis)\b/i;

/**
 * Returns the shell command part of a line with quoted text and comments
 * blanked: a package.json script's value, or the line itself elsewhere.
 */
export function shellCommandOf(path: string, text: string): string {
  const line = text.slice(0, MAX_LINE);
  if (isPackageJson(path)) {
    const value = /^\s*"[^"]*"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(line);
    return value ? splitLine(value[1]!.replace(/\\"/g, "'"), 'shell').code : '';
  }
  // A quoted YAML value (`run: "npm test || true"`) is read as the command inside the quotes.
  const quoted = /^(\s*(?:-\s+)?[\w-]+:\s+)(["'])(.*)\2\s*$/.exec(line);
  if (quoted && !isPackageJson(path)) return splitLine(`${quoted[1]}${quoted[3]}`, 'shell').code;
  return splitLine(line, 'shell').code;
}

/** Tests whether a command line runs a check. */
export function runsCheck(command: string): boolean {
  return CHECK_COMMAND.test(command);
}

/** A parsed YAML document with a way to turn node offsets into 1-based lines. */
export interface YamlFile {
  root: unknown;
  lineOf(offset: number): number;
}

/** Parses YAML, returning null for text that is not valid YAML so callers fall back to lines. */
export function parseYaml(text: string | null): YamlFile | null {
  if (text === null) return null;
  const lineCounter = newLineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) return null;
  return { root: doc.contents, lineOf: (offset) => lineCounter.linePos(offset).line };
}

/** Lists the entries of a YAML map as [key, value node, 1-based key line]. */
export function entriesOf(node: unknown, file: YamlFile): Array<[string, unknown, number]> {
  if (!isMap(node)) return [];
  return (node as YAMLMap).items.flatMap((pair) => {
    if (!isScalar(pair.key)) return [];
    const line = pair.key.range ? file.lineOf(pair.key.range[0]) : 0;
    return [[String(pair.key.value), pair.value, line] as [string, unknown, number]];
  });
}

/** Returns a map entry's scalar value as a string, or the joined items of a sequence of scalars. */
export function scalarText(node: unknown): string | null {
  if (isScalar(node)) return node.value === null ? null : String(node.value);
  if (isSeq(node)) return node.items.map((item) => scalarText(item) ?? '').join('\n');
  return null;
}

// Workflow events that run checks on proposed and pushed changes.
const CHECK_EVENTS = new Set(['push', 'pull_request', 'pull_request_target', 'merge_group']);

/** Lists a GitHub Actions workflow's check events (`on:`) with the line of each. */
export function workflowEvents(content: string | null): Map<string, number> | null {
  const file = parseYaml(content);
  if (!file) return null;
  const events = new Map<string, number>();
  const on = entriesOf(file.root, file).find(([key]) => key === 'on');
  if (!on) return events;
  const [, node, line] = on;
  const names = isMap(node) ? entriesOf(node, file).map(([name, , at]) => [name, at] as const) : (scalarText(node) ?? '').split('\n').map((name) => [name, line] as const);
  for (const [name, at] of names) if (CHECK_EVENTS.has(name.trim())) events.set(name.trim(), at);
  return events;
}

/** Tests whether a YAML value is true, literally or as a `${{ true }}` expression. */
export function isTrue(value: string | null): boolean {
  return value !== null && /^\s*(?:true|\$\{\{\s*true\s*\}\})\s*$/i.test(value);
}

/** Tests whether a YAML `if:` value is always false. */
export function isFalse(value: string | null): boolean {
  return value !== null && /^\s*(?:false|0|\$\{\{\s*(?:false|0)\s*\}\})\s*$/i.test(value);
}
