#!/usr/bin/env node
// The `diff-guardian` executable. Hooks start it on every commit, so start-up
// time counts: it compiles the bundled CLI (dist/main.js) with a V8 code cache
// that the build wrote beside it and skips most parsing and compiling. Each
// group of commands has its own cache (dist/main.<group>.v8cache) holding
// only the functions that group runs, since a smaller cache loads faster.
// V8 checks that a cache fits this node binary, its flags and the length of
// the source, and compiles from source when it does not. V8 does not compare
// the source text itself, so a cache older than dist/main.js (the bundle was
// edited or replaced after the build) is not used either.
// Code compiled from a cache has no handler for import(), so scripts/build.mjs
// rewrites the bundle's import() of node built-ins as require().
// NOTE: the cache is trusted like the code beside it. A cache corrupted in
// place can crash node in V8's deserializer (exit 133); `npm run build`
// writes fresh ones.
//
// DIFF_GUARDIAN_CODE_CACHE=off ignores the cache; =write (used by the build)
// rewrites it at exit with every function this run compiled.
//
// Before loading the bundle, the launcher starts the first git calls of the
// commands that run on every commit or agent action (see prefetch-plan.ts).
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { startPrefetch } from './prefetch-plan.js';

declare const __dirname: string;

const bundle = join(__dirname, 'main.js');
/** Names the cache of a command line: the checks before each commit, range checks and other hooks, the gate, or the rest. */
function cacheGroup([command, ...rest]: readonly string[]): string {
  if (command === 'check' && rest.includes('--staged')) return 'staged';
  if (command === 'hook' && (rest[0] === 'pre-commit' || rest[0] === 'commit-msg')) return 'staged';
  if (command === 'check' || command === 'hook') return 'check';
  return command === 'gate' ? 'gate' : 'other';
}

const cacheFile = join(__dirname, `main.${cacheGroup(process.argv.slice(2))}.v8cache`);
const mode = process.env.DIFF_GUARDIAN_CODE_CACHE;

function readCache(): Buffer | undefined {
  if (mode === 'off') return undefined;
  try {
    if (statSync(cacheFile).mtimeMs < statSync(bundle).mtimeMs) return undefined;
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Writes the cache through a temporary file, so a reader never sees half of one. */
function writeCache(data: Buffer): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, cacheFile);
}

// git works on the second core while this one loads the bundle. Without a
// current directory (it was removed) nothing starts early, and the command reports it.
let startDirectory: string | null;
try {
  startDirectory = process.cwd();
} catch {
  startDirectory = null;
}
if (startDirectory !== null) startPrefetch(process.argv.slice(2), startDirectory, process.env);

let source: string;
try {
  const bytes = readFileSync(bundle);
  // esbuild writes ASCII; decoding ASCII as latin1 gives the same text and skips the UTF-8 decoder.
  source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  process.stderr.write(`diff-guardian: cannot read ${bundle} (${code}); run \`npm run build\` in the diff-guardian package\n`);
  process.exit(2);
}

// The build wrapped the bundle in the function node puts around a CommonJS
// module, so the source is compiled as read and never copied.
const script = new Script(source, {
  filename: bundle,
  cachedData: readCache(),
});
if (mode === 'write') {
  process.once('exit', () => {
    try {
      writeCache(script.createCachedData());
    } catch (error) {
      // The run itself succeeded, so its exit status is kept.
      process.stderr.write(`diff-guardian: cannot write the code cache ${cacheFile}: ${(error as Error).message}\n`);
    }
  });
}
const mainModule = { exports: {} };
const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
wrapper.call(mainModule.exports, mainModule.exports, createRequire(bundle), mainModule, bundle, __dirname);
