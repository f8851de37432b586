import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// The global setup creates one folder per test run and passes it in
// DG_TEST_ARTIFACTS. Tests record every generated secret and every output a
// user or auditor could see (CLI and hook output, reports, notes, logs) there,
// and the global teardown checks that no output contains any secret.

export function artifactsRoot(): string | null {
  return process.env.DG_TEST_ARTIFACTS ?? null;
}

function appendTo(kind: 'secrets' | 'outputs', text: string): void {
  const root = artifactsRoot();
  if (!root) return;
  const dir = join(root, kind);
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.txt`), kind === 'secrets' ? `${text}\n` : `${text}\n\u0000\n`);
}

/** Records a generated secret value for the end-of-run leak check. */
export function recordSecret(value: string): void {
  appendTo('secrets', value);
}

/** Records text the tool printed or wrote, for the end-of-run leak check. */
export function recordOutput(text: string | Buffer | null | undefined): void {
  if (text === null || text === undefined || text.length === 0) return;
  appendTo('outputs', typeof text === 'string' ? text : text.toString('utf8'));
}
