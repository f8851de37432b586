// Measures what each detector costs over a range, in one process: every
// detector's run() is wrapped with a timer and the range is checked once.
// bench/run.mjs bundles this file with esbuild and runs it as
// `node detector-costs.mjs <repo> <range>`; it prints JSON on stdout.
import { defaultDetectors } from '../src/detectors/index.js';
import { loadDetectors } from '../src/detectors/lazy.js';
import type { Detector } from '../src/detectors/define.js';
import { checkCommits } from '../src/engine/check.js';
import { resolveCommits } from '../src/git/commits.js';

interface Cost {
  id: string;
  /** Milliseconds spent in run(), including the awaits inside it. */
  ms: number;
  /** Commits the detector ran on: the keyword prefilter let them through. */
  runs: number;
}

async function main(): Promise<void> {
  const [cwd, range] = process.argv.slice(2);
  if (!cwd || !range) throw new Error('usage: detector-costs <repo> <range>');
  const costs: Cost[] = [];
  // The modules load first, so their loading is not timed and the copies below keep their meta.
  const timed = (await loadDetectors(defaultDetectors())).map((detector): Detector => {
    const cost: Cost = { id: detector.meta.id, ms: 0, runs: 0 };
    costs.push(cost);
    return {
      ...detector,
      async run(context) {
        const start = performance.now();
        try {
          await detector.run(context);
        } finally {
          cost.ms += performance.now() - start;
          cost.runs += 1;
        }
      },
    };
  });

  const shas = resolveCommits(cwd, [range]);
  const start = performance.now();
  await checkCommits(shas, { cwd, detectors: timed });
  const totalMs = performance.now() - start;

  const withoutStart = performance.now();
  await checkCommits(shas, { cwd, detectors: [] });
  const readOnlyMs = performance.now() - withoutStart;

  costs.sort((a, b) => b.ms - a.ms);
  process.stdout.write(JSON.stringify({ commits: shas.length, totalMs, readOnlyMs, costs }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`detector-costs: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
