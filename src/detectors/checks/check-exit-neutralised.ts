import type { DiffLine, FileChange } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { CHECK_COMMAND, isCiFile, isMakefile, isPackageJson, shellCommandOf } from './ci-files.js';
import { continuedLines } from '../continued-lines.js';
import { lineWindows, windowSource } from '../line-windows.js';
import { languageOfFile, MAX_LINE, newlyAdded, splitLine } from './source-text.js';

type Kind = 'exitIgnored' | 'makeIgnoresExit' | 'errexitOff' | 'passWithNoTests' | 'exitZero';

interface Found {
  kind: Kind;
  command: string;
  neutraliser: string;
}

// Suffixes that throw a check command's exit status away.
const NEUTRALISER = /\|\|\s*(?:true\b|:(?=\s|$|[;)&])|exit\s+0\b|echo\b)|;\s*(?:exit\s+0|true)\s*$/;
const ERREXIT_OFF = /^\s*(?:-\s*)?(?:run:\s*)?set\s+(?:\+e\b|\+o\s+errexit\b)/;
const PASS_WITH_NO_TESTS = /--passWithNoTests\b|--pass-with-no-tests\b|--suppress-no-test-exit-code\b/;
const EXIT_ZERO = /\s--exit-zero\b/;
// How far below `set +e` a check command still runs with errexit off.
const ERREXIT_WINDOW = 30;

function findIn(command: string, makefile: boolean): Found | null {
  const check = CHECK_COMMAND.exec(command);
  if (!check) return null;
  // make ignores the exit status of a recipe line that starts with `-`.
  if (makefile && /^\t[@+]*-/.test(command)) return { kind: 'makeIgnoresExit', command: check[0], neutraliser: '-' };
  const after = command.slice(check.index);
  const neutraliser = NEUTRALISER.exec(after);
  if (neutraliser) return { kind: 'exitIgnored', command: check[0], neutraliser: neutraliser[0].trim() };
  if (PASS_WITH_NO_TESTS.test(after)) return { kind: 'passWithNoTests', command: check[0], neutraliser: PASS_WITH_NO_TESTS.exec(after)![0] };
  if (EXIT_ZERO.test(after)) return { kind: 'exitZero', command: check[0], neutraliser: '--exit-zero' };
  return null;
}

async function errexitCheck(file: FileChange, line: DiffLine): Promise<Found | null> {
  const content = await file.newContent();
  const lines = content !== null ? content.split('\n') : file.added.map((l) => l.text);
  const start = content !== null ? line.line : file.added.indexOf(windowSource(line)) + 1;
  for (const next of lines.slice(start, start + ERREXIT_WINDOW)) {
    if (/^\s*set\s+-\w*e/.test(next)) return null;
    for (const window of lineWindows({ line: 0, text: next }, MAX_LINE)) {
      const check = CHECK_COMMAND.exec(splitLine(window.text, 'shell').code);
      if (check) return { kind: 'errexitOff', command: check[0], neutraliser: 'set +e' };
    }
  }
  return null;
}

async function isScriptFile(file: FileChange): Promise<boolean> {
  return isCiFile(file.path) || isPackageJson(file.path) || isMakefile(file.path) || (await languageOfFile(file)) === 'shell';
}

export default defineDetector({
  meta: {
    id: 'disabled-check/check-exit-neutralised',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: 'Report check commands in CI, scripts and package.json whose failure no longer fails the run.',
    messages: {
      exitIgnored: 'Check result ignored: `{{neutraliser}}` after `{{command}}` turns its failure into success, so the run stays green whatever it finds. Remove `{{neutraliser}}` to let the failure fail the run.',
      makeIgnoresExit: 'Check result ignored: the `-` before `{{command}}` makes make carry on when the check fails. Remove the `-`.',
      errexitOff: 'Check result ignored: `set +e` before `{{command}}` keeps its failure from stopping the script. Remove `set +e` or restore `set -e` before the check.',
      passWithNoTests: 'Test run allowed to find nothing: `{{neutraliser}}` makes `{{command}}` pass when no test runs at all. Remove the flag so a missing or mis-globbed suite fails.',
      exitZero: 'Check result ignored: `--exit-zero` makes `{{command}}` exit 0 whatever it reports. Remove the flag to let its findings fail the run.',
    },
  },
  keywords: ['||', 'makefile', '.mk', 'exit 0', '; true', 'set +e', 'errexit', 'passwithnotests', 'pass-with-no-tests', 'suppress-no-test-exit-code', 'exit-zero'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || file.added.length === 0) continue;
      if (!(await isScriptFile(file))) continue;
      const found = newlyAdded(
        file,
        (line) => (ERREXIT_OFF.test(line.text) ? ({ kind: 'errexitOff', command: '', neutraliser: 'set +e' } as Found) : findIn(shellCommandOf(file.path, line.text), isMakefile(file.path))),
        (f) => `${f.kind}:${f.command}:${f.neutraliser}`,
        await continuedLines(file),
      );
      for (const { line, key } of found) {
        const finding = key.kind === 'errexitOff' ? await errexitCheck(file, line) : key;
        if (!finding) continue;
        context.report({
          messageId: finding.kind,
          data: { command: finding.command, neutraliser: finding.neutraliser },
          file: file.path,
          line: line.line,
          match: `${finding.kind}:${finding.command}:${finding.neutraliser}`,
          evidence: line.text.trim().slice(0, 160),
        });
      }
    }
  },
});
