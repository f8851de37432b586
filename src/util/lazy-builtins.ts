// Node built-in modules that the CLI loads on first use rather than at
// start-up, where a run that does not need them would pay for them:
// node:child_process (with net, dgram and stream, about 2 ms), node:tty (which
// loads net, about 1.7 ms) and node:os. The staged check of a clean change uses none.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let childProcessModule: typeof import('node:child_process') | undefined;
let osModule: typeof import('node:os') | undefined;
let ttyModule: typeof import('node:tty') | undefined;

export function childProcess(): typeof import('node:child_process') {
  childProcessModule ??= load('node:child_process') as typeof import('node:child_process');
  return childProcessModule;
}

export function os(): typeof import('node:os') {
  osModule ??= load('node:os') as typeof import('node:os');
  return osModule;
}

export function tty(): typeof import('node:tty') {
  ttyModule ??= load('node:tty') as typeof import('node:tty');
  return ttyModule;
}
