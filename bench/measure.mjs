// Timing and memory helpers for the benchmark: wall time of whole processes,
// medians with their spread, and peak resident memory from GNU time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

/**
 * A command to measure. `shell` runs `command` through /bin/sh (for pipes);
 * `input` is written to stdin; `okCodes` are the exit codes that count as a
 * completed run (a scanner exits 1 when it finds something).
 */
function spawnCommand(task, wrap) {
  const argv = task.shell ? ['/bin/sh', '-c', task.command] : [task.command, ...(task.args ?? [])];
  const [file, ...args] = wrap ? [...wrap, ...argv] : argv;
  return spawnSync(file, args, {
    cwd: task.cwd,
    env: task.env ?? process.env,
    input: task.input,
    stdio: [task.input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
}

function checkResult(task, result) {
  if (result.error) throw new Error(`${task.label}: failed to start: ${result.error.message}`);
  const ok = task.okCodes ?? [0];
  if (!ok.includes(result.status)) {
    const stderr = result.stderr.toString('utf8').trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${task.label}: exit ${result.status ?? result.signal}: ${stderr}`);
  }
}

/** Runs the task once and returns its wall time in milliseconds. */
export function timeOnce(task) {
  const start = process.hrtime.bigint();
  const result = spawnCommand(task);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  checkResult(task, result);
  return ms;
}

/** Runs the task once under GNU time and returns wall time (ms) and peak resident memory (MB). */
export function timeWithMemory(task) {
  if (!hasGnuTime) return { ms: timeOnce(task), peakMB: null };
  const out = join(tmpdir(), `dg-bench-time-${process.pid}.txt`);
  const start = process.hrtime.bigint();
  const result = spawnCommand(task, [GNU_TIME, '-f', '%M', '-o', out]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  checkResult(task, result);
  const kilobytes = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
  rmSync(out, { force: true });
  return { ms, peakMB: kilobytes / 1024 };
}

/** Median, quartiles and range of a list of numbers. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => {
    const index = (sorted.length - 1) * q;
    const low = Math.floor(index);
    const high = Math.ceil(index);
    return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
  };
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}

/**
 * Measures several tasks in rounds, each round running every task once in
 * turn, so that load from other processes on the machine falls on all of
 * them alike. Warm-up rounds are run first and discarded.
 */
export function sampleInterleaved(tasks, { runs, warmup = 2, memory = false }) {
  const times = tasks.map(() => []);
  const peaks = tasks.map(() => []);
  for (let round = 0; round < warmup + runs; round += 1) {
    tasks.forEach((task, index) => {
      if (memory) {
        const { ms, peakMB } = timeWithMemory(task);
        if (round >= warmup) {
          times[index].push(ms);
          if (peakMB !== null) peaks[index].push(peakMB);
        }
      } else {
        const ms = timeOnce(task);
        if (round >= warmup) times[index].push(ms);
      }
    });
  }
  return tasks.map((task, index) => ({
    label: task.label,
    time: summarize(times[index]),
    peakMB: peaks[index].length > 0 ? Math.max(...peaks[index]) : null,
  }));
}
