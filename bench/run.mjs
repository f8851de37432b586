#!/usr/bin/env node
// `npm run bench`: measures diff-guardian against secretlint, git-secrets and
// a bare `node -e 0` on the same workload in one run, and prints Markdown
// tables for BENCHMARKS.md. Run it by hand on an otherwise idle machine; no
// test runs it and no test asserts a time.
//
//   npm run bench                      every section
//   npm run bench -- --only latency    latency, history, server, memory or detectors (comma-separated)
//   npm run bench -- --runs 21         rounds for the start-up measurements (default 15)
//   npm run bench -- --long-runs 5     rounds for history and server runs (default 3; 1 skips the warm-up)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hasGnuTime, sampleInterleaved, timeWithMemory } from './measure.mjs';
import { git, prepareWorkload } from './workload.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CACHE = join(ROOT, '.bench-cache');
const CLI = join(ROOT, 'dist', 'cli.js');
const SECRETLINT = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const NODE = process.execPath;
const MB = 1e6;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '15' },
    'long-runs': { type: 'string', default: '3' },
    'no-build': { type: 'boolean' },
  },
});
const sections = new Set((values.only ?? 'latency,history,server,memory,detectors').split(','));
const runs = Number(values.runs);
const longRuns = Number(values['long-runs']);
// One long run is a quick look, so it gets no warm-up run either.
const longWarmup = longRuns > 1 ? 1 : 0;
const log = (message) => process.stderr.write(`bench: ${message}\n`);

function hasCommand(name) {
  return spawnSync('/bin/sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Installs the Debian package git-secrets when it is missing and apt-get can be used. */
function ensureGitSecrets() {
  if (hasCommand('git-secrets')) return null;
  if (!hasCommand('apt-get')) return 'git-secrets is not installed and apt-get is not available';
  if (process.getuid?.() !== 0) return 'git-secrets is not installed; run `apt-get install git-secrets` as root';
  log('installing git-secrets with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', 'git-secrets'], { stdio: 'ignore', env }).status === 0;
  if (install()) return null;
  spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
  return install() ? null : 'apt-get install git-secrets failed';
}

/** Registers git-secrets' AWS patterns in a repository once. */
function registerAws(repo) {
  const patterns = spawnSync('git', ['config', '--get-all', 'secrets.patterns'], { cwd: repo, encoding: 'utf8' });
  if (patterns.stdout.trim() === '') execFileSync('git', ['secrets', '--register-aws'], { cwd: repo, stdio: 'ignore' });
}

/** Returns true when the built CLI offers a command (or an option of it) in its help text. */
function cliOffers(command, option) {
  const result = spawnSync(NODE, [CLI, command, '--help'], { encoding: 'utf8' });
  return result.status === 0 && (option === undefined || result.stdout.includes(option));
}

const ms = (value) => `${Math.round(value)} ms`;
const seconds = (value) => `${(value / 1000).toFixed(2)} s`;
const ratio = (value) => `${value.toFixed(2)}x`;
const spread = (t, unit = ms) => `${unit(t.median)} (${unit(t.min)}–${unit(t.max)})`;
const peak = (value) => (value === null ? 'n/a' : `${Math.round(value)} MB`);

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

const results = { targets: [] };
const output = [];
const target = (name, measured, met) => results.targets.push({ name, measured, met });

/**
 * Times `git commit` of the 30-line change in a copy of the small repository
 * with the client hooks installed (pre-commit, commit-msg and post-commit run)
 * and in a copy without hooks. Each run undoes its commit with a soft reset,
 * which both commands pay.
 */
function measureCommit(workload) {
  const dir = mkdtempSync(join(tmpdir(), 'dg-bench-commit-'));
  try {
    const copies = { hooked: join(dir, 'hooked'), plain: join(dir, 'plain') };
    for (const copy of Object.values(copies)) {
      cpSync(workload.small, copy, { recursive: true });
      git(copy, ['config', 'user.name', 'Bench']);
      git(copy, ['config', 'user.email', 'bench@example.invalid']);
    }
    execFileSync(NODE, [CLI, 'install'], { cwd: copies.hooked, stdio: 'ignore' });
    const command = 'git commit -q -m "Change the bench file" && git reset -q --soft HEAD~1';
    const tasks = [
      { key: 'plain', label: '`git commit` without hooks', shell: true, command, cwd: copies.plain },
      { key: 'hooked', label: '`git commit` through the installed hooks', shell: true, command, cwd: copies.hooked },
    ];
    log(`commit: ${runs} interleaved rounds of ${tasks.length} commands`);
    const measured = sampleInterleaved(tasks, { runs });
    const [plain, hooked] = measured.map((m) => m.time);
    output.push('\n### A commit through the installed hooks\n');
    output.push('The 30-line change committed in a copy of the 1 MB repository, and the commit undone again with `git reset --soft`, with and without the client hooks (pre-commit, commit-msg and post-commit, which writes the verdict note).\n');
    output.push(table(['Command', 'Median (min–max)'], [[tasks[0].label, spread(plain)], [tasks[1].label, spread(hooked)]]));
    output.push(`\nThe hooks add ${ms(hooked.median - plain.median)} to each commit.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measureLatency(workload, gitSecretsNote) {
  const rc = join(CACHE, 'secretlintrc.json');
  const changed = workload.changedFile;
  const tasks = [
    { key: 'floor', label: '`node -e 0` (start-up floor)', command: NODE, args: ['-e', '0'] },
    { key: 'small', label: 'diff-guardian `check --staged`, 1 MB repo', command: NODE, args: [CLI, 'check', '--staged'], cwd: workload.small, okCodes: [0, 1] },
    { key: 'big', label: 'diff-guardian `check --staged`, 54 MB repo', command: NODE, args: [CLI, 'check', '--staged'], cwd: workload.big, okCodes: [0, 1] },
    { key: 'secretlint', label: 'secretlint on the changed file', command: NODE, args: [SECRETLINT, '--secretlintrc', rc, '--no-glob', changed], cwd: workload.small, okCodes: [0, 1] },
  ];
  if (gitSecretsNote === null) {
    registerAws(workload.small);
    tasks.push({ key: 'gitSecrets', label: 'git-secrets `--pre_commit_hook`', command: 'git', args: ['secrets', '--pre_commit_hook'], cwd: workload.small, okCodes: [0, 1] });
  }
  const gateAvailable = cliOffers('gate');
  if (gateAvailable) {
    const file = join(workload.small, changed);
    const payload = {
      session_id: 'bench',
      hook_event_name: 'PreToolUse',
      cwd: workload.small,
      tool_name: 'Edit',
      tool_input: {
        file_path: file,
        old_string: '\t\t\tdataType: "json",',
        new_string: '\t\t\tdataType: "json",\n\t\t\tcache: false,',
      },
    };
    tasks.push({ key: 'gate', label: 'diff-guardian `gate` (Edit of the changed file)', command: NODE, args: [CLI, 'gate'], cwd: workload.small, input: JSON.stringify(payload), okCodes: [0, 1, 2] });
  }
  log(`latency: ${runs} interleaved rounds of ${tasks.length} commands`);
  const measured = sampleInterleaved(tasks, { runs });
  const by = Object.fromEntries(tasks.map((t, i) => [t.key, measured[i]]));
  const floor = by.floor.time.median;
  const rows = tasks.map((task) => {
    const t = by[task.key].time;
    return [task.label, spread(t), ratio(t.median / floor)];
  });
  if (!gateAvailable) rows.push(['diff-guardian `gate`', 'not available in this build', '']);
  if (gitSecretsNote !== null) rows.push(['git-secrets', `skipped: ${gitSecretsNote}`, '']);
  output.push('### Hook latency (whole process, wall time)\n');
  output.push(`Median of ${runs} interleaved runs after 2 warm-up rounds, with the range in brackets.\n`);
  output.push(table(['Command', 'Median (min–max)', 'vs `node -e 0`'], rows));
  const small = by.small.time.median;
  const peerRows = [
    ['secretlint on the changed file ÷ `check --staged`', ratio(by.secretlint.time.median / small)],
    ['`check --staged`: 54 MB repo ÷ 1 MB repo', ratio(by.big.time.median / small)],
  ];
  if (by.gitSecrets) peerRows.push(['git-secrets pre-commit ÷ `check --staged`', ratio(by.gitSecrets.time.median / small)]);
  output.push('\n' + table(['Ratio', 'Value'], peerRows));
  measureCommit(workload);
  target('`check --staged` within 1.5x of `node -e 0`', ratio(small / floor), small <= 1.5 * floor);
  target('`check --staged` 3x faster than secretlint on the changed file', ratio(by.secretlint.time.median / small), by.secretlint.time.median >= 3 * small);
  target('Same 30-line change costs the same in a 54 MB and a 1 MB repo (within 10%)', ratio(by.big.time.median / small), by.big.time.median <= 1.1 * small);
  if (by.gate) target('`gate` within 1.5x of `node -e 0`', ratio(by.gate.time.median / floor), by.gate.time.median <= 1.5 * floor);
  else target('`gate` within 1.5x of `node -e 0`', 'not available', false);
  results.latency = by;
}

function measureHistory(workload, gitSecretsNote) {
  const rc = join(CACHE, 'secretlintrc.json');
  const range = `${workload.historyBase}..main`;
  const tasks = [
    { key: 'dg', label: `diff-guardian \`check --format json\` over ${workload.historyCommits} commits`, bytes: workload.historyDiffBytes, command: NODE, args: [CLI, 'check', '--format', 'json', range], cwd: workload.history, okCodes: [0, 1] },
    { key: 'stream', label: 'secretlint, `git log -p` on stdin', bytes: workload.historyDiffBytes, shell: true, command: `git log -p main | "${NODE}" "${SECRETLINT}" --secretlintrc "${rc}" --stdinFileName history.diff`, cwd: workload.history, okCodes: [0, 1] },
    { key: 'tree', label: 'secretlint on the checked-out tree (`**/*`)', bytes: workload.treeBytes, command: NODE, args: [SECRETLINT, '--secretlintrc', rc, '**/*'], cwd: workload.history, okCodes: [0, 1] },
  ];
  if (gitSecretsNote === null) {
    registerAws(workload.history);
    tasks.push({ key: 'gitSecrets', label: 'git-secrets `--scan-history`', bytes: workload.historyDiffBytes, command: 'git', args: ['secrets', '--scan-history'], cwd: workload.history, okCodes: [0, 1] });
  }
  log(`history: ${longRuns} rounds of ${tasks.length} scans (about a minute per round)`);
  const measured = sampleInterleaved(tasks, { runs: longRuns, warmup: longWarmup, memory: true });
  const by = Object.fromEntries(tasks.map((t, i) => [t.key, { ...measured[i], bytes: t.bytes }]));
  const rate = (entry) => entry.bytes / MB / (entry.time.median / 1000);
  const rows = tasks.map((task) => {
    const entry = by[task.key];
    return [task.label, spread(entry.time, seconds), `${rate(entry).toFixed(1)} MB/s`, peak(entry.peakMB), ratio(entry.time.median / by.dg.time.median)];
  });
  output.push('\n### History throughput\n');
  output.push(
    `${workload.historyCommits} commits of ${(workload.historyDiffBytes / MB).toFixed(1)} MB of \`git log -p\` text ` +
      `(${(workload.historyAddedBytes / MB).toFixed(1)} MB of added lines); the tree at \`main\` is ` +
      `${(workload.treeBytes / MB).toFixed(1)} MB in ${workload.files} files. MB/s divides the diff text ` +
      `(the tree for the tree scan) by the median time. Median of ${longRuns} runs after ${longWarmup} warm-up run(s).\n`,
  );
  output.push(table(['Scan', 'Median (min–max)', 'Throughput', 'Peak memory', 'Time vs diff-guardian'], rows));
  const dgRate = rate(by.dg);
  target('History scan at least 25 MB/s of diff text', `${dgRate.toFixed(1)} MB/s`, dgRate >= 25);
  target('History scan faster than secretlint on the same `git log -p` stream', ratio(by.stream.time.median / by.dg.time.median), by.dg.time.median < by.stream.time.median);
  results.history = by;
}

function measureServer(workload) {
  const serverAvailable = cliOffers('install', '--server');
  const pushTip = `push~${workload.pushCommits - 1000}`;
  output.push('\n### Server\n');
  if (serverAvailable) {
    const times = [];
    let lastError = null;
    for (let round = 0; round < longRuns; round += 1) {
      const bare = join(CACHE, 'server.git');
      execFileSync('rm', ['-rf', bare]);
      git(CACHE, ['clone', '-q', '--bare', '--single-branch', '--branch', 'main', workload.history, bare]);
      const install = spawnSync(NODE, [CLI, 'install', '--server', '--repo', bare], { encoding: 'utf8' });
      if (install.status !== 0) {
        lastError = `install --server failed: ${install.stderr.trim().split('\n')[0]}`;
        break;
      }
      const shim = join(CACHE, 'bin');
      mkdirSync(shim, { recursive: true });
      writeFileSync(join(shim, 'diff-guardian'), `#!/bin/sh\nexec "${NODE}" "${CLI}" "$@"\n`, { mode: 0o755 });
      const env = { ...process.env, PATH: `${shim}:${process.env.PATH}` };
      try {
        const { ms: elapsed, peakMB } = timeWithMemory({ label: 'push', command: 'git', args: ['push', '-q', bare, `${pushTip}:refs/heads/main`], cwd: workload.history, env, okCodes: [0, 1] });
        times.push({ elapsed, peakMB });
      } catch (error) {
        lastError = error.message;
        break;
      }
    }
    if (times.length === longRuns) {
      const median = [...times].sort((a, b) => a.elapsed - b.elapsed)[Math.floor(times.length / 2)].elapsed;
      output.push(table(['Measure', 'Median', 'Peak memory'], [[`\`git push\` of 1,000 commits through \`pre-receive\``, seconds(median), peak(Math.max(...times.map((t) => t.peakMB ?? 0)))]]));
      target('1,000-commit push through `pre-receive` within 5 s', seconds(median), median <= 5000);
      results.server = { pushMs: median };
      return;
    }
    output.push(`pre-receive could not be measured (${lastError}); the check over the same range follows.\n`);
  }
  const tasks = [
    { label: `diff-guardian \`check --format json\` over 1,000 pushed commits (\`pre-receive\` not available)`, command: NODE, args: [CLI, 'check', '--format', 'json', `main..${pushTip}`], cwd: workload.history, okCodes: [0, 1] },
  ];
  log(`server: ${longRuns} runs over 1,000 commits`);
  const [entry] = sampleInterleaved(tasks, { runs: longRuns, warmup: longWarmup, memory: true });
  output.push(table(['Measure', 'Median (min–max)', 'Peak memory'], [[tasks[0].label, spread(entry.time, seconds), peak(entry.peakMB)]]));
  target('1,000 commits judged within 5 s (`check` stands in for `pre-receive`)', seconds(entry.time.median), entry.time.median <= 5000);
  results.server = entry;
}

function measureMemory(workload) {
  const rows = [];
  const peaks = [];
  const tipOf = (count) => (count === workload.pushCommits ? 'push' : `push~${workload.pushCommits - count}`);
  // The default mode, then two worker threads for comparison (the default from three CPUs).
  const runs = [
    ...[1000, 2500, workload.pushCommits].map((count) => ({ count, threads: null })),
    ...[1000, workload.pushCommits].map((count) => ({ count, threads: '2' })),
  ];
  for (const { count, threads } of runs) {
    const mode = threads === null ? 'default' : `${threads} workers`;
    log(`memory: check over ${count} commits (${mode})`);
    const env = threads === null ? process.env : { ...process.env, DIFF_GUARDIAN_THREADS: threads };
    const { ms: elapsed, peakMB } = timeWithMemory({ label: `check ${count}`, command: NODE, args: [CLI, 'check', '--format', 'json', `main..${tipOf(count)}`], cwd: workload.history, env, okCodes: [0, 1] });
    rows.push([`${count.toLocaleString('en-US')} commits`, threads === null ? `default (${checkThreadsHere(count)})` : `\`DIFF_GUARDIAN_THREADS=${threads}\``, seconds(elapsed), peak(peakMB)]);
    if (threads === null && count !== 2500) peaks.push(peakMB);
  }
  output.push('\n### Memory as the push grows (`check --format json`, one run each)\n');
  output.push(table(['Range', 'Threads', 'Time', 'Peak memory'], rows));
  const history = results.history?.dg.peakMB ?? 0;
  const highest = Math.max(...peaks, history);
  target('Peak memory under 300 MB in every diff-guardian run', peak(highest), highest < 300);
  target('Memory flat: 5,000 commits within 20% of 1,000 commits', ratio(peaks[1] / peaks[0]), peaks[1] <= 1.2 * peaks[0]);
  results.memory = { peaks };
}

/** Describes the default thread choice on this machine for a range of `count` commits. */
function checkThreadsHere(count) {
  return count > 50 && availableParallelism() >= 3 ? `${Math.min(availableParallelism(), 4)} workers` : 'one thread';
}

/** Bundles bench/detector-costs.ts from the sources and runs it over the history. */
async function measureDetectors(workload) {
  const { build } = await import('esbuild');
  const outfile = join(CACHE, 'detector-costs.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench', 'detector-costs.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    define: { __DG_VERSION__: JSON.stringify('bench') },
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  log('detectors: timing each detector over the history');
  const out = execFileSync(NODE, [outfile, workload.history, `${workload.historyBase}..main`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const costs = JSON.parse(out);
  output.push('\n### Cost per detector over the history (one run)\n');
  output.push(
    `Time inside each detector's run() while checking the ${costs.commits} history commits, in one process; ` +
      `"Runs" counts the commits its keyword prefilter let through. The whole check took ${seconds(costs.totalMs)}, ` +
      `and reading and parsing the diffs with no detector took ${seconds(costs.readOnlyMs)}.\n`,
  );
  const rows = costs.costs.map((c) => [`\`${c.id}\``, ms(c.ms), `${((100 * c.ms) / costs.totalMs).toFixed(0)}%`, String(c.runs)]);
  output.push(table(['Detector', 'Time', 'Share of the check', 'Runs'], rows));
  results.detectors = costs;
}

function machine() {
  const version = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    git: version('git', ['--version']),
    secretlint: version(NODE, [SECRETLINT, '--version']),
    gitSecrets: hasCommand('git-secrets') ? 'installed (Debian package)' : 'not installed',
  };
}

async function main() {
  if (!values['no-build']) {
    log('building dist/');
    execFileSync(NODE, ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }) + '\n');
  const workload = await prepareWorkload(CACHE, log);
  const gitSecretsNote = ensureGitSecrets();
  if (!hasGnuTime) log('/usr/bin/time is missing: peak memory is not measured');

  const info = machine();
  output.push(`## Run of ${info.date}\n`);
  output.push(`Machine: ${info.cpus}, ${info.memory} RAM; node ${info.node}; ${info.git}; secretlint ${info.secretlint}; git-secrets ${info.gitSecrets}.`);
  output.push(`Workload: ${workload.packages} npm packages, ${workload.files} files, ${workload.historyCommits} history commits, ${workload.pushCommits.toLocaleString('en-US')} push commits.\n`);
  if (sections.has('latency')) measureLatency(workload, gitSecretsNote);
  if (sections.has('history')) measureHistory(workload, gitSecretsNote);
  if (sections.has('server')) measureServer(workload);
  if (sections.has('memory')) measureMemory(workload);
  if (sections.has('detectors')) await measureDetectors(workload);
  output.push('\n### Targets\n');
  output.push(table(['Target', 'Measured', 'Met'], results.targets.map((t) => [t.name, t.measured, t.met ? 'yes' : 'no'])));
  writeFileSync(join(CACHE, 'results.json'), JSON.stringify({ machine: info, workload, ...results }, null, 2) + '\n');
  process.stdout.write(output.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
