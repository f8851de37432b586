// Bundles src/cli/main.ts into dist/ with esbuild. Commands and heavy detectors
// stay in separate chunks that main.ts imports on demand, so a hook that needs
// only `check --staged` does not parse code for notes, install or gate.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

execFileSync(process.execPath, ['scripts/generate.mjs'], { stdio: 'inherit' });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: {
    cli: 'src/cli/main.ts',
    // Worker thread of long range checks, found by checkWorkerFile() in src/engine/workers.ts.
    'check-worker': 'src/engine/check-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);",
  },
  define: { __DG_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});

// npm links bin entries itself, but a clone that runs dist/cli.js directly needs the mode.
chmodSync('dist/cli.js', 0o755);
writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }) + '\n');
