import { UsageError } from '../errors.js';
import type { NotebookEditInput, StringEdit } from './edits.js';

export type Protocol = 'claude-code' | 'generic';

/** A proposed file change: whole new content, string edits, or a notebook cell edit. */
export type FileEdit =
  | { type: 'content'; content: string | null; old?: string | null }
  | { type: 'string-edits'; edits: StringEdit[] }
  | { type: 'notebook'; input: NotebookEditInput };

export type GateAction =
  | { kind: 'command'; command: string }
  | { kind: 'file'; path: string; edit: FileEdit }
  /** A tool or hook event the gate does not judge, such as Read or PostToolUse. */
  | { kind: 'ignored'; reason: string };

/** One proposed action read from stdin, with the caller's protocol and session details. */
export interface GateRequest {
  protocol: Protocol;
  /** The agent's tool name (Write, Edit, Bash…), or `write`/`command` in the generic protocol. */
  tool: string;
  action: GateAction;
  /** The agent's working directory, when the payload gives one. */
  cwd: string | null;
  sessionId?: string;
  toolUseId?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function requireString(object: Json, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== 'string') throw new UsageError(`gate: ${where} is missing the string field "${key}"`);
  return value;
}

/**
 * Describes a JSON.parse failure by its kind and position only. V8 quotes up
 * to 10 characters of the input in some messages (`Unexpected token 'g',
 * "ghp_…"... is not valid JSON`), and the input can start with a credential.
 */
export function jsonErrorReason(text: string, error: unknown): string {
  if (text.trim() === '') return 'the input is empty';
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Unexpected end of JSON input')) return 'the input ends inside a value';
  const position = /\bat position (\d+)/.exec(message)?.[1];
  return position === undefined ? 'unexpected character' : `unexpected character at position ${position}`;
}

/** Chooses the protocol from the payload's fields: Claude Code's hook input has `tool_name`. */
export function detectProtocol(payload: Json): Protocol {
  return 'tool_name' in payload || 'hook_event_name' in payload ? 'claude-code' : 'generic';
}

/**
 * Parses the JSON an agent sends on stdin. Claude Code's PreToolUse input
 * carries `session_id`, `transcript_path`, `cwd`, `hook_event_name`,
 * `tool_name` and `tool_input`; the generic form is `{ "path", "old"?, "new" }`
 * or `{ "command" }`, with an optional `cwd`.
 */
export function parseRequest(text: string, protocol?: Protocol): GateRequest {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`gate: stdin is not valid JSON (${jsonErrorReason(text, error)}); pipe one JSON object describing the action`);
  }
  if (!isObject(payload)) throw new UsageError('gate: stdin must hold one JSON object describing the action');
  const chosen = protocol ?? detectProtocol(payload);
  return chosen === 'claude-code' ? parseClaudeCode(payload) : parseGeneric(payload);
}

function parseClaudeCode(payload: Json): GateRequest {
  const tool = optionalString(payload.tool_name) ?? '';
  const base = {
    protocol: 'claude-code' as const,
    tool,
    cwd: optionalString(payload.cwd) ?? null,
    sessionId: optionalString(payload.session_id),
    toolUseId: optionalString(payload.tool_use_id),
  };
  const event = optionalString(payload.hook_event_name);
  if (event !== undefined && event !== 'PreToolUse') {
    return { ...base, action: { kind: 'ignored', reason: `hook event ${event} is not judged` } };
  }
  const input = payload.tool_input;
  if (!isObject(input)) return { ...base, action: { kind: 'ignored', reason: 'no tool_input' } };
  return { ...base, action: claudeCodeAction(tool, input) };
}

function claudeCodeAction(tool: string, input: Json): GateAction {
  const where = `tool_input of ${tool}`;
  switch (tool) {
    case 'Bash':
      return { kind: 'command', command: requireString(input, 'command', where) };
    case 'Write':
      return { kind: 'file', path: requireString(input, 'file_path', where), edit: { type: 'content', content: requireString(input, 'content', where) } };
    case 'Edit':
      return { kind: 'file', path: requireString(input, 'file_path', where), edit: { type: 'string-edits', edits: [input as unknown as StringEdit] } };
    case 'MultiEdit': {
      if (!Array.isArray(input.edits)) throw new UsageError(`gate: ${where} is missing the array field "edits"`);
      return { kind: 'file', path: requireString(input, 'file_path', where), edit: { type: 'string-edits', edits: input.edits as StringEdit[] } };
    }
    case 'NotebookEdit':
      return { kind: 'file', path: requireString(input, 'notebook_path', where), edit: { type: 'notebook', input: input as NotebookEditInput } };
    default:
      return { kind: 'ignored', reason: `tool ${tool || '(none)'} is not judged` };
  }
}

function parseGeneric(payload: Json): GateRequest {
  const cwd = optionalString(payload.cwd) ?? null;
  if (typeof payload.command === 'string') {
    return { protocol: 'generic', tool: 'command', cwd, action: { kind: 'command', command: payload.command } };
  }
  if (typeof payload.path === 'string') {
    const content = payload.new;
    if (content !== null && typeof content !== 'string') throw new UsageError('gate: "new" must be the new content as a string, or null to delete the file');
    const old = payload.old;
    if (old !== undefined && old !== null && typeof old !== 'string') throw new UsageError('gate: "old" must be the current content as a string, or null for a new file');
    return { protocol: 'generic', tool: 'write', cwd, action: { kind: 'file', path: payload.path, edit: { type: 'content', content, old } } };
  }
  throw new UsageError('gate: expected { "path", "old", "new" } for a file change or { "command" } for a shell command');
}
