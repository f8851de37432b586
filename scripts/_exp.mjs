import { build } from 'esbuild';
await build({ entryPoints: { 'cli-bundle': 'src/cli/main.ts' }, outdir: 'dist', bundle: true, format: 'cjs', platform: 'node', target: 'node20', outExtension: { '.js': '.cjs' },
  define: { __DG_VERSION__: '"0.1.0"', 'import.meta.url': '__dg_meta_url' }, banner: { js: "var __dg_meta_url = require('node:url').pathToFileURL(__filename).href;" }, logLevel: 'error' });
