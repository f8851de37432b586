import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { gitSync } from '../git/exec.js';
import { configureNotes, NOTES_REF } from '../notes/index.js';
import { readConfig, repoPaths, writeConfig, type RepoPaths } from './git-paths.js';
import { blockFor, insertBlock, removeBlock } from './block.js';

export const CLIENT_HOOKS = ['pre-commit', 'commit-msg', 'post-commit', 'post-merge', 'post-rewrite', 'pre-push'] as const;
export const SERVER_HOOKS = ['pre-receive', 'post-receive'] as const;

/** Suffix of the file a replaced hook is kept in, beside the shim that runs it. */
export const CHAINED_SUFFIX = '.pre-diff-guardian';
/** Line every shim contains, so uninstall removes only files this tool wrote. */
const SHIM_MARKER = '# diff-guardian ';
const RECORD_FILE = 'install.json';

/** One hook as installed: a shim file, or a block inserted into a team's tracked hook script. */
export type InstalledHook =
  | { name: string; mode: 'shim'; path: string; chained: string | null }
  | { name: string; mode: 'block'; path: string; block: string; createdFile: boolean };

/** Record of the changes install made, stored in the git directory so uninstall undoes exactly those. */
export interface InstallRecord {
  version: 1;
  kind: 'client' | 'server';
  hooks: InstalledHook[];
  /** Local git config values before install (null when unset), restored by uninstall. */
  config: Record<string, string | null>;
  /** Multi-valued config entries install added (`key=value`), removed by uninstall. */
  addedValues?: string[];
}

export interface InstallOptions {
  repo: string;
  server: boolean;
  /** Absolute paths recorded in git config for the shims. */
  node: string;
  cli: string;
  /** Folder holding the shim templates (the package's hooks/). */
  shimDir: string;
  /** Install into this folder instead of the one git uses (forge hook folders). */
  hooksDir?: string;
  signingKey?: string;
  config?: string;
}

export interface InstallResult {
  paths: RepoPaths;
  record: InstallRecord;
  messages: string[];
}

function recordPath(paths: RepoPaths): string {
  return join(paths.stateDir, RECORD_FILE);
}

export function readRecord(paths: RepoPaths): InstallRecord | null {
  const file = recordPath(paths);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as InstallRecord;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
}

/**
 * Chooses where the hook scripts go. A hooks folder inside the work tree is
 * the team's (Husky, a tracked .githooks): its scripts get a block that calls
 * our shim, kept outside the work tree. Husky 9 regenerates `.husky/_`, so its
 * blocks go into the scripts in `.husky/` that `.husky/_` runs.
 */
function blockTargetDir(paths: RepoPaths, hooksDir: string): string | null {
  if (!paths.workTree || !isInside(hooksDir, paths.workTree) || isInside(hooksDir, paths.commonDir)) {
    return null;
  }
  if (basename(hooksDir) === '_' && existsSync(join(hooksDir, 'h'))) return dirname(hooksDir);
  return hooksDir;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh']);

/** Returns true for a script a POSIX shell runs: a shell shebang, or none (Husky 9 scripts have none). */
export function isShellScript(content: string): boolean {
  if (!content.startsWith('#!')) return true;
  const tokens = content.slice(2, content.indexOf('\n') >>> 0).trim().split(/\s+/);
  let program = basename(tokens[0] ?? '');
  if (program === 'env') program = basename(tokens.slice(1).find((t) => !t.startsWith('-')) ?? '');
  return SHELLS.has(program);
}

function shimText(options: InstallOptions, name: string): string {
  const template = join(options.shimDir, name);
  if (!existsSync(template)) {
    throw new UsageError(`hook template ${template} is missing; reinstall diff-guardian`);
  }
  return readFileSync(template, 'utf8');
}

function writeExecutable(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  chmodSync(path, 0o755);
}

function installShim(options: InstallOptions, hooksDir: string, name: string, messages: string[]): InstalledHook {
  const path = join(hooksDir, name);
  const chained = path + CHAINED_SUFFIX;
  let chainedPath: string | null = existsSync(chained) ? chained : null;
  const present = lstatExists(path);
  if (present && !isOurShim(path)) {
    if (chainedPath) {
      throw new UsageError(
        `cannot install ${name}: both ${path} and ${chained} exist; move one of them away and run install again`,
      );
    }
    renameSync(path, chained);
    chainedPath = chained;
    messages.push(`kept the existing ${name} hook as ${chained}; it runs before the check`);
  }
  writeExecutable(path, shimText(options, name));
  return { name, mode: 'shim', path, chained: chainedPath };
}

function installBlock(
  options: InstallOptions,
  paths: RepoPaths,
  targetDir: string,
  name: string,
  messages: string[],
): InstalledHook {
  const path = join(targetDir, name);
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (existing !== null && !isShellScript(existing)) {
    messages.push(`${path} is not a shell script, so its hook is chained instead of edited`);
    return installShim(options, targetDir, name, messages);
  }
  writeExecutable(join(paths.stateDir, 'hooks', name), shimText(options, name));
  const block = blockFor(name);
  const content = insertBlock(existing ?? '#!/bin/sh\n', block);
  mkdirSync(targetDir, { recursive: true });
  writeFileSync(path, content);
  if (existing === null) chmodSync(path, 0o755);
  messages.push(`added a diff-guardian block to ${path}; commit it to share the hook with your team`);
  return { name, mode: 'block', path, block, createdFile: existing === null };
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isOurShim(path: string): boolean {
  try {
    return lstatSync(path).isFile() && readFileSync(path, 'utf8').includes(`${SHIM_MARKER}${basename(path)} hook`);
  } catch {
    return false;
  }
}

function checkHooksPathScope(paths: RepoPaths, explicit: string | undefined): void {
  if (explicit || !paths.hooksPathScope || paths.hooksPathScope === 'local' || paths.hooksPathScope === 'worktree') {
    return;
  }
  throw new UsageError(
    `core.hooksPath is set in the ${paths.hooksPathScope} git config to ${paths.hooksDir}, so a hook ` +
      'installed there would run in every repository; pass --hooks-dir DIR, or set a local value with ' +
      '`git config core.hooksPath .git/hooks` and run install again',
  );
}

/** Installs the client or server hooks and records what changed. */
export function installHooks(options: InstallOptions): InstallResult {
  const paths = repoPaths(options.repo);
  if (options.server && !paths.bare) {
    throw new UsageError(`--server needs a bare repository, and ${options.repo} has a work tree`);
  }
  if (!options.server && paths.bare) {
    throw new UsageError(`${options.repo} is a bare repository; add --server to install the server hooks`);
  }
  checkHooksPathScope(paths, options.hooksDir);
  const previous = readRecord(paths);
  if (previous) uninstallHooks(paths);

  const messages: string[] = [];
  const hooksDir = options.hooksDir ? resolve(options.repo, options.hooksDir) : paths.hooksDir;
  const names = options.server ? SERVER_HOOKS : CLIENT_HOOKS;
  const targetDir = options.server ? null : blockTargetDir(paths, hooksDir);
  if (paths.hooksPathScope && !options.server) messages.push(`core.hooksPath is set: installing into ${hooksDir}`);

  const record: InstallRecord = { version: 1, kind: options.server ? 'server' : 'client', hooks: [], config: {} };
  const settings: Record<string, string> = { 'diff-guardian.node': options.node, 'diff-guardian.cli': options.cli };
  if (options.server) {
    // Push options reach the hooks only when the server advertises them.
    settings['receive.advertisePushOptions'] = 'true';
    if (options.signingKey) settings['diff-guardian.signingKey'] = resolve(options.signingKey);
    if (options.config) settings['diff-guardian.serverConfig'] = resolve(options.config);
  }
  mkdirSync(paths.stateDir, { recursive: true });
  for (const [key, value] of Object.entries(settings)) {
    record.config[key] = readConfig(options.repo, key);
    writeConfig(options.repo, key, value);
  }
  if (!options.server) {
    // Notes settings: `git log` shows the verdicts, and fetches bring the remotes' notes.
    const remotes = gitSync(['remote'], { cwd: options.repo }).split('\n').filter(Boolean);
    const notes = configureNotes(options.repo, { fetchFrom: remotes });
    record.addedValues = notes.added;
    if (notes.added.includes(`notes.displayRef=${NOTES_REF}`)) {
      messages.push(
        `set notes.displayRef=${NOTES_REF}: plain \`git log\` now shows each commit's verdict note; ` +
          `\`git config --unset notes.displayRef ${NOTES_REF}\` hides them again`,
      );
    }
    messages.push(...notes.warnings);
  }
  try {
    for (const name of names) {
      const hook = targetDir
        ? installBlock(options, paths, targetDir, name, messages)
        : installShim(options, hooksDir, name, messages);
      record.hooks.push(hook);
    }
  } finally {
    writeFileSync(recordPath(paths), `${JSON.stringify(record, null, 2)}\n`);
  }
  return { paths, record, messages };
}

/** Removes what install added and puts every replaced hook back; returns what it did. */
export function uninstallHooks(paths: RepoPaths): string[] {
  const record = readRecord(paths);
  if (!record) return [];
  const messages: string[] = [];
  for (const hook of [...record.hooks].reverse()) {
    if (hook.mode === 'shim') messages.push(...removeShim(hook));
    else messages.push(...removeHookBlock(hook));
  }
  for (const [key, value] of Object.entries(record.config)) writeConfig(paths.cwd, key, value);
  for (const entry of record.addedValues ?? []) {
    const at = entry.indexOf('=');
    const args = ['config', '--local', '--fixed-value', '--unset', entry.slice(0, at), entry.slice(at + 1)];
    gitSync(args, { cwd: paths.cwd, okCodes: [5] });
  }
  rmSync(join(paths.stateDir, 'hooks'), { recursive: true, force: true });
  rmSync(recordPath(paths), { force: true });
  return messages;
}

function removeShim(hook: Extract<InstalledHook, { mode: 'shim' }>): string[] {
  if (lstatExists(hook.path) && !isOurShim(hook.path)) {
    const earlier = hook.chained ? `; the earlier hook is still at ${hook.chained}` : '';
    return [`left ${hook.path} in place because it is no longer the diff-guardian shim${earlier}`];
  }
  rmSync(hook.path, { force: true });
  if (hook.chained && existsSync(hook.chained)) {
    renameSync(hook.chained, hook.path);
    return [`restored ${hook.path}`];
  }
  return [`removed ${hook.path}`];
}

function removeHookBlock(hook: Extract<InstalledHook, { mode: 'block' }>): string[] {
  if (!existsSync(hook.path)) return [];
  const content = readFileSync(hook.path, 'utf8');
  const restored = removeBlock(content, hook.block);
  if (restored === null) return [`left ${hook.path} unchanged because its diff-guardian block was edited`];
  if (hook.createdFile && restored === '#!/bin/sh\n') {
    rmSync(hook.path);
    return [`removed ${hook.path}`];
  }
  writeFileSync(hook.path, restored);
  return [`removed the diff-guardian block from ${hook.path}`];
}
