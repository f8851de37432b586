import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLeaks } from './leak-check.js';

// Tests import the TypeScript sources, which import the modules that
// scripts/generate.mjs writes, and CLI tests run dist/cli.js. Build both if missing.
// The run's artifacts folder contains temporary repositories and recorded outputs
// until the teardown has checked them for leaked secrets.
export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/generate.mjs'], { stdio: 'inherit' });
  if (!existsSync('dist/cli.js')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const root = mkdtempSync(join(tmpdir(), 'dg-run-'));
  mkdirSync(join(root, 'tmp'));
  process.env.DG_TEST_ARTIFACTS = root;
  return () => {
    const { secrets, sources, leaks } = findLeaks(root);
    console.log(`secret leak check: ${secrets} generated secrets against ${sources} outputs, notes, reports and logs`);
    if (leaks.length > 0) {
      console.error(`secret leak check: ${leaks.length} leaks; artifacts kept in ${root}\n${leaks.join('\n')}`);
      process.exitCode = 1;
      throw new Error(`generated secrets appear in ${leaks.length} outputs`);
    }
    rmSync(root, { recursive: true, force: true });
  };
}
