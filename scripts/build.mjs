// Bundles the CLI into dist/ with esbuild. The output is CommonJS so that the
// launcher (dist/cli.js) can compile it with a V8 code cache. It writes:
//   dist/cli.js       the launcher from src/cli/launcher.ts
//   dist/main.js      every command; each command's code runs only when that command does
//   dist/main.*.v8cache code caches, written by training runs (scripts/train-code-cache.mjs)
//   dist/check-worker.js the worker thread that checks batches of a long range
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

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

await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // Modules that read files beside themselves (rules/data/) locate them from the bundle's own path.
  define: { __DG_VERSION__: JSON.stringify(version), 'import.meta.url': '__dgModuleUrl' },
  banner: { js: "var __dgModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({ ...common, entryPoints: { cli: 'src/cli/launcher.ts' } });
// checkWorkerFile() in src/engine/workers.ts finds the worker beside dist/main.js.
await build({
  ...common,
  entryPoints: { 'check-worker': 'src/engine/check-worker.ts' },
  sourcemap: 'linked',
  define: { __DG_VERSION__: JSON.stringify(version), 'import.meta.url': '__dgModuleUrl' },
  banner: { js: "var __dgModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// npm links bin entries itself, but a clone that runs dist/cli.js directly needs the mode.
chmodSync('dist/cli.js', 0o755);
writeFileSync('dist/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
execFileSync(process.execPath, ['scripts/train-code-cache.mjs'], { stdio: 'inherit' });
