import { attribute } from '../attribution/attribute.js';
import { formatMessage, type Detector, type ReportDescriptor } from '../detectors/define.js';
import { addKeywordsOf, declareKeywords, isLiteral, type KeywordSet } from '../detectors/literal-scan.js';
import { loadedDetector, loadPending } from '../detectors/lazy.js';
import { addedTextOf } from '../detectors/secrets/added-text.js';
import { COMMIT_MESSAGE } from '../detectors/secrets/scan-text.js';
import * as log from '../log.js';
import type { AgentAttribution, CommitChange, CommitVerdict, DiffLine, Finding } from '../model/types.js';
import { decide, strongestAction } from '../packs/decide.js';
import type { Policy } from '../packs/types.js';
import { ownText } from '../util/own-text.js';
import { addHeaderFindings, secretDetectorsOf } from './commit-headers.js';
import { KeywordIndex } from './keyword-index.js';
import { fingerprintOf, maskForDisplay, maskValues, redact } from './redact.js';
import { SecretSpans } from './secret-spans.js';
import { applySuppressions, inlineAllowRules } from './suppress.js';

export interface ScanCommitOptions {
  policy: Policy;
  detectors: readonly Detector[];
  /** Runtime attribution captured by a client hook. */
  runtime?: { agent: string; signal: string } | null;
  /** Attribution decided elsewhere (the gate treats every change as an agent's). */
  attribution?: AgentAttribution;
  /**
   * Milliseconds of detector time after which the scan returns to the event
   * loop before the next detector, so that output of other processes is read.
   */
  turnEveryMs?: number;
  /** Receives every secret value found, for callers that echo text the findings do not cover. */
  foundSecrets?: Set<string>;
  /**
   * Pseudo-path of the text passed as the commit message when it is another
   * text, such as `<commit-header mergetag>`. Findings there are reported,
   * fingerprinted and matched by suppressions under this path.
   */
  messagePath?: string;
  /** Folder of the repository, for detectors that read files the commit does not change. */
  cwd?: string;
}

/**
 * Calls `read` with each text a keyword prefilter may look at. `readAdded`, when given, may
 * take the added lines of a text file instead, and returns false to leave them to `read`.
 */
function forEachText(
  commit: CommitChange,
  read: (text: string) => void,
  readAdded?: (lines: readonly DiffLine[]) => boolean,
): void {
  read(commit.message);
  for (const file of commit.files) {
    read(file.path);
    if (file.oldPath) read(file.oldPath);
    const addedRead = readAdded !== undefined && !file.binary && file.added.length > 0 && readAdded(file.added);
    // UTF-16 text (binary to git) has a NUL beside each ASCII character; keywords are matched without them.
    if (!addedRead) for (const line of file.added) read(file.binary ? line.text.replace(/\0/g, '') : line.text);
    for (const line of file.removed) read(line.text);
  }
}

const keywordIndexes = new WeakMap<readonly Detector[], KeywordIndex>();

/** Returns the keyword index of a detector list, built once per list. */
function keywordIndexFor(detectors: readonly Detector[]): KeywordIndex {
  let index = keywordIndexes.get(detectors);
  if (!index) {
    index = new KeywordIndex(detectors.flatMap((d) => d.keywords ?? []));
    keywordIndexes.set(detectors, index);
  }
  return index;
}

const sharedKeywords = new WeakMap<readonly Detector[], KeywordSet | null>();

/**
 * Returns the keywords of a detector list declared to the shared literal pass, which detectors
 * run over each file's added text anyway. Returns null when a keyword is not one the pass can
 * find, so the keyword index reads the added lines itself.
 */
function sharedKeywordsFor(detectors: readonly Detector[], index: KeywordIndex): KeywordSet | null {
  let set = sharedKeywords.get(detectors);
  if (set === undefined) {
    const keywords = [...new Set(detectors.flatMap((d) => d.keywords ?? []))].filter((k) => k.length > 0);
    set = index.asciiOnly && keywords.every(isLiteral) ? declareKeywords(keywords) : null;
    sharedKeywords.set(detectors, set);
  }
  return set;
}

/**
 * Declares the keywords of a detector list to the shared literal pass now rather than on the
 * list's first commit. Each declaration makes the pass build its automaton again, so a long
 * range declares them before its first scan.
 */
export function declareKeywordsOf(detectors: readonly Detector[]): void {
  // Extra commit headers are scanned with the secret detectors alone, a list of its own.
  for (const list of [detectors, secretDetectorsOf(detectors)]) sharedKeywordsFor(list, keywordIndexFor(list));
}

// Below this many characters, includes() per keyword costs less than building the index.
const INDEX_MIN_CHARS = 64 * 1024;

/** Detector lists that have tested the keywords of a commit. */
const listsUsed = new WeakSet<readonly Detector[]>();

/**
 * Returns a test for whether a keyword occurs in the commit's text, ignoring
 * case. The texts count as joined with newlines.
 */
function keywordTester(commit: CommitChange, detectors: readonly Detector[]): (keyword: string) => boolean {
  // A check of one small commit (the staged change) tests each keyword with
  // includes(), because building the index would cost more. Every later commit
  // of a range uses the index, which reads the text once for all keywords.
  const firstUse = !listsUsed.has(detectors);
  listsUsed.add(detectors);
  const index = firstUse ? null : keywordIndexFor(detectors);
  // The index matches keywords outside ASCII within one text only, so a list
  // with such keywords keeps includes() over the joined text for small commits.
  if (index === null || !index.asciiOnly) {
    let size = 0;
    forEachText(commit, (text) => {
      size += text.length + 1;
    });
    if (size < INDEX_MIN_CHARS) {
      const texts: string[] = [];
      forEachText(commit, (text) => texts.push(text));
      const haystack = texts.join('\n').toLowerCase();
      return (keyword) => haystack.includes(keyword);
    }
  }
  const fullIndex = index ?? keywordIndexFor(detectors);
  const scan = fullIndex.scan();
  // Every keyword is printable ASCII without a newline, so none spans two texts, and the
  // shared pass may read the added lines of a file apart from the other texts.
  const set = sharedKeywordsFor(detectors, fullIndex);
  const inAdded = new Set<string>();
  const readAdded = set ? (lines: readonly DiffLine[]) => addKeywordsOf(addedTextOf(lines), set, inAdded) : undefined;
  forEachText(commit, (text) => scan.add(text), readAdded);
  const present = scan.found();
  // The index drops the empty keyword, which includes() finds in any text.
  return (keyword) => keyword === '' || present.has(keyword) || inAdded.has(keyword);
}

/**
 * Returns the detectors of `detectors` that can match in `commit`: those
 * without keywords, and those with a keyword in its message, paths or lines.
 */
export function detectorsFor(commit: CommitChange, detectors: readonly Detector[]): Detector[] {
  let hasKeyword: ((keyword: string) => boolean) | null = null;
  return detectors.filter((detector) => {
    if (!detector.keywords || detector.keywords.length === 0) return true;
    hasKeyword ??= keywordTester(commit, detectors);
    return detector.keywords.some(hasKeyword);
  });
}

/** When a scan with `turnEveryMs` last returned to the event loop, from performance.now(). */
let lastTurnAt = 0;

/** Runs every detector on one commit (its files, message and extra headers) and applies the policy. */
export async function scanCommit(commit: CommitChange, options: ScanCommitOptions): Promise<CommitVerdict> {
  const verdict = await scanCommitContent(commit, options);
  return commit.headers ? addHeaderFindings(commit, verdict, options, scanCommitContent) : verdict;
}

/** Runs the detectors on the files and message of one commit; scanCommit adds its extra headers. */
async function scanCommitContent(commit: CommitChange, options: ScanCommitOptions): Promise<CommitVerdict> {
  const { policy } = options;
  const agent =
    options.attribution ??
    attribute({
      commit,
      matchers: policy.agents,
      runtime: options.runtime,
      agentByDefault: policy.settings.agentByDefault,
    });
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const pathSecrets = new Set<string>();
  // Every secret value found in this commit, masked wherever a message, evidence or path repeats it.
  const secretValues = new Set<string>();
  const maskInPaths = (value: string): void => {
    if (value.length > 0) pathSecrets.add(value);
  };
  const sameSecrets = new SecretSpans();
  // Messages and evidence are written once every secret of the commit is known (see showFinding).
  const reported = new Map<Finding, { detector: Detector; descriptor: ReportDescriptor }>();

  const toRun = detectorsFor(commit, options.detectors);
  // Modules of detectors that have not run yet load now, before any of them
  // scans: a module declares its literals to the shared pass as it loads.
  const loading = loadPending(toRun);
  if (loading) await loading;
  for (const detector of toRun) {
    if (options.turnEveryMs !== undefined && performance.now() - lastTurnAt >= options.turnEveryMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastTurnAt = performance.now();
    }
    const report = (original: ReportDescriptor): void => {
      const descriptor =
        options.messagePath !== undefined && original.file === COMMIT_MESSAGE
          ? { ...original, file: options.messagePath }
          : original;
      const finding = toFinding(detector, descriptor, commit.sha);
      reported.set(finding, { detector, descriptor });
      const key = `${finding.fingerprint}:${finding.line}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (finding.category === 'secret') secretValues.add(descriptor.match.trim());
      if (finding.category === 'secret' && !sameSecrets.admit(finding, descriptor.match, findings)) return;
      findings.push(finding);
    };
    log.debug('scan', `detector=${detector.meta.id} commit=${commit.sha.slice(0, 12)}`);
    await loadedDetector(detector).run({ commit, agent: agent.agent, policy, report, maskInPaths, cwd: options.cwd });
  }
  const maskPath = (path: string): string => {
    let masked = path;
    for (const value of pathSecrets) masked = masked.split(value).join(redact(value));
    return masked;
  };
  for (const value of pathSecrets) secretValues.add(value);
  // Values the caller found before this scan, such as credentials in an agent's command, are masked too.
  const known = new Set([...(options.foundSecrets ?? []), ...secretValues]);
  for (const value of secretValues) options.foundSecrets?.add(value);
  for (const finding of findings) {
    const { detector, descriptor } = reported.get(finding)!;
    showFinding(finding, detector, descriptor, known);
  }

  applySuppressions(commit, findings, policy, agent.agent);
  const kept: Finding[] = [];
  for (const finding of findings) {
    const decision = decide(policy, finding, agent.agent);
    if (decision.action === 'off') continue;
    finding.action = finding.suppressed ? 'allow' : decision.action;
    if (decision.decidedBy) finding.decidedBy = decision.decidedBy;
    kept.push(finding);
  }
  kept.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  for (const finding of kept) {
    finding.message = ownText(finding.message);
    finding.evidence = ownText(finding.evidence);
  }
  if (pathSecrets.size > 0) for (const finding of kept) finding.file = maskPath(finding.file);
  const skipped = commit.files.filter((f) => f.skipped).map((f) => ({ file: maskPath(f.path), reason: f.skipped! }));
  const verdict: CommitVerdict = { sha: commit.sha, verdict: strongestAction(kept.map((f) => f.action)), agent, findings: kept, skipped };
  const inlineRules = inlineAllowRules(commit).map((rule) => ({ ...rule, rule: ownText(rule.rule), file: maskPath(rule.file) }));
  if (inlineRules.length > 0) verdict.inlineRules = inlineRules;
  return verdict;
}

/** Masks known secrets, then generated-looking values, in message data, which detectors often fill with the matched line. */
function maskData(data: ReportDescriptor['data'], known: ReadonlySet<string>): ReportDescriptor['data'] {
  if (!data) return data;
  const masked: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data)) masked[key] = typeof value === 'string' ? maskForDisplay(value, known, 400) : value;
  return masked;
}

/**
 * Writes a finding's message and evidence with every `known` secret masked
 * before any text is shortened, so that a secret the cut splits shows no part.
 */
function showFinding(finding: Finding, detector: Detector, descriptor: ReportDescriptor, known: ReadonlySet<string>): void {
  const template = detector.meta.messages[descriptor.messageId]!;
  finding.message = maskValues(formatMessage(template, maskData(descriptor.data, known)), known);
  if ((detector.meta.category !== 'secret' || descriptor.evidenceHasNoSecret) && descriptor.evidence !== undefined) {
    finding.evidence = maskValues(maskForDisplay(descriptor.evidence, known, 160), known);
  } else {
    finding.evidence = maskValues(finding.evidence, known);
  }
}

function toFinding(detector: Detector, descriptor: ReportDescriptor, sha: string): Finding {
  const { meta } = detector;
  const template = meta.messages[descriptor.messageId];
  if (template === undefined) {
    throw new Error(`detector ${meta.id} reported unknown messageId "${descriptor.messageId}"`);
  }
  const isSecret = meta.category === 'secret' && !descriptor.evidenceHasNoSecret;
  // Non-secret evidence and the message are written by showFinding.
  const evidence = isSecret || descriptor.evidence === undefined ? redact(descriptor.match) : '';
  return {
    ruleId: meta.id,
    category: meta.category,
    severity: descriptor.severity ?? meta.severity,
    action: 'allow',
    message: '',
    file: descriptor.file,
    line: descriptor.line,
    commit: sha,
    evidence,
    fingerprint: fingerprintOf(meta.id, descriptor.file, descriptor.match),
  };
}
