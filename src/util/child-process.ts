import { createRequire } from 'node:module';

type ChildProcessModule = typeof import('node:child_process');

let loaded: ChildProcessModule | undefined;

/**
 * Returns node:child_process, loaded on the first call rather than at
 * start-up. Loading it also loads node's net, dgram and stream modules, about
 * 2 ms of every run; a staged check whose git calls the launcher started (see
 * src/git/prefetch.ts) starts no other process and never needs it.
 */
export function childProcess(): ChildProcessModule {
  loaded ??= createRequire(import.meta.url)('node:child_process') as ChildProcessModule;
  return loaded;
}
