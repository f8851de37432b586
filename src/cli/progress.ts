import type { CliIO } from './io.js';

/** Shows `checked N/M commits` on stderr when it is a terminal and the run is long. */
export function progressReporter(io: CliIO, total: number) {
  const enabled = Boolean(io.stderr.isTTY) && total >= 50;
  let last = 0;
  return {
    update(done: number, all: number): void {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done !== all) return;
      last = now;
      io.stderr.write(`\rchecked ${done}/${all} commits`);
    },
    done(): void {
      if (enabled) io.stderr.write('\r\x1b[K');
    },
  };
}
