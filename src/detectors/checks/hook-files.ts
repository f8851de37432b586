import type { FileChange } from '../../model/types.js';
import { isCiFile, isMakefile, isPackageJson } from './ci-files.js';
import { languageOfFile } from './source-text.js';

/** Folders that hold git hook scripts: husky's and the common `core.hooksPath` targets. */
export const HOOK_DIR = /^(?:\.husky\/(?!_\/)|\.githooks\/|\.git-hooks\/|githooks\/|\.config\/husky\/)[^/]+$/;

/** Tests whether a path is a hook script in one of the usual hook folders. */
export function isHookScript(path: string): boolean {
  return HOOK_DIR.test(path);
}

/**
 * Tests whether a file is run as commands: shell scripts, hook scripts, CI
 * definitions, package.json scripts, Makefiles and direnv files. Docs and
 * application source are not, so text that mentions a flag there is not run.
 */
export async function isCommandFile(file: FileChange): Promise<boolean> {
  const path = file.path;
  if (isHookScript(path) || isCiFile(path) || isPackageJson(path) || isMakefile(path)) return true;
  if (/(?:^|\/)(?:\.envrc|Dockerfile|[^/]+\.Dockerfile|\.gitconfig|\.lefthook(?:-local)?\.ya?ml|lefthook(?:-local)?\.ya?ml)$/.test(path)) return true;
  return (await languageOfFile(file)) === 'shell';
}
