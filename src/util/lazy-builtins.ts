// Node built-in modules that the CLI loads on first use rather than at start-up.
// node:child_process also loads net, dgram and stream (about 2 ms), node:tty
// loads net (about 1.7 ms), and node:crypto takes a few milliseconds. A staged
// check of a clean change needs none of them.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** Returns a function that loads the built-in module `name` on its first call and returns it. */
function loadedOnFirstCall<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= load(name) as T;
    return loaded;
  };
}

/** Returns node:child_process, loaded on the first call. */
export const childProcess = loadedOnFirstCall<typeof import('node:child_process')>('node:child_process');

/** Returns node:crypto, loaded on the first call. */
export const crypto = loadedOnFirstCall<typeof import('node:crypto')>('node:crypto');

/** Returns node:os, loaded on the first call. */
export const os = loadedOnFirstCall<typeof import('node:os')>('node:os');

/** Returns node:tty, loaded on the first call. */
export const tty = loadedOnFirstCall<typeof import('node:tty')>('node:tty');
