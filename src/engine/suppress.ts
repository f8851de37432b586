import { declareLiterals, literalHitsOf } from '../detectors/literal-scan.js';
import { addedTextOf } from '../detectors/secrets/added-text.js';
import type { CommitChange, DiffLine, Finding, InlineRule } from '../model/types.js';
import type { Policy } from '../packs/types.js';
import { globMatcher } from '../util/picomatch.js';
import { ruleSelects } from '../packs/decide.js';
import { gitleaksRuleTargets } from './gitleaks-rules.js';
import { maskTokens } from './redact.js';

// An inline suppression names the rule and gives a reason after `--`:
//   const sample = 'AKIA…'; // diff-guardian: allow secret/aws-access-key -- documented test key
const MARKER = 'diff-guardian:';
// Found in the shared literal pass, ignoring case, before any line is read.
const MARKER_LITERALS = declareLiterals([MARKER]);

const SPACE = /\s/;

function isSpace(text: string, at: number): boolean {
  return SPACE.test(text[at]!);
}

function isRuleCharacter(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x2a ||
    code === 0x2f ||
    code === 0x2d
  );
}

function skip(text: string, at: number, test: (text: string, at: number) => boolean): number {
  let end = at;
  while (end < text.length && test(text, end)) end += 1;
  return end;
}

/**
 * Returns the rule and reason of the first inline suppression on a line, or
 * null. The line is read with loops: one regular expression with a lazy
 * reason and optional trailing spaces backtracked for minutes on long lines.
 */
export function parseInlineSuppression(text: string): { rule: string; reason: string } | null {
  for (let marker = text.indexOf(MARKER); marker !== -1; marker = text.indexOf(MARKER, marker + 1)) {
    const allow = skip(text, marker + MARKER.length, isSpace);
    if (!text.startsWith('allow', allow)) continue;
    const ruleStart = skip(text, allow + 5, isSpace);
    if (ruleStart === allow + 5) continue;
    const ruleEnd = skip(text, ruleStart, isRuleCharacter);
    const dashes = skip(text, ruleEnd, isSpace);
    if (ruleEnd === ruleStart || dashes === ruleEnd || !text.startsWith('--', dashes)) continue;
    let reason = text.slice(dashes + 2).trim();
    // A comment closer after the reason belongs to the comment, not to the reason.
    if (reason.endsWith('*/')) reason = reason.slice(0, -2).trimEnd();
    else if (reason.endsWith('-->')) reason = reason.slice(0, -3).trimEnd();
    if (reason !== '') return { rule: text.slice(ruleStart, ruleEnd), reason };
  }
  return null;
}

/** Returns the added line text a finding points at, if any. */
function lineText(commit: CommitChange, finding: Finding, ordered: OrderedLists): string | undefined {
  if (finding.line <= 0) return undefined;
  const file = commit.files.find((f) => f.path === finding.file);
  return file ? addedLine(file.added, finding.line, ordered)?.text : undefined;
}

/** Per list of added lines, true when its line numbers strictly increase, as git writes them. */
type OrderedLists = Map<readonly DiffLine[], boolean>;

/**
 * Returns the first added line numbered `line`. A file with many findings
 * would cost a pass over its lines per finding, so lines in git's order are
 * found by binary search.
 */
function addedLine(added: readonly DiffLine[], line: number, orderedLists: OrderedLists): DiffLine | undefined {
  let ordered = orderedLists.get(added);
  if (ordered === undefined) {
    ordered = true;
    for (let i = 1; i < added.length && ordered; i += 1) ordered = added[i - 1]!.line < added[i]!.line;
    orderedLists.set(added, ordered);
  }
  if (!ordered) return added.find((l) => l.line === line);
  let low = 0;
  let high = added.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = added[middle]!;
    if (found.line === line) return found;
    if (found.line < line) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/**
 * Returns why inline allow comments acknowledge nothing in this commit, or null
 * when they count. An inline comment always sits on a line the commit adds, so
 * it is the commit acknowledging its own finding: by default only a human may.
 */
export function inlineAllowIgnoredReason(policy: Policy, agent: boolean): string | null {
  if (policy.server.repositoryIgnores === false) return 'server.repositoryIgnores is false';
  const authors = policy.settings.inlineAllow ?? 'human';
  if (authors === 'none') return 'settings.inlineAllow is none';
  if (authors === 'human' && agent) return 'a commit by a coding agent cannot acknowledge its own findings';
  return null;
}

/**
 * Marks findings acknowledged by an inline comment on their line (when
 * `inlineAllowIgnoredReason` allows it for this commit) or by a fingerprint in the
 * config's `acknowledged` list. An expired acknowledgement, or an inline
 * comment that does not count, suppresses nothing and the reason is appended
 * to the finding's message.
 */
export function applySuppressions(commit: CommitChange, findings: Finding[], policy: Policy, agent: boolean, today = new Date()): void {
  const todayIso = today.toISOString().slice(0, 10);
  const ordered: OrderedLists = new Map();
  const ignoredReason = inlineAllowIgnoredReason(policy, agent);
  for (const finding of findings) {
    const text = lineText(commit, finding, ordered);
    const inline = text === undefined ? null : parseInlineSuppression(text);
    if (inline && ruleSelects(inline.rule, finding)) {
      if (ignoredReason === null) {
        finding.suppressed = { by: 'inline comment', reason: maskTokens(inline.reason, 400) };
        continue;
      }
      finding.message += ` (its inline allow comment does not count: ${ignoredReason})`;
    }
    const external = externalSuppression(policy, finding);
    if (external) {
      finding.suppressed = external;
      continue;
    }
    for (const ack of policy.acknowledged) {
      if (ack.fingerprint !== finding.fingerprint) continue;
      if (ack.path !== undefined && ack.path !== finding.file) continue;
      if (ack.rule !== undefined && !ruleSelects(ack.rule, finding)) continue;
      if (ack.expires !== undefined && ack.expires < todayIso) {
        finding.message += ` (its acknowledgement in ${ack.origin} expired on ${ack.expires})`;
        continue;
      }
      const by = ack.approvedBy ? `${ack.origin}, approved by ${ack.approvedBy}` : ack.origin;
      // A reason is free text from the repository and is shown in every report.
      finding.suppressed = { by: maskTokens(by, 400), reason: maskTokens(ack.reason, 400) };
      break;
    }
  }
}

const globCache = new Map<string, (path: string) => boolean>();

function matchesAny(globs: readonly string[], path: string): boolean {
  return globs.some((glob) => {
    let matcher = globCache.get(glob);
    if (!matcher) {
      matcher = globMatcher(glob, { dot: true });
      globCache.set(glob, matcher);
    }
    return matcher(path);
  });
}

/**
 * Applies other secret scanners' ignore files to secret findings. A
 * `.gitleaksignore` fingerprint names a file, a line and optionally a commit,
 * so it is matched by line, as gitleaks matches it, and by rule: its gitleaks
 * rule id must map to the finding's rule (see gitleaks-rules.ts) or be that
 * rule's own id. A `.secretlintignore` pattern ignores every secret finding in
 * the paths it matches.
 */
function externalSuppression(policy: Policy, finding: Finding): Finding['suppressed'] | null {
  const ignores = policy.externalIgnores;
  if (!ignores || finding.category !== 'secret') return null;
  const gitleaks = ignores.gitleaks.find(
    (entry) =>
      entry.file === finding.file &&
      entry.line === finding.line &&
      gitleaksRuleTargets(entry.rule)?.includes(finding.ruleId) === true &&
      (entry.commit === undefined || finding.commit.startsWith(entry.commit) || entry.commit.startsWith(finding.commit)),
  );
  if (gitleaks) return { by: '.gitleaksignore', reason: `gitleaks fingerprint for rule ${gitleaks.rule}` };
  if (matchesAny(ignores.secretlintGlobs, finding.file) && !matchesAny(ignores.secretlintKeep, finding.file)) {
    return { by: '.secretlintignore', reason: 'path ignored for secret scanning' };
  }
  return null;
}

/**
 * Lists each rule id that an inline allow comment on an added line names,
 * with its first file and line, so that a misspelt id can be reported even
 * where it acknowledges no finding.
 */
export function inlineAllowRules(commit: CommitChange): InlineRule[] {
  const rules = new Map<string, InlineRule>();
  for (const file of commit.files) {
    // The shared literal pass over the file's added text, which the detectors ran already, skips most files.
    if (file.skipped || file.added.length === 0 || literalHitsOf(addedTextOf(file.added), MARKER_LITERALS).starts.length === 0) continue;
    for (const line of file.added) {
      if (!line.text.includes(MARKER)) continue;
      const inline = parseInlineSuppression(line.text);
      if (inline && !rules.has(inline.rule)) rules.set(inline.rule, { rule: inline.rule, file: file.path, line: line.line });
    }
  }
  return [...rules.values()];
}
