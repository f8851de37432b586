import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Tests import the TypeScript sources, which import the modules that
// scripts/generate.mjs writes, and CLI tests run dist/cli.js. Build both if missing.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/generate.mjs'], { stdio: 'inherit' });
  if (!existsSync('dist/cli.js')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
