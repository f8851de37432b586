import type { DependencyPolicy } from '../../packs/types.js';
import { formatMessage } from '../define.js';
import { DEPENDENCY_META } from './meta.js';
import { findMatcher, withoutCredentials } from './policy.js';
import { isPinned, npmAliasTarget, npmSourceOf } from './specs.js';
import { findTyposquat } from './typosquat.js';
import type { DependencyIssue, Ecosystem, SourceKind } from './types.js';

/** A package that a shell command is about to install. */
export interface InstallRequest {
  ecosystem: Ecosystem;
  /** Package name as the registry lists it: `lodash`, `@types/node`, `requests`, `golang.org/x/net`. */
  name: string;
  /** Version, range or source as typed, such as `^1.2.0`, `==2.31.0`, `v0.25.0` or a git URL; empty for none. */
  spec?: string;
  /** Source it installs from, when a manifest parser has read it; otherwise it is derived from `spec`. */
  source?: SourceKind;
}

/** One dependency finding about an install request, shaped like a `Finding` before packs decide. */
export interface InstallJudgement {
  ruleId: string;
  category: 'dependency';
  severity: 'block' | 'warn' | 'info';
  messageId: string;
  message: string;
  ecosystem: Ecosystem;
  name: string;
  spec: string;
}

/** Classifies the source a spec typed on a command line installs from, for every ecosystem. */
export function sourceOfSpec(ecosystem: Ecosystem, spec: string): SourceKind {
  const value = spec.trim();
  if (value === '') return 'registry';
  if (ecosystem === 'npm') return npmSourceOf(value);
  if (/^(git\+|git:\/\/|git@|ssh:\/\/)/i.test(value) || /\.git(@|#|$)/i.test(value)) return 'git';
  if (/^https?:\/\//i.test(value)) return 'url';
  if (/^(file:|\.{0,2}\/|~\/)/i.test(value)) return 'path';
  return 'registry';
}

const SOURCE_WORDS: Record<SourceKind, string> = {
  registry: 'the registry',
  git: 'the git repository',
  url: 'the URL',
  path: 'the local path',
  github: 'the GitHub repository',
  workspace: 'the workspace package',
  alias: 'the alias',
};

/**
 * Returns the package a request installs. An npm alias (`es@npm:event-stream@3.3.6`)
 * installs its target from the registry under another name, so the target's name and
 * range are what the policy judges, exactly as if the target were named directly.
 */
export function installedPackage(request: InstallRequest): Required<InstallRequest> {
  const spec = (request.spec ?? '').trim();
  const source = request.source ?? sourceOfSpec(request.ecosystem, spec);
  const target = request.ecosystem === 'npm' ? npmAliasTarget(spec, request.name) : null;
  if (target) return { ecosystem: 'npm', name: target.name, spec: target.range, source: 'registry' };
  return { ecosystem: request.ecosystem, name: request.name, spec, source };
}

/**
 * Judges one new package against the dependency policy, the same way a package
 * added to a manifest is judged: a denied package, a source outside the registry,
 * a typosquat name, an unpinned version under `requirePinned`, and otherwise a new
 * dependency. An allowlisted package yields no finding unless it is also denied.
 */
export function judgeNewPackage(request: InstallRequest, policy: DependencyPolicy = {}): DependencyIssue[] {
  const written = (request.spec ?? '').trim();
  const { ecosystem, name, spec, source } = installedPackage(request);
  const base = { ecosystem, name, newSpec: written || '(any version)' };
  const denied = findMatcher(policy.deny, ecosystem, name, spec || undefined);
  if (denied) {
    const why = denied.reason ? ` (${denied.reason})` : '';
    return [{ ...base, kind: 'denied-package', messageId: 'denied', detail: why }];
  }
  if (findMatcher(policy.allow, ecosystem, name, spec || undefined)) return [];

  const issues: DependencyIssue[] = [];
  if (source !== 'registry' && source !== 'workspace' && source !== 'alias') {
    issues.push({ ...base, kind: 'non-registry-source', messageId: 'source', detail: SOURCE_WORDS[source] });
  }
  const lookAlike = findTyposquat(ecosystem, name);
  if (lookAlike) {
    const detail = `${lookAlike.target} (${lookAlike.reason.replace('-', ' ')})`;
    issues.push({ ...base, kind: 'typosquat', messageId: 'lookAlike', detail });
  }
  if (policy.requirePinned && !isPinned(ecosystem, spec, source)) {
    issues.push({ ...base, kind: 'unpinned-version', messageId: 'unpinned' });
  }
  // A typosquat finding already names the new package, so it replaces the new-dependency one.
  if ((source === 'registry' || source === 'alias') && !lookAlike) {
    issues.push({ ...base, kind: 'new-dependency', messageId: 'added' });
  }
  return issues;
}

/**
 * Judges a package that a shell command (`npm install x`, `pip install x`,
 * `go get x@v1`, `cargo add x`) is about to install. Returns one result per rule
 * that fires, with the detector's own severity; a caller applies the packs to
 * them as to any finding. An empty list means nothing to report.
 */
export function judgeInstall(request: InstallRequest, policy: DependencyPolicy = {}): InstallJudgement[] {
  return judgeNewPackage(request, policy).map((issue) => {
    const meta = DEPENDENCY_META[issue.kind];
    const data = {
      name: issue.name,
      ecosystem: issue.ecosystem,
      oldSpec: '',
      newSpec: withoutCredentials(issue.newSpec ?? ''),
      section: 'the install command',
      detail: withoutCredentials(issue.detail ?? ''),
    };
    return {
      ruleId: `dependency/${issue.kind}`,
      category: 'dependency',
      severity: issue.severity ?? meta.severity,
      messageId: issue.messageId,
      message: formatMessage(meta.messages[issue.messageId]!, data),
      ecosystem: issue.ecosystem,
      name: issue.name,
      spec: withoutCredentials(issue.newSpec ?? ''),
    };
  });
}
