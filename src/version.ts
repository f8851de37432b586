import { readFileSync } from 'node:fs';

declare const __DG_VERSION__: string | undefined;

function readVersion(): string {
  // The bundle has the version inlined at build time; running from source reads package.json.
  if (typeof __DG_VERSION__ === 'string') return __DG_VERSION__;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0-unknown';
  }
}

export const VERSION = readVersion();
