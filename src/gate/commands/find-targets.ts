// Protected files that a `find` command changes: the matches it removes
// with -delete, the matches it gives as `{}` to a writing command of -exec,
// -execdir, -ok or -okdir, and the files -fprint and its kin write. The gate
// does not walk the tree: it tests the project's protected paths against the
// start folders and the tests of the expression.
// Only paths that exist count, since find lists what is on disk.
// NOTE: tests other than -name, -path, -type, -empty and the depth limits
// count as true, and `-o` makes any name test enough, so such a find may be
// denied though its other tests would exclude every protected file.
import { basename, posix, relative } from 'node:path';
import { protectedPlaces, type ProtectedPlace } from '../paths.js';
import { isInside, resolveTarget, type Project } from '../project.js';
import { fnmatch } from '../shell/fnmatch.js';
import { unwrapCommand, type SimpleCommand } from '../shell/parse.js';
import { readFindExpression, type FindExpression, type FindTest } from './find-expression.js';
import { entriesBelow, onDisk, type FoundPlace } from './find-places.js';
import { runTargets } from './run-targets.js';
import type { WriteTarget } from './write-targets.js';

/** Lists the protected paths (absolute) on disk that a find's expression selects, and the folders that contain them. */
export function findMatches(
  expression: FindExpression,
  dir: string | undefined,
  project: Project,
  configFiles: readonly string[],
): ProtectedPlace[] {
  const matches: ProtectedPlace[] = [];
  const places = protectedPlaces(project, configFiles);
  for (const start of expression.starts) {
    const written =
      dir !== undefined && !posix.isAbsolute(start) && !start.startsWith('~')
        ? posix.join(dir, start)
        : start;
    const root = resolveTarget(written, project);
    const candidates = [...places, ...entriesBelow(root, project, configFiles)];
    for (const place of candidates) {
      if (!isInside(place.path, root)) continue;
      const found = onDisk(place);
      if (found && selects(expression, start, root, found)) matches.push(found.place);
    }
  }
  return [...new Map(matches.map((place) => [place.path, place])).values()];
}

function selects(
  expression: FindExpression,
  start: string,
  root: string,
  found: FoundPlace,
): boolean {
  const { place } = found;
  const rel = relative(root, place.path);
  const depth = rel === '' ? 0 : rel.split('/').length;
  if (depth > expression.maxDepth || depth < expression.minDepth) return false;
  // find prints a match as the start folder as written, a slash, and the path below it.
  let end = start.length;
  while (end > 1 && start[end - 1] === '/') end -= 1;
  const printed = rel === '' ? start : `${start.slice(0, end)}/${rel}`;
  const passes = (test: FindTest, path: string, folder: boolean): boolean => {
    if (test.kind === 'type') return test.value.split(',').includes(folder ? 'd' : 'f');
    if (test.kind === 'empty') return path === printed && found.empty;
    return fnmatch(test.value, test.kind === 'name' ? basename(path) : path, test.nocase);
  };
  // A pruned folder keeps find out of everything below it, unless find visits entries first.
  const ancestors: string[] = [printed];
  for (
    let path = posix.dirname(printed);
    !expression.depthFirst && path.length >= start.length && path !== posix.dirname(path);
    path = posix.dirname(path)
  )
    ancestors.push(path);
  for (const test of expression.tests) {
    if (
      test.pruned &&
      !test.negated &&
      ancestors.some((path, i) => passes(test, path, i > 0 || place.folder))
    )
      return false;
    if (test.negated && !test.pruned && passes(test, printed, place.folder)) return false;
  }
  const positive = expression.tests.filter((test) => !test.negated && !test.pruned);
  if (positive.length === 0) return true;
  return expression.either
    ? positive.some((test) => passes(test, printed, place.folder))
    : positive.every((test) => passes(test, printed, place.folder));
}

/** Lists what a `find` command writes among protected files, as absolute paths. */
export function findTargets(
  command: SimpleCommand,
  project: Project,
  configFiles: readonly string[],
): WriteTarget[] {
  const expression = readFindExpression(unwrapCommand(command).argv);
  if (!expression) return [];
  const { dir } = command;
  const targets: WriteTarget[] = expression.outputs.map((path) => ({
    path: dir !== undefined && !posix.isAbsolute(path) ? posix.join(dir, path) : path,
    kind: 'write',
  }));
  if (!expression.delete && expression.execs.length === 0) return targets;
  const matches = findMatches(expression, dir, project, configFiles);
  // find -delete removes a folder only once it is empty, so only the files it matches count.
  if (expression.delete)
    for (const match of matches)
      if (!match.folder) targets.push({ path: match.path, kind: 'remove' });
  for (const exec of expression.execs) {
    for (const match of matches) {
      const argv = exec.map((word) => word.replaceAll('{}', match.path));
      // Only what the command does to the match counts here; its other writes are judged as a nested command.
      targets.push(
        ...runTargets(argv, { ...command, env: [] }).filter((target) =>
          target.path.includes(match.path),
        ),
      );
    }
  }
  return targets;
}
