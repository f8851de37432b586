import type { Action, AgentAttribution, Category, CommitVerdict, Finding } from '../model/types.js';
import { CATEGORIES } from '../model/types.js';
import type { PackRecord } from '../packs/types.js';
import type { NoteContext } from './types.js';

// A verdict note is UTF-8 text in three parts:
//   1. lines a reviewer reads in `git log`, starting with HEADER;
//   2. RECORD_MARKER and the machine-readable record as indented JSON;
//   3. an armored SSHSIG block over every byte of parts 1 and 2 (absent when unsigned).
// git may concatenate several notes for one commit (notes.rewriteMode
// concatenate, `git notes merge -s union`), so a reader splits at HEADER lines.

export const HEADER = 'diff-guardian verdict: ';
export const RECORD_MARKER = 'Record:';
export const RECORD_FORMAT = 'diff-guardian-note/1';
const FAIL_OPEN_REASON = 'the check failed with an internal error, so settings.failMode open let the commit through';
const SIGNATURE_BEGIN = '-----BEGIN SSH SIGNATURE-----';
const SIGNATURE_END = '-----END SSH SIGNATURE-----';

/** A finding as the record stores it: never the matched text, only its redacted evidence. */
export interface NoteFinding {
  ruleId: string;
  category: Category;
  action: Action;
  file: string;
  line: number;
  evidence: string;
  fingerprint: string;
  acknowledged?: { by: string; reason: string };
}

/** The machine-readable part of a note. */
export interface NoteRecord {
  format: typeof RECORD_FORMAT;
  commit: string;
  tree: string;
  parents: string[];
  verdict: Action;
  agent: AgentAttribution;
  counts: Record<Category, number>;
  acknowledged: number;
  findings: NoteFinding[];
  skipped: CommitVerdict['skipped'];
  packs: PackRecord[];
  tool: { name: 'diff-guardian'; version: string };
  /** ISO 8601 time the note was written. */
  time: string;
  context: NoteContext;
}

/** One note as found in a note blob: the signed text and its signature block, if any. */
export interface NoteSegment {
  /** Everything the signature covers, ending with a newline. */
  body: string;
  signature: string | null;
}

export function recordOf(
  verdict: CommitVerdict,
  commit: { tree: string; parents: string[] },
  extra: { packs: PackRecord[]; version: string; time: string; context: NoteContext },
): NoteRecord {
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  let acknowledged = 0;
  for (const finding of verdict.findings) {
    if (finding.suppressed) acknowledged += 1;
    else counts[finding.category] += 1;
  }
  return {
    format: RECORD_FORMAT,
    commit: verdict.sha,
    tree: commit.tree,
    parents: commit.parents,
    verdict: verdict.verdict,
    agent: verdict.agent,
    counts,
    acknowledged,
    findings: verdict.findings.map(noteFinding),
    skipped: verdict.skipped,
    packs: extra.packs,
    tool: { name: 'diff-guardian', version: extra.version },
    time: extra.time,
    context: extra.context,
  };
}

function noteFinding(finding: Finding): NoteFinding {
  const entry: NoteFinding = {
    ruleId: finding.ruleId,
    category: finding.category,
    action: finding.action,
    file: finding.file,
    line: finding.line,
    evidence: finding.evidence,
    fingerprint: finding.fingerprint,
  };
  if (finding.suppressed) entry.acknowledged = { ...finding.suppressed };
  return entry;
}

/** Renders the unsigned note text: reviewer lines, a blank line, then the record. */
export function renderNoteBody(record: NoteRecord): string {
  return `${summaryLines(record).join('\n')}\n\n${RECORD_MARKER}\n${recordJson(record)}\n`;
}

/** Serializes the record as JSON with one top-level field, and one finding or pack, per line. */
function recordJson(record: NoteRecord): string {
  const fields = Object.entries(record).map(([key, value]) => {
    const name = `  ${JSON.stringify(key)}: `;
    if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'object')
      return name + JSON.stringify(value);
    return `${name}[\n${value.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  });
  return `{\n${fields.join(',\n')}\n}`;
}

/** Builds the lines a reviewer reads first; every value from the diff is escaped onto one line. */
export function summaryLines(record: NoteRecord): string[] {
  const counted = CATEGORIES.filter((c) => record.counts[c] > 0).map(
    (c) => `${record.counts[c]} ${c}`,
  );
  const total = CATEGORIES.reduce((sum, c) => sum + record.counts[c], 0);
  let findings = total === 0 ? 'none' : `${total} (${counted.join(', ')})`;
  if (record.acknowledged > 0) findings += `, ${record.acknowledged} acknowledged`;
  const { context } = record;
  if (context.failOpen) return uncheckedLines(record, context.failOpen.error);
  const lines = [
    `${HEADER}${record.verdict}`,
    `Findings: ${findings}`,
    `Author: ${authorLine(record)}`,
  ];
  if (context.override) {
    lines.push(
      `Override: ${oneLine(context.override.identity)}: ${oneLine(context.override.reason)}`,
    );
  }
  if (context.push?.nonFastForward) {
    lines.push(`Push: non-fast-forward update of ${oneLine(context.push.ref)}, old=${context.push.oldSha}`);
  }
  for (const finding of record.findings) {
    const tag = finding.acknowledged ? 'acknowledged' : finding.action;
    const place = finding.line > 0 ? `${finding.file}:${finding.line}` : finding.file;
    let line = `  ${tag.padEnd(5)} ${finding.ruleId} ${oneLine(place)}`;
    if (finding.evidence) line += `  ${oneLine(finding.evidence)}`;
    if (finding.acknowledged)
      line += `  (by ${oneLine(finding.acknowledged.by)}: ${oneLine(finding.acknowledged.reason)})`;
    lines.push(line);
  }
  for (const skipped of record.skipped)
    lines.push(`  skipped ${oneLine(skipped.file)} (${skipped.reason})`);
  return lines;
}

/**
 * Returns why the commit of `record` was let through without a check, or null
 * when it was judged. Fail-open records carry an allow verdict that no
 * detector produced, so readers must not present it as a pass.
 */
export function uncheckedReason(record: NoteRecord): string | null {
  const failOpen = record.context.failOpen;
  if (!failOpen) return null;
  return `${FAIL_OPEN_REASON}: ${failOpen.error}`;
}

/**
 * Builds the reviewer lines of a fail-open record. The stored verdict and
 * attribution are placeholders, so the lines leave both out and state that the
 * commit is unchecked, why, and how to judge it.
 */
function uncheckedLines(record: NoteRecord, error: string): string[] {
  const lines = [
    `${HEADER}unchecked (let through by fail-open, not judged)`,
    'Findings: not checked',
    `Fail-open: ${FAIL_OPEN_REASON}: ${oneLine(error)}`,
    `Judge it: diff-guardian check ${record.commit.slice(0, 12)}`,
  ];
  if (record.context.push?.nonFastForward) {
    lines.push(`Push: non-fast-forward update of ${oneLine(record.context.push.ref)}, old=${record.context.push.oldSha}`);
  }
  return lines;
}

function authorLine(record: NoteRecord): string {
  const { agent, context } = record;
  let text = agent.agent ? `agent${agent.name ? ` ${oneLine(agent.name)}` : ''}` : 'human';
  if (agent.matchedBy.length > 0) text += ` (${agent.matchedBy.map((m) => oneLine(m)).join(', ')})`;
  if (context.runtime)
    text += `; runtime ${oneLine(context.runtime.agent)} via ${oneLine(context.runtime.signal)}`;
  return text;
}

/** Escapes control characters and clips long values so one value stays on one line. */
function oneLine(value: string, max = 160): string {
  const escaped = value.replace(
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/** The writer of a note: a server hook, a client hook, or a `check --note` command. */
export type NoteOrigin = 'server' | 'client' | 'command';

const CLIENT_WRITERS = new Set(['post-commit', 'post-merge', 'post-rewrite']);

/** Returns which side wrote the note of `record`, from the hook or command it records. */
export function noteOrigin(record: NoteRecord): NoteOrigin {
  if (record.context.writtenBy === 'post-receive') return 'server';
  return CLIENT_WRITERS.has(record.context.writtenBy) ? 'client' : 'command';
}

/** Splits note text into the notes it contains, one per HEADER line. Text before the first HEADER is dropped. */
export function splitNote(text: string): NoteSegment[] {
  const starts: number[] = text.startsWith(HEADER) ? [0] : [];
  for (
    let next = text.indexOf(`\n${HEADER}`);
    next >= 0;
    next = text.indexOf(`\n${HEADER}`, next + 1)
  ) {
    starts.push(next + 1);
  }
  return starts.map((start, i) => splitSegment(text.slice(start, starts[i + 1] ?? text.length)));
}

function splitSegment(chunk: string): NoteSegment {
  const begin = chunk.indexOf(`\n${SIGNATURE_BEGIN}\n`);
  if (begin < 0) return { body: chunk.replace(/\n+$/, '\n'), signature: null };
  const endMarker = chunk.indexOf(SIGNATURE_END, begin);
  const signatureEnd = endMarker < 0 ? chunk.length : endMarker + SIGNATURE_END.length + 1;
  return { body: chunk.slice(0, begin + 1), signature: chunk.slice(begin + 1, signatureEnd) };
}

/** Reads the record from a note body, or returns null when it is missing or not the expected shape. */
export function parseRecord(body: string): NoteRecord | null {
  const marker = body.indexOf(`\n${RECORD_MARKER}\n`);
  if (marker < 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(body.slice(marker + RECORD_MARKER.length + 2));
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const record = value as Partial<NoteRecord>;
  if (
    record.format !== RECORD_FORMAT ||
    typeof record.commit !== 'string' ||
    typeof record.tree !== 'string'
  )
    return null;
  if (typeof record.time !== 'string' || !Array.isArray(record.findings)) return null;
  return record as NoteRecord;
}
