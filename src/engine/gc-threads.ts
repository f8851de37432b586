// V8 (node 20) runs each young-generation collection on the calling thread and
// on helper threads of its platform pool. A range checked in the calling thread
// on two CPUs shares the second one with git, which writes the diffs meanwhile,
// so the helpers wait for a CPU and the collection waits for them. On the bench
// history (500 commits, 2 CPUs, 5 interleaved runs each) the check took 2.37 to
// 2.57 s (median 2.49 s) with one-thread collections, and 2.46 to 2.65 s (median
// 2.58 s) with helpers.
// Set at run time with v8.setFlagsFromString, --no-parallel-scavenge gave the
// times above, so V8 reads it after start-up.
// NOTE: measured on 2 CPUs only; with more, a range is checked on worker threads
// and this setting is not made.

let applied = false;

/** Makes every later young-generation collection of the process run in the thread that needs it. */
export async function scavengeWithoutHelpers(): Promise<void> {
  if (applied) return;
  applied = true;
  // Loaded here, so that a staged check never loads node:v8.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--no-parallel-scavenge');
}
