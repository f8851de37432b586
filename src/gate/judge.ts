import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { defaultDetectors } from '../detectors/index.js';
import { secretDetectors } from '../detectors/secrets/index.js';
import { formatMessage, type DetectorMeta, type ReportDescriptor } from '../detectors/define.js';
import { fingerprintOf, maskForDisplay, maskValues } from '../engine/redact.js';
import { scanCommit } from '../engine/scan-commit.js';
import { applySuppressions } from '../engine/suppress.js';
import type { Action, AgentAttribution, CommitChange, Finding } from '../model/types.js';
import { decide, strongestAction } from '../packs/decide.js';
import type { Policy } from '../packs/types.js';
import { gateDetectors } from './commands/index.js';
import { COMMAND_FILE, type ExternalFinding, type GateDetector, type GateSubject } from './commands/define.js';
import { commandCredentials } from './command-credentials.js';
import { createdPathFindings } from './created-paths.js';
import { applyNotebookEdit, applyStringEdits } from './edits.js';
import type { FileEdit, GateRequest } from './payload.js';
import { projectPath, resolveTarget, trackedAtHead, type Project } from './project.js';
import { repositoryAliases } from './shell/git-aliases.js';
import { maskShellValues } from './shell/plain-text.js';
import { readCommandLine } from './shell/read-commands.js';
import { changeOfFiles, type FileContents } from './would-be-change.js';

/** The commit id findings of a proposed action carry, since no commit exists yet. */
export const PROPOSED = 'PROPOSED';

/** The gate's verdict on one proposed action. */
export interface GateDecision {
  kind: 'command' | 'file' | 'ignored';
  verdict: Action;
  findings: Finding[];
  /** The path or command judged, as shown in reasons and the audit log. */
  target: string;
  /** Reasons part of the action could not be judged as proposed, such as an edit that does not apply. */
  notes: string[];
}

const NOBODY = { name: '', email: '', date: new Date(0).toISOString() };

function agentOf(request: GateRequest): AgentAttribution {
  const name = request.protocol === 'claude-code' ? 'claude-code' : undefined;
  return { agent: true, matchedBy: [`gate:${request.protocol}`], ...(name ? { name } : {}) };
}

/** Judges a proposed action as an agent-authored change under `policy`. */
export async function judgeRequest(request: GateRequest, project: Project, policy: Policy): Promise<GateDecision> {
  const { action } = request;
  if (action.kind === 'ignored') return { kind: 'ignored', verdict: 'allow', findings: [], target: '', notes: [action.reason] };
  const attribution = agentOf(request);
  if (action.kind === 'command') return judgeCommand(action.command, project, policy, attribution);
  return judgeFile(request.tool, action.path, action.edit, project, policy, attribution);
}

async function judgeCommand(text: string, project: Project, policy: Policy, attribution: AgentAttribution): Promise<GateDecision> {
  const commands = readCommandLine(text, repositoryAliases(project.cwd));
  // A credential typed into a command ends up in shell history and the agent's transcript.
  const change = changeOfFiles([{ path: COMMAND_FILE, old: null, new: `${text}\n` }], { sha: PROPOSED, author: NOBODY });
  const secretValues = new Set(commandCredentials(text, commands));
  const secrets = await scanCommit(change, { policy, detectors: secretDetectors, attribution, foundSecrets: secretValues });
  const pathOptions = { policy, attribution, author: NOBODY, sha: PROPOSED, foundSecrets: secretValues };
  const inPaths = await createdPathFindings(commands, project, pathOptions);
  const findings = await runGateDetectors({ kind: 'command', text, commands }, project, policy, gateDetectors, secretValues);
  const all = [...findings, ...secrets.findings, ...inPaths];
  // Values are found as the shell reads them, so quoting cannot hide a credential from masking.
  const target = maskForDisplay(maskShellValues(text, secretValues), secretValues, 300);
  return maskDecision({ kind: 'command', verdict: strongestAction(all.map((f) => f.action)), findings: all, target, notes: [] }, secretValues);
}

/**
 * Masks every secret value found while judging wherever the decision echoes
 * it: finding messages, evidence and files, the target and the notes. The
 * reason and the audit log are built from these fields only.
 */
function maskDecision(decision: GateDecision, values: ReadonlySet<string>): GateDecision {
  if (values.size === 0) return decision;
  for (const finding of decision.findings) {
    finding.message = maskValues(finding.message, values);
    finding.evidence = maskValues(finding.evidence, values);
    finding.file = maskValues(finding.file, values);
  }
  decision.target = maskValues(decision.target, values);
  decision.notes = decision.notes.map((note) => maskValues(note, values));
  return decision;
}

async function judgeFile(
  tool: string,
  path: string,
  edit: FileEdit,
  project: Project,
  policy: Policy,
  attribution: AgentAttribution,
): Promise<GateDecision> {
  const absolute = resolveTarget(path, project);
  const relativePath = projectPath(absolute, project);
  const inside = relativePath !== null;
  const shownPath = relativePath ?? absolute;
  const notes: string[] = [];
  const contents = proposedContents(shownPath, absolute, edit, policy.settings.maxFileBytes, notes);
  // The next commit adds a file that HEAD does not have, with all of its content and
  // its name (which secret/secret-in-path reads), even if it exists on disk already.
  if (contents.old !== null && contents.new !== null && inside && !(await trackedAtHead(project, shownPath))) contents.old = null;
  const change = changeOfFiles([contents], { sha: PROPOSED, author: NOBODY });
  const secretValues = new Set<string>();
  const verdict = await scanCommit(change, { policy, detectors: defaultDetectors(), attribution, foundSecrets: secretValues });
  for (const skipped of verdict.skipped) notes.push(`${skipped.file} was not read (${skipped.reason})`);
  const gateFindings = await runGateDetectors({ kind: 'write', tool, path: absolute }, project, policy, gateDetectors, secretValues);
  const findings = [...verdict.findings, ...gateFindings];
  // The path is echoed to the agent and the audit log, so a credential used as a file name is masked.
  const target = maskForDisplay(shownPath, secretValues, 400);
  return maskDecision({ kind: 'file', verdict: strongestAction(findings.map((f) => f.action)), findings, target, notes }, secretValues);
}

/**
 * Works out the file's content before and after the action. When an edit does
 * not apply to the file on disk (the agent's tool would then fail too), the
 * edit's own old and new text are judged as a fragment, so a secret in it is
 * still found.
 */
function proposedContents(path: string, absolute: string, edit: FileEdit, maxBytes: number, notes: string[]): FileContents {
  if (edit.type === 'content') {
    const old = edit.old !== undefined ? edit.old : readCurrent(absolute, maxBytes, notes);
    return { path, old, new: edit.content };
  }
  const current = readCurrent(absolute, maxBytes, notes);
  if (edit.type === 'string-edits') {
    const result = applyStringEdits(current, edit.edits);
    if (result.ok) return { path, old: current, new: result.content };
    notes.push(`judged the edit text alone: ${result.reason}`);
    const join = (key: 'old_string' | 'new_string'): string => edit.edits.map((e) => String(e[key] ?? '')).join('\n');
    return { path, old: `${join('old_string')}\n`, new: `${join('new_string')}\n` };
  }
  const result = current === null ? { ok: false as const, reason: 'the notebook does not exist' } : applyNotebookEdit(current, edit.input);
  if (result.ok) return { path, old: result.old, new: result.new };
  notes.push(`judged the cell source alone: ${result.reason}`);
  return { path, old: null, new: edit.input.new_source ?? '' };
}

/** Reads a file's current content; null when it does not exist or is not a readable regular file. */
function readCurrent(path: string, maxBytes: number, notes: string[]): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    if (stat.size > maxBytes) {
      notes.push(`the current file is larger than settings.maxFileBytes (${maxBytes} bytes); judged as if new`);
      return null;
    }
    const buffer = Buffer.alloc(stat.size);
    const read = readSync(fd, buffer, 0, stat.size, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const NO_FILES: CommitChange = {
  sha: PROPOSED,
  tree: '',
  parents: [],
  base: null,
  author: NOBODY,
  committer: NOBODY,
  message: '',
  trailers: [],
  files: [],
};

/**
 * Runs the gate's own detectors and applies acknowledgements and pack
 * decisions as for a commit. Each of `secretValues` is masked in the
 * findings' messages and evidence before they are shortened for display.
 */
export async function runGateDetectors(
  subject: GateSubject,
  project: Project,
  policy: Policy,
  detectors: readonly GateDetector[] = gateDetectors,
  secretValues: ReadonlySet<string> = new Set(),
): Promise<Finding[]> {
  const haystack = subject.kind === 'command' ? subject.text.toLowerCase() : '';
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const push = (finding: Finding): void => {
    if (seen.has(finding.fingerprint)) return;
    seen.add(finding.fingerprint);
    findings.push(finding);
  };
  for (const detector of detectors) {
    if (subject.kind === 'command' && detector.keywords && !detector.keywords.some((k) => haystack.includes(k))) continue;
    await detector.run({
      subject,
      project,
      policy,
      report: (descriptor) => push(findingOf(detector.meta, descriptor, secretValues)),
      reportFinding: (external) => push(externalFinding(external, secretValues)),
    });
  }
  applySuppressions(NO_FILES, findings, policy, true);
  const kept: Finding[] = [];
  for (const finding of findings) {
    const decision = decide(policy, finding, true);
    if (decision.action === 'off') continue;
    finding.action = finding.suppressed ? 'allow' : decision.action;
    if (decision.decidedBy) finding.decidedBy = decision.decidedBy;
    kept.push(finding);
  }
  return kept;
}

function findingOf(meta: DetectorMeta, descriptor: ReportDescriptor, secretValues: ReadonlySet<string>): Finding {
  const template = meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`detector ${meta.id} reported unknown messageId "${descriptor.messageId}"`);
  return externalFinding({
    ruleId: meta.id,
    category: meta.category,
    severity: descriptor.severity ?? meta.severity,
    message: formatMessage(template, descriptor.data),
    file: descriptor.file,
    line: descriptor.line,
    match: descriptor.match,
    evidence: descriptor.evidence ?? descriptor.match,
  }, secretValues);
}

function externalFinding(external: ExternalFinding, secretValues: ReadonlySet<string>): Finding {
  return {
    ruleId: external.ruleId,
    category: external.category,
    severity: external.severity,
    action: 'allow',
    message: maskForDisplay(external.message, secretValues, 600),
    file: external.file,
    line: external.line,
    commit: PROPOSED,
    evidence: maskForDisplay(external.evidence, secretValues, 160),
    fingerprint: fingerprintOf(external.ruleId, external.file, external.match),
  };
}
