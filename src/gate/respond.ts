import { acknowledgeAdvice } from '../hooks/advice.js';
import type { Finding } from '../model/types.js';
import { COMMAND_FILE } from './commands/define.js';
import type { GateDecision } from './judge.js';
import type { Protocol } from './payload.js';

/** The gate's output streams and exit code. */
export interface GateResponse {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The decision sent to the agent, for the audit log. */
  response: 'deny' | 'allow' | 'none';
}

export interface RespondOptions {
  /**
   * Sends `allow` when nothing blocks. Claude Code then skips its own
   * permission prompt for the call, so this is off unless asked for.
   */
  approve: boolean;
  /** Tool name, for the reason text. */
  tool: string;
  /** Fingerprints the agent was denied before for the same findings. */
  repeated: ReadonlySet<string>;
  /** The allowlist file the policy reads (`settings.allowlistFile`), named in the advice. */
  allowlistFile?: string;
}

function findingLine(finding: Finding, repeated: ReadonlySet<string>): string {
  let where = '';
  if (finding.file !== COMMAND_FILE) where = finding.line > 0 ? `${finding.file}:${finding.line} ` : `${finding.file} `;
  const again = repeated.has(finding.fingerprint) ? ' (denied before: this is a retry of the same change)' : '';
  return `- ${where}${finding.ruleId}: ${finding.message} [fingerprint ${finding.fingerprint}]${again}`;
}

/** Writes the reason an agent reads: the blocking findings, then any warnings, then what to do. */
export function reasonOf(decision: GateDecision, options: Pick<RespondOptions, 'tool' | 'repeated' | 'allowlistFile'>): string {
  const blocking = decision.findings.filter((f) => f.action === 'block');
  const warnings = decision.findings.filter((f) => f.action === 'warn');
  const lines: string[] = [];
  let subject = decision.target ? ` of ${decision.target}` : '';
  // The generic protocol names its tool `command` already.
  if (decision.kind === 'command') subject = options.tool === 'command' ? '' : ' command';
  if (blocking.length > 0) {
    lines.push(`diff-guardian blocked this ${options.tool}${subject}:`);
    lines.push(...blocking.map((f) => findingLine(f, options.repeated)));
  }
  if (warnings.length > 0) {
    lines.push(blocking.length > 0 ? 'Warnings:' : `diff-guardian warnings for this ${options.tool}${subject}:`);
    lines.push(...warnings.map((f) => findingLine(f, options.repeated)));
  }
  for (const note of decision.notes) lines.push(`Note: ${note}.`);
  if (blocking.length > 0) {
    lines.push(
      'The same rules judge the commit and the push, so retrying this change will be blocked again. Choose another way.',
      `If the finding is wrong, a person (not the agent) acknowledges it: ${acknowledgeAdvice(options.allowlistFile).join(' ')}`,
    );
  }
  return lines.join('\n');
}

/**
 * Formats the decision in Claude Code's PreToolUse hook protocol (Claude Code hooks
 * reference, https://code.claude.com/docs/en/hooks, "PreToolUse decision
 * control"): exit code 0 with JSON on stdout whose `hookSpecificOutput` holds
 * `hookEventName: "PreToolUse"`, `permissionDecision` ("allow", "deny" or
 * "ask") and `permissionDecisionReason`, which Claude reads on a deny. Exit
 * code 2 would also block, with stderr as the reason, but JSON is ignored
 * then, so the gate always exits 0 and states its decision in JSON. Without a
 * decision the call goes through Claude Code's usual permission checks;
 * `systemMessage` shows warnings to the user.
 */
export function claudeCodeResponse(decision: GateDecision, options: RespondOptions): GateResponse {
  const reason = reasonOf(decision, options);
  if (decision.verdict === 'block') {
    const output = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
    return { exitCode: 0, stdout: `${JSON.stringify(output)}\n`, stderr: '', response: 'deny' };
  }
  const output: Record<string, unknown> = {};
  if (options.approve) {
    output.hookSpecificOutput = { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: reason || 'diff-guardian found nothing to block' };
  }
  if (decision.verdict === 'warn') output.systemMessage = reason;
  const stdout = Object.keys(output).length > 0 ? `${JSON.stringify(output)}\n` : '';
  return { exitCode: 0, stdout, stderr: '', response: options.approve ? 'allow' : 'none' };
}

/** Formats a failure to judge in Claude Code's protocol: deny when the policy fails closed. */
export function claudeCodeFailure(message: string, failOpen: boolean): GateResponse {
  if (failOpen) {
    const output = { systemMessage: `diff-guardian could not judge this action and allowed it (settings.failMode: open): ${message}` };
    return { exitCode: 0, stdout: `${JSON.stringify(output)}\n`, stderr: '', response: 'none' };
  }
  const reason = `diff-guardian could not judge this action, so it is denied (settings.failMode: closed): ${message}`;
  const output = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
  return { exitCode: 0, stdout: `${JSON.stringify(output)}\n`, stderr: '', response: 'deny' };
}

/**
 * Formats the decision in the generic protocol: a JSON report on stdout with `decision`
 * ("allow" or "deny"), `verdict`, `reason` and the findings, and the exit code
 * every diff-guardian command uses (0 allowed, 1 blocked).
 */
export function genericResponse(decision: GateDecision, options: RespondOptions): GateResponse {
  const denied = decision.verdict === 'block';
  const report = {
    decision: denied ? 'deny' : 'allow',
    verdict: decision.verdict,
    reason: reasonOf(decision, options),
    target: decision.target,
    notes: decision.notes,
    findings: decision.findings.map((f) => ({ ...f, repeated: options.repeated.has(f.fingerprint) })),
  };
  return { exitCode: denied ? 1 : 0, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '', response: denied ? 'deny' : 'allow' };
}

export function respond(protocol: Protocol, decision: GateDecision, options: RespondOptions): GateResponse {
  return protocol === 'claude-code' ? claudeCodeResponse(decision, options) : genericResponse(decision, options);
}
