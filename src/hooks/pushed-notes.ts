import { readObjects } from '../git/batch-objects.js';
import { notesTreeEntries } from '../notes/store.js';
import type { RuntimeSignal } from './runtime.js';

/**
 * Reads the runtime signals that client hooks recorded in the verdict notes of
 * `shas`, from the notes commit `notesCommit`. A pushed note is written by the
 * pusher, so it is only trusted to make a commit stricter (agent-authored).
 */
export function runtimeFromNotes(cwd: string, notesCommit: string, shas: readonly string[]): Map<string, RuntimeSignal> {
  const found = new Map<string, RuntimeSignal>();
  const requested = new Set(shas);
  const blobs = notesTreeEntries(cwd, notesCommit).filter((entry) => requested.has(entry.commit));
  readObjects(cwd, blobs.map((entry) => entry.blob)).forEach((object, index) => {
    const runtime = findRuntime(object.content.toString('utf8'));
    if (runtime) found.set(blobs[index]!.commit, runtime);
  });
  return found;
}

/**
 * Finds a `runtime: { agent, signal }` value in a note. A note may hold several
 * records (one per writer, after a union merge), each a JSON object whose
 * braces stand on lines of their own.
 */
export function findRuntime(text: string): RuntimeSignal | null {
  const lines = text.split('\n');
  for (let start = 0; start < lines.length; start += 1) {
    if (lines[start] !== '{') continue;
    const end = lines.indexOf('}', start + 1);
    if (end === -1) break;
    const hit = search(parseJson(lines.slice(start, end + 1).join('\n')), 0);
    if (hit) return hit;
    start = end;
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function search(value: unknown, depth: number): RuntimeSignal | null {
  if (depth > 6 || value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const runtime = record.runtime as Record<string, unknown> | undefined;
  if (runtime && typeof runtime.agent === 'string' && typeof runtime.signal === 'string') {
    return { agent: runtime.agent, signal: `note:${runtime.signal}` };
  }
  for (const child of Object.values(record)) {
    const hit = search(child, depth + 1);
    if (hit) return hit;
  }
  return null;
}
