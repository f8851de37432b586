#!/usr/bin/env node
// Measures findings per MB of added text with the default pack on real code:
// this project's own history, and a repository built from the npm packages
// installed in node_modules (third-party code nobody on this project wrote).
// Usage: npm run build && node scripts/measure-findings.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildRealCodeRepo } from './lib/real-code-repo.mjs';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/cli.js');

function addedBytes(cwd, range) {
  const out = execFileSync('git', ['log', '--format=', '--numstat', '-p', '--text', range], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  let bytes = 0;
  for (const line of out.split('\n')) if (line.startsWith('+') && !line.startsWith('+++')) bytes += line.length;
  return bytes;
}

function measure(label, cwd, range) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', range], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.status === 2) throw new Error(`${label}: check failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  const mb = addedBytes(cwd, range) / 1e6;
  const byAction = { block: 0, warn: 0, allow: 0 };
  const byCategory = {};
  for (const f of report.findings) {
    byAction[f.action] += 1;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  console.log(
    `${label}: ${report.commits.length} commits, ${mb.toFixed(2)} MB added, ` +
      `${report.findings.length} findings (${(report.findings.length / mb).toFixed(2)}/MB), ` +
      `blocking ${byAction.block} (${(byAction.block / mb).toFixed(2)}/MB), warnings ${byAction.warn}, ` +
      `by category ${JSON.stringify(byCategory)}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

const firstCommit = execFileSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: root, encoding: 'utf8' }).split('\n')[0];
measure('own history', root, `${firstCommit}..HEAD`);

const packages = readdirSync(join(root, 'node_modules'))
  .filter((name) => !name.startsWith('.'))
  .flatMap((name) =>
    name.startsWith('@')
      ? readdirSync(join(root, 'node_modules', name)).map((sub) => join(root, 'node_modules', name, sub))
      : [join(root, 'node_modules', name)],
  );
const dir = mkdtempSync(join(tmpdir(), 'dg-real-'));
try {
  const { commits, bytes } = buildRealCodeRepo(join(dir, 'repo'), packages);
  console.log(`built ${commits.length} commits from ${packages.length} installed packages (${(bytes / 1e6).toFixed(1)} MB)`);
  measure('installed npm packages', join(dir, 'repo'), `${commits[0]}~1..main`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
