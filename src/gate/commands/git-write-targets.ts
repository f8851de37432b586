// Files that a git subcommand writes in the working tree: the paths given to
// `git checkout`, `git restore`, `git rm` and `git mv`, and the files a patch
// names for `git apply` and `git am`.
// NOTE: subcommands that rewrite the whole tree (switch, reset --hard, merge,
// stash pop) name no file here, nor does a patch piped from a program other
// than `cat FILE`. Pre-commit and the server judge the commit that carries
// their result.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gitInvocation, parseOptions } from './options.js';
import type { WriteTarget } from './write-targets.js';

// Patches above this size are read only this far, so a huge file cannot stall the gate.
const MAX_PATCH_BYTES = 4 * 1024 * 1024;

/**
 * Lists the working-tree files `argv` (a git command line) writes, relative to
 * its folder or absolute. `stdinFile` is the file a `<` redirection feeds it.
 */
export function gitWriteTargets(argv: readonly string[], stdinFile?: string): WriteTarget[] {
  const git = gitInvocation(argv);
  if (!git) return [];
  const targets = subcommandTargets(git.subcommand, git.args, stdinFile);
  // `git -C a -C b` runs in a/b, so relative paths start there.
  let dir = '';
  for (const directory of git.directories) dir = posix.isAbsolute(directory) ? directory : posix.join(dir, directory);
  if (dir === '') return targets;
  return targets.map((target) => (posix.isAbsolute(target.path) ? target : { ...target, path: posix.join(dir, target.path) }));
}

function subcommandTargets(subcommand: string, args: readonly string[], stdinFile: string | undefined): WriteTarget[] {
  switch (subcommand) {
    case 'checkout':
      return checkoutTargets(args);
    case 'restore': {
      const options = parseOptions(args, { shortWithValue: 's', longWithValue: ['source', 'conflict', 'pathspec-from-file'] });
      return options.operands.map((path) => ({ path, kind: 'write' }));
    }
    case 'rm': {
      const options = parseOptions(args, { longWithValue: ['pathspec-from-file'] });
      return options.operands.map((path) => ({ path, kind: 'remove' }));
    }
    case 'mv':
      return moveTargets(parseOptions(args).operands);
    case 'apply':
    case 'am':
      // git am reads the same -p and --directory options from mailbox files or stdin.
      return applyTargets(args, stdinFile);
    default:
      return [];
  }
}

/**
 * `git checkout [<tree-ish>] [--] <paths>` writes the paths. Without `--` the
 * first operand may be a branch or a path, so every operand counts: a branch
 * name is not a protected file.
 */
function checkoutTargets(args: readonly string[]): WriteTarget[] {
  const separator = args.indexOf('--');
  if (separator >= 0) return args.slice(separator + 1).map((path) => ({ path, kind: 'write' }));
  const options = parseOptions(args, { shortWithValue: 'bB', longWithValue: ['orphan', 'conflict', 'pathspec-from-file'] });
  // `-b NAME [START]` creates a branch from a commit and names no path.
  if (options.shortValues.has('b') || options.shortValues.has('B') || options.long.has('orphan')) return [];
  return options.operands.map((path) => ({ path, kind: 'write' }));
}

/** `git mv SOURCE… DEST` moves each source away and writes the destination, as mv does. */
function moveTargets(operands: readonly string[]): WriteTarget[] {
  if (operands.length < 2) return [];
  const destination = operands[operands.length - 1]!;
  const sources = operands.slice(0, -1);
  return [
    { path: destination, kind: 'move', sources, folder: /(?:^|\/)\.{0,2}\/?$/.test(destination) },
    ...sources.map((path): WriteTarget => ({ path, kind: 'remove' })),
  ];
}

/**
 * `git apply PATCH…` edits the files each patch names. A patch on stdin is read
 * from the file a `<` redirection names; one piped from another command is not seen.
 */
function applyTargets(args: readonly string[], stdinFile: string | undefined): WriteTarget[] {
  const options = parseOptions(args, {
    shortWithAttachedValue: 'pC',
    longWithValue: ['directory', 'include', 'exclude', 'whitespace', 'build-fake-ancestor'],
  });
  const strip = Number(options.shortValues.get('p')?.at(-1) ?? '1');
  const directory = options.long.get('directory');
  const patch = {
    strip: Number.isSafeInteger(strip) && strip >= 0 ? strip : 1,
    directory: typeof directory === 'string' ? directory : '',
  };
  // --stat, --numstat, --summary and --check only report, unless --apply is given too.
  const reportOnly = ['stat', 'numstat', 'summary', 'check'].some((name) => options.long.has(name));
  if (reportOnly && !options.long.has('apply')) return [];
  const files = options.operands.filter((file) => file !== '-');
  if ((options.operands.length === 0 || options.operands.includes('-')) && stdinFile !== undefined) files.push(stdinFile);
  return files.map((file) => ({ path: file, kind: 'edit', patch }));
}

/**
 * Returns the paths a patch file changes, relative to the repository root, or
 * an empty list when the file cannot be read.
 */
export function patchedPaths(file: string, patch: { strip: number; directory: string }): string[] {
  let text: string;
  try {
    const bytes = readFileSync(file);
    text = bytes.subarray(0, MAX_PATCH_BYTES).toString('utf8');
  } catch {
    return [];
  }
  const paths = new Set<string>();
  for (const raw of text.split('\n')) {
    // git apply accepts a patch with CRLF line ends.
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let name: string | null = null;
    if (line.startsWith('--- ') || line.startsWith('+++ ')) name = stripped(unquote(beforeTab(line.slice(4))), patch.strip);
    else if (line.startsWith('rename from ') || line.startsWith('rename to ') || line.startsWith('copy to ')) {
      name = unquote(line.slice(line.indexOf(' ', line.indexOf(' ') + 1) + 1));
    }
    if (name !== null && name !== '' && name !== '/dev/null') paths.add(posix.join(patch.directory, name));
  }
  return [...paths];
}

/** Returns the text before the first tab, which separates a patch path from its date. */
function beforeTab(text: string): string {
  const tab = text.indexOf('\t');
  return tab < 0 ? text : text.slice(0, tab);
}

/** Drops `count` leading folders from a patch path, as `-p` does, or returns null when it has fewer. */
function stripped(path: string, count: number): string | null {
  if (path === '/dev/null') return path;
  const parts = path.split('/');
  return parts.length > count ? parts.slice(count).join('/') : null;
}

/** Reads a path git wrote in C quotes ("a/b\tc"), or returns it as it is. */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"') || path.length < 2) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (char !== '\\' || i + 1 >= body.length) {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1]!;
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
