// V8 (node 20) optimizes a function with TurboFan once it has run through an
// interrupt budget of 67,584 bytecode-size units (its `--interrupt-budget`).
// Over a long range, that default sends hundreds of detector functions to the
// optimizing compiler, several of them again after each deoptimization. On the
// bench history (500 commits, DIFF_GUARDIAN_THREADS=1, 2 CPUs, medians of 3),
// the compile threads took 1.5 s of CPU while the detector thread took 2.1 s.
// With 600,000 units the compile threads took 0.47 s and the detector thread no
// longer. At 1,200,000 units the detector thread took 6% longer. Each worker
// thread is an isolate that compiles its own code, so each saves as much.
const LONG_RANGE_INTERRUPT_BUDGET = 600_000;

let raised = false;

/**
 * Raises V8's optimization threshold for the rest of the process, so that it
 * compiles only its hottest functions. Call it before a long range check
 * starts its worker threads, which share the process's V8 flags.
 */
export async function raiseInterruptBudget(): Promise<void> {
  if (raised) return;
  raised = true;
  // Loaded here, so that a staged check never loads node:v8.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString(`--interrupt-budget=${LONG_RANGE_INTERRUPT_BUDGET}`);
}
