// The server's record of ref updates that take commits away: force pushes and
// deletions. Verdict notes cover the commits a push brings, so an update that
// only drops commits would otherwise leave no trace. post-receive appends one
// JSON line per such update to <git dir>/diff-guardian/refs.log.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maskTokens } from '../engine/redact.js';
import { gitSync } from '../git/exec.js';
import type { RefPlan } from './push-plan.js';

/** Log size at which the log is moved to refs.log.1 and a new one started. */
const MAX_LOG_BYTES = 16 * 1024 * 1024;

export interface RefLogEntry {
  time: string;
  ref: string;
  kind: 'delete' | 'non-fast-forward';
  oldSha: string;
  newSha: string;
  /** Commits reachable from the old value that no ref reaches after the push. */
  dropped: number;
  pusher: string | null;
}

/** Returns the entries for the updates of a push that delete a ref or rewrite its history; call it after the refs moved. */
export function refLogEntries(cwd: string, plans: readonly RefPlan[], pusher: string | null, now = new Date()): RefLogEntry[] {
  const entries: RefLogEntry[] = [];
  for (const plan of plans) {
    if (plan.kind !== 'delete' && !plan.nonFastForward) continue;
    // post-receive runs after the refs moved, so --all no longer reaches what the push dropped.
    const count = gitSync(['rev-list', '--count', plan.oldSha, '--not', '--all', '--'], { cwd, okCodes: [128] }).trim();
    entries.push({
      time: now.toISOString(),
      // A ref name can carry a credential, as the notes' push records assume.
      ref: maskTokens(plan.ref, 400),
      kind: plan.kind === 'delete' ? 'delete' : 'non-fast-forward',
      oldSha: plan.oldSha,
      newSha: plan.newSha,
      dropped: Number(count) || 0,
      pusher,
    });
  }
  return entries;
}

/** Appends entries to the log in `dir`, starting a new file when it has grown past MAX_LOG_BYTES. */
export function appendRefLog(dir: string, entries: readonly RefLogEntry[]): void {
  if (entries.length === 0) return;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'refs.log');
  try {
    if (statSync(path).size > MAX_LOG_BYTES) renameSync(path, `${path}.1`);
  } catch {
    // No log yet.
  }
  appendFileSync(path, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 });
}
