// Node built-in modules that the CLI loads on first use rather than at start-up.
// node:child_process also loads net, dgram and stream (about 2 ms), node:tty
// loads net (about 1.7 ms), and node:crypto takes a few milliseconds. A staged
// check of a clean change needs none of them.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let childProcessModule: typeof import('node:child_process') | undefined;
let cryptoModule: typeof import('node:crypto') | undefined;
let osModule: typeof import('node:os') | undefined;
let ttyModule: typeof import('node:tty') | undefined;

/** Returns node:child_process, loaded on the first call. */
export function childProcess(): typeof import('node:child_process') {
  childProcessModule ??= load('node:child_process') as typeof import('node:child_process');
  return childProcessModule;
}

/** Returns node:crypto, loaded on the first call. */
export function crypto(): typeof import('node:crypto') {
  cryptoModule ??= load('node:crypto') as typeof import('node:crypto');
  return cryptoModule;
}

/** Returns node:os, loaded on the first call. */
export function os(): typeof import('node:os') {
  osModule ??= load('node:os') as typeof import('node:os');
  return osModule;
}

/** Returns node:tty, loaded on the first call. */
export function tty(): typeof import('node:tty') {
  ttyModule ??= load('node:tty') as typeof import('node:tty');
  return ttyModule;
}
