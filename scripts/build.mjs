// Bundles the CLI into dist/ with esbuild. The output is CommonJS so that the
// launcher (dist/cli.js) can compile it with a V8 code cache. It writes:
//   dist/cli.js       the launcher from src/cli/launcher.ts
//   dist/main.js      every command, as one function expression (see wrapAsFunction);
//                     each command's code runs only when that command does
//   dist/main.*.v8cache code caches, written by training runs (scripts/train-code-cache.mjs)
//   dist/check-worker.js the worker thread that checks batches of a long range
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rewriteLazyInits } from './lazy-inits.mjs';

execFileSync(process.execPath, ['scripts/generate.mjs'], { stdio: 'inherit' });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
rmSync('dist', { recursive: true, force: true });

const common = {
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
};

// Modules that read files beside themselves (rules/data/) locate them from the
// bundle's own path, computed on first use. `_dgImp` replaces import() of node
// built-ins (see importsOfBuiltins below).
const BANNER = [
  "var __dg = { get moduleUrl() { return require('node:url').pathToFileURL(__filename).href; } };",
  'var _dgImp = (name) => Promise.resolve().then(() => require(name));',
].join('\n');

/**
 * Rewrites `import("node:…")` in a bundle as `_dgImp("node:…")`, a require()
 * behind a promise, keeping every column in place for the source map. V8 does
 * not keep the dynamic-import handler of a script compiled from a code cache,
 * so an import() inside dist/main.js fails there. A few bundled packages and
 * the worker start-up load built-ins that way.
 */
function importsOfBuiltins(file) {
  const text = readFileSync(file, 'utf8').replaceAll('import("node:', '_dgImp("node:');
  const left = /\bimport\(\s*["'`]/.exec(text);
  if (left) throw new Error(`${file}: an import() of a module that is not a node built-in remains at offset ${left.index}`);
  writeFileSync(file, text);
}

/**
 * Fails the build when a bundle contains a character outside ASCII. The launcher
 * decodes an ASCII bundle as latin1, which keeps V8's one-byte string; one
 * other character makes it decode all 1 MB as UTF-8 into a two-byte string
 * (1.5 to 1.9 ms against 0.6 ms here) on every run. esbuild escapes such characters in strings
 * but not in regular expression literals: write them as \u escapes there.
 */
function requireAscii(file) {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at < 0) return;
  const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
  const context = bytes.subarray(Math.max(0, at - 40), at + 20).toString('utf8');
  throw new Error(`${file}:${line}: a character outside ASCII near ${JSON.stringify(context)}; write it as a \\u escape in the source`);
}

/**
 * Wraps the bundle in the function that node puts around a CommonJS module.
 * The launcher compiles the file as it is (see src/cli/launcher.ts), because
 * adding the wrapper at run time copied the 1 MB source into a new string on
 * every run. The wrapper stays on the first line, so line numbers match the
 * source map.
 */
function wrapAsFunction(file) {
  const text = readFileSync(file, 'latin1');
  writeFileSync(file, `(function (exports, require, module, __filename, __dirname) {${text}\n})`, 'latin1');
}

await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  define: { __DG_VERSION__: JSON.stringify(version), 'import.meta.url': '__dg.moduleUrl' },
  banner: { js: BANNER },
});
await build({
  ...common,
  entryPoints: { cli: 'src/cli/launcher.ts' },
  define: { 'import.meta.url': '__dg.moduleUrl' },
  banner: { js: BANNER },
});
// checkWorkerFile() in src/engine/workers.ts finds the worker beside dist/main.js.
await build({
  ...common,
  entryPoints: { 'check-worker': 'src/engine/check-worker.ts' },
  sourcemap: 'linked',
  define: { __DG_VERSION__: JSON.stringify(version), 'import.meta.url': '__dg.moduleUrl' },
  banner: { js: BANNER },
});

importsOfBuiltins('dist/main.js');
importsOfBuiltins('dist/check-worker.js');
writeFileSync('dist/main.js', rewriteLazyInits(readFileSync('dist/main.js', 'latin1'), 'dist/main.js').text, 'latin1');
requireAscii('dist/main.js');
requireAscii('dist/check-worker.js');
wrapAsFunction('dist/main.js');

// npm links bin entries itself, but a clone that runs dist/cli.js directly needs the mode.
chmodSync('dist/cli.js', 0o755);
writeFileSync('dist/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
execFileSync(process.execPath, ['scripts/train-code-cache.mjs'], { stdio: 'inherit' });
