import type { Action, Severity } from '../model/types.js';

/** A pack or config file as written, after schema validation. */
export interface PackDocument {
  $schema?: string;
  name?: string;
  description?: string;
  extends?: string[];
  agents?: AgentMatcherSpec[];
  rules?: PackRuleSpec[];
  settings?: PackSettings;
  dependencies?: DependencyPolicy;
  acknowledged?: Acknowledgement[];
  server?: ServerPolicy;
}

export interface PackRuleSpec {
  id: string;
  action: Action | 'off';
  paths?: string[];
  authoredBy?: 'agent' | 'human' | 'any';
  minSeverity?: Severity;
  reason?: string;
}

export interface AgentMatcherSpec {
  name: string;
  trailer?: string;
  author?: string;
  committer?: string;
  env?: string;
}

export interface PackSettings {
  maxFileBytes?: number;
  failMode?: 'closed' | 'open';
  mergeParents?: 'first' | 'all';
  agentByDefault?: boolean;
  humanSigningKeys?: string[];
  allowlistFile?: string;
  /**
   * Commits whose inline `diff-guardian: allow` comments acknowledge findings on
   * the lines they add: human-authored ones (the default), any, or none.
   */
  inlineAllow?: 'human' | 'any' | 'none';
}

export interface PackageMatcher {
  name: string;
  ecosystem?: 'npm' | 'pypi' | 'go' | 'cargo' | 'rubygems' | 'maven' | 'github-actions';
  versions?: string;
  reason?: string;
}

export interface DependencyPolicy {
  allow?: PackageMatcher[];
  deny?: PackageMatcher[];
  requirePinned?: boolean;
  maxNewPerCommit?: number;
  registries?: Record<string, string[]>;
}

export interface Acknowledgement {
  fingerprint: string;
  path?: string;
  rule?: string;
  reason: string;
  approvedBy?: string;
  expires?: string;
}

export interface ServerPolicy {
  allowDeletion?: string[];
  protectNonFastForward?: string[];
  overrideIdentities?: string[];
  timeoutSeconds?: number;
  /**
   * Whether the allowlist file, `.gitleaksignore` and `.secretlintignore` of the
   * repository may acknowledge findings on the server. Defaults to true.
   */
  repositoryIgnores?: boolean;
}

/** A pack rule with the file it came from, for `decidedBy` in findings. */
export interface ResolvedRule extends PackRuleSpec {
  origin: string;
}

/** Identity of one pack file that took part in a decision, recorded in verdict notes. */
export interface PackRecord {
  name: string;
  file: string;
  sha256: string;
}

/** Everything the packs and config decide, merged in `extends` order. */
export interface Policy {
  packs: PackRecord[];
  rules: ResolvedRule[];
  agents: AgentMatcherSpec[];
  settings: Required<Pick<PackSettings, 'maxFileBytes' | 'failMode' | 'mergeParents'>> & PackSettings;
  dependencies: DependencyPolicy;
  acknowledged: Array<Acknowledgement & { origin: string }>;
  /** Decisions read from other tools' ignore files (`.gitleaksignore`, `.secretlintignore`) at the base commit. */
  externalIgnores?: ExternalIgnores;
  /**
   * The commit whose allowlist and ignore files this policy already carries
   * (null: none). When set, the files at each judged commit's base are not read.
   */
  ignoresFrom?: string | null;
  /** diff-guardian's own files in the repository at the base commit, whose edits are reported. */
  repositoryFiles?: RepositoryFiles;
  server: ServerPolicy;
}

/** Repository paths of the files that configure diff-guardian, besides `.diff-guardian.yml`. */
export interface RepositoryFiles {
  /** Pack files the repository config extends by path, directly or through other packs. */
  packs: string[];
  /** The allowlist file the judging policy reads, and the one the repository config names. */
  allowlists: string[];
}

export const DEFAULT_SETTINGS = {
  maxFileBytes: 2 * 1024 * 1024,
  failMode: 'closed',
  mergeParents: 'first',
} as const;

/** A `.gitleaksignore` line: `[commit:]file:rule:line`, which gitleaks matches by line. */
export interface GitleaksEntry {
  commit?: string;
  file: string;
  rule: string;
  line: number;
}

/** Decisions recorded in other secret scanners' ignore files at the repository root. */
export interface ExternalIgnores {
  gitleaks: GitleaksEntry[];
  /** Path globs from `.secretlintignore` (gitignore syntax), converted for picomatch. */
  secretlintGlobs: string[];
  /** Negated patterns (`!path`) that take a path back out of the ignored set. */
  secretlintKeep: string[];
}
