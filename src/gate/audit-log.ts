import { appendFileSync, closeSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../engine/redact.js';
import type { Action } from '../model/types.js';
import type { GateDecision } from './judge.js';
import type { GateRequest } from './payload.js';
import type { Project } from './project.js';

/** One line of the audit log: the agent's proposed action and the decision it received. */
export interface AuditEntry {
  time: string;
  protocol: string;
  tool: string;
  sessionId?: string;
  toolUseId?: string;
  /** The path, or the command with credentials and long tokens masked. */
  target: string;
  verdict: Action;
  /** The decision sent to the agent: deny, allow, or none when the gate left it to the agent's own permission checks. */
  response: 'deny' | 'allow' | 'none';
  findings: Array<{ ruleId: string; fingerprint: string; action: Action; file: string; line: number }>;
  /** Fingerprints of this decision's blocking findings that an earlier decision had already denied. */
  repeated: string[];
}

/** The log rotates to `gate.log.1` beyond this size, so it never grows without bound. */
const MAX_LOG_BYTES = 4 * 1024 * 1024;
/** Earlier denials are looked up in this much of the log's end. */
const LOOKBACK_BYTES = 1024 * 1024;

/** Returns where the gate logs for this project: `<git common dir>/diff-guardian/gate.log`, or null outside git. */
export function auditLogPath(project: Project): string | null {
  return project.commonDir ? join(project.commonDir, 'diff-guardian', 'gate.log') : null;
}

/** Returns which of `fingerprints` an earlier entry of the log denied. */
export function previouslyDenied(logPath: string, fingerprints: readonly string[]): Set<string> {
  const found = new Set<string>();
  if (fingerprints.length === 0) return found;
  const requested = new Set(fingerprints);
  for (const line of tailLines(logPath)) {
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      continue;
    }
    if (entry.response !== 'deny' || !Array.isArray(entry.findings)) continue;
    for (const finding of entry.findings) if (requested.has(finding.fingerprint)) found.add(finding.fingerprint);
  }
  return found;
}

function tailLines(path: string): string[] {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return [];
  }
  try {
    const size = statSync(path).size;
    const length = Math.min(size, LOOKBACK_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    // The first line may start mid-entry when the read began inside it.
    if (length < size) lines.shift();
    return lines.filter((line) => line !== '');
  } finally {
    closeSync(fd);
  }
}

// The ids Claude Code gives its sessions (UUIDs) and tool calls (`toolu_` and base62).
const AGENT_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|toolu_[A-Za-z0-9]{1,64})$/i;

/** Returns a session or tool-call id for the log: as it is when it has an agent's id format, else redacted. */
function loggedId(id: string): string {
  return AGENT_ID.test(id) ? id : redact(id);
}

/** Builds the log entry for a decision. */
export function auditEntryOf(request: GateRequest, decision: GateDecision, response: AuditEntry['response'], repeated: string[]): AuditEntry {
  return {
    time: new Date().toISOString(),
    protocol: request.protocol,
    tool: request.tool,
    ...(request.sessionId ? { sessionId: loggedId(request.sessionId) } : {}),
    ...(request.toolUseId ? { toolUseId: loggedId(request.toolUseId) } : {}),
    target: decision.target,
    verdict: decision.verdict,
    response,
    findings: decision.findings.map((f) => ({ ruleId: f.ruleId, fingerprint: f.fingerprint, action: f.action, file: f.file, line: f.line })),
    repeated,
  };
}

/** Appends one entry as a JSON line, rotating the log first when it has grown past its limit. */
export function appendAuditEntry(logPath: string, entry: AuditEntry): void {
  mkdirSync(join(logPath, '..'), { recursive: true });
  try {
    if (statSync(logPath).size > MAX_LOG_BYTES) renameSync(logPath, `${logPath}.1`);
  } catch {
    // No log yet.
  }
  appendFileSync(logPath, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}
