import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PolicyResolver } from '../engine/check.js';
import { describeError, EXIT, UsageError } from '../errors.js';
import * as log from '../log.js';
import { defaultPolicy, fileSource, loadPolicy } from '../packs/load.js';
import type { Policy } from '../packs/types.js';
import { appendAuditEntry, auditEntryOf, auditLogPath, previouslyDenied } from '../gate/audit-log.js';
import { judgeRequest } from '../gate/judge.js';
import { parseRequest, type GateRequest, type Protocol } from '../gate/payload.js';
import { locateProject, type Project } from '../gate/project.js';
import { claudeCodeFailure, respond, type GateResponse } from '../gate/respond.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

const HELP = `Usage: diff-guardian gate [options] < action.json

Judges one action a coding agent proposes, read as JSON on stdin, with the
repository's rule packs as of HEAD, and answers in the agent's protocol.
Every decision is appended to <git dir>/diff-guardian/gate.log.

Input:
  claude-code  Claude Code's PreToolUse hook input (tool_name, tool_input, cwd…)
               for Write, Edit, MultiEdit, NotebookEdit and Bash; other tools pass
  generic      { "path": FILE, "old": TEXT|null, "new": TEXT|null } for a file
               change ("old" defaults to the file on disk), or { "command": TEXT }

Options:
  --protocol NAME  claude-code or generic (default: detected from the input)
  --config FILE    judge with this config instead of the one at HEAD
  --approve        answer "allow" when nothing blocks (Claude Code then skips its
                   own permission prompt); by default the gate only denies
  --no-log         do not append to the audit log
  -h, --help       show this help

Exit status:
  claude-code  0, with the decision as JSON on stdout
  generic      0 allowed, 1 blocked, with a JSON report on stdout
  both         2 on a usage error outside the claude-code protocol
`;

function parseProtocol(value: string | undefined): Protocol | undefined {
  if (value === undefined || value === 'claude-code' || value === 'generic') return value;
  throw new UsageError(`invalid --protocol ${JSON.stringify(value)}: use claude-code or generic`);
}

/** Loads the policy as of HEAD, never from the working tree the agent is editing. */
async function policyFor(project: Project, configPath: string | undefined): Promise<Policy> {
  if (configPath) return loadPolicy(fileSource(), configPath);
  if (!project.gitDir) return defaultPolicy();
  const resolver = new PolicyResolver({ cwd: project.root });
  const { head, prepared } = await resolver.prepareHead();
  return resolver.policyFor(head, prepared);
}

/**
 * Returns `dir` when it exists, else its nearest existing parent (resolved against `cwd`). An
 * action may name a directory it has just deleted, and its parent still places the files the
 * action names in their repository.
 */
function existingDirectory(dir: string, cwd: string): string {
  let current = resolve(cwd, dir);
  if (existsSync(current)) return dir;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('gate', argv, {
    protocol: { type: 'string' },
    config: { type: 'string' },
    approve: { type: 'boolean' },
    'no-log': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.allowed;
  }
  const forced = parseProtocol(values.protocol);
  const input = (await io.readStdin()).toString('utf8');
  let request: GateRequest;
  try {
    request = parseRequest(input, forced);
  } catch (error) {
    if (forced !== 'claude-code') throw error;
    return write(io, claudeCodeFailure(describeError(error), false));
  }
  if (request.action.kind === 'ignored') {
    log.debug('gate', request.action.reason);
    return EXIT.allowed;
  }

  let policy: Policy | null = null;
  let response: GateResponse;
  try {
    const project = await locateProject(request.cwd === null ? io.cwd : existingDirectory(request.cwd, io.cwd));
    policy = await policyFor(project, values.config ? resolve(io.cwd, values.config) : undefined);
    const decision = await judgeRequest(request, project, policy);
    const logPath = values['no-log'] ? null : auditLogPath(project);
    const blocking = decision.findings.filter((f) => f.action === 'block').map((f) => f.fingerprint);
    const repeated = logPath ? previouslyDenied(logPath, blocking) : new Set<string>();
    response = respond(request.protocol, decision, {
      approve: Boolean(values.approve),
      tool: request.tool,
      repeated,
      allowlistFile: policy.settings.allowlistFile,
    });
    if (logPath) appendLog(logPath, auditEntryOf(request, decision, response.response, [...repeated]));
  } catch (error) {
    if (request.protocol !== 'claude-code') throw error;
    response = claudeCodeFailure(describeError(error), policy?.settings.failMode === 'open');
  }
  return write(io, response);
}

function appendLog(logPath: string, entry: Parameters<typeof appendAuditEntry>[1]): void {
  try {
    appendAuditEntry(logPath, entry);
  } catch (error) {
    log.warn(`could not append to the gate audit log ${logPath}: ${(error as Error).message}`);
  }
}

function write(io: CliIO, response: GateResponse): number {
  if (response.stdout) io.stdout.write(response.stdout);
  if (response.stderr) io.stderr.write(response.stderr);
  return response.exitCode;
}
