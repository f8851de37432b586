import { describe } from 'vitest';
import suppressionAdded from '../../../src/detectors/checks/suppression-added.js';
import { runTable, type FlagCase } from './table.js';

const JS = 'export function load(path) {\n  const data = read(path);\n  return data;\n}\n';
const PY = 'def load(path):\n    data = read(path)\n    return data\n';

/** Builds a case that adds `line` as line 2 of a small file in `path`. */
function addedAt2(name: string, path: string, base: string, line: string, messageId = 'lineSuppressed'): FlagCase {
  const lines = base.split('\n');
  lines.splice(1, 0, line);
  return { name, files: { [path]: { old: base, new: lines.join('\n') } }, expected: [{ file: path, line: 2, messageId }] };
}

function passAt2(name: string, path: string, base: string, line: string) {
  const lines = base.split('\n');
  lines.splice(1, 0, line);
  return { name, files: { [path]: { old: base, new: lines.join('\n') } } };
}

describe('disabled-check/suppression-added', () => {
  runTable(suppressionAdded, {
    flag: [
      addedAt2('eslint-disable-next-line', 'src/load.js', JS, '  // eslint-disable-next-line no-console'),
      addedAt2('eslint-disable-line after code', 'src/load.ts', JS, '  console.log(path); // eslint-disable-line'),
      addedAt2('a block eslint-disable', 'src/load.ts', JS, '/* eslint-disable */', 'fileSuppressed'),
      addedAt2('@ts-ignore', 'src/load.ts', JS, '  // @ts-ignore'),
      addedAt2('@ts-expect-error', 'src/load.tsx', JS, '  // @ts-expect-error wrong type from the API'),
      addedAt2('@ts-nocheck', 'src/load.ts', JS, '// @ts-nocheck', 'fileSuppressed'),
      addedAt2('# noqa', 'app/load.py', PY, '    import os  # noqa: F401'),
      addedAt2('# type: ignore', 'app/load.py', PY, '    data = read(path)  # type: ignore[arg-type]'),
      addedAt2('# noqa after # type: ignore', 'app/load.py', PY, '    x = y  # type: ignore  # noqa'),
      addedAt2('# pylint: disable', 'app/load.py', PY, '    # pylint: disable=broad-except'),
      addedAt2('# nosec', 'app/load.py', PY, '    subprocess.call(cmd, shell=True)  # nosec'),
      addedAt2('//nolint in Go', 'pkg/load.go', 'func Load() {\n}\n', '\tf.Close() //nolint:errcheck'),
      addedAt2('#nosec in Go', 'pkg/load.go', 'func Load() {\n}\n', '\texec.Command(cmd) // #nosec G204'),
      addedAt2('#[allow] in Rust', 'src/load.rs', 'fn load() {}\n', '#[allow(dead_code)]'),
      addedAt2('#![allow] in Rust', 'src/lib.rs', 'fn load() {}\n', '#![allow(clippy::all)]', 'fileSuppressed'),
      addedAt2('@SuppressWarnings in Java', 'src/main/java/Load.java', 'class Load {\n}\n', '  @SuppressWarnings("unchecked")'),
      addedAt2('@Suppress in Kotlin', 'src/main/kotlin/Load.kt', 'class Load {\n}\n', '  @Suppress("UNCHECKED_CAST")'),
      addedAt2('rubocop:disable', 'lib/load.rb', 'def load\nend\n', '  # rubocop:disable Metrics/AbcSize'),
      addedAt2('shellcheck disable', 'scripts/deploy.sh', '#!/bin/sh\necho hi\n', '# shellcheck disable=SC2086'),
      addedAt2('shellcheck disable in a script with a shebang and no extension', 'bin/deploy', '#!/usr/bin/env bash\necho hi\n', '# shellcheck disable=SC2086'),
    ],
    pass: [
      passAt2('eslint-disable in Markdown', 'docs/lint.md', '# Lint\nRules.\n', 'Use `// eslint-disable-next-line` only with a reason.'),
      passAt2('# noqa in a reStructuredText doc', 'docs/lint.rst', 'Lint\n====\n', 'Avoid ``# noqa`` comments.'),
      passAt2('a comment that explains eslint-disable', 'src/load.ts', JS, '  // We never use eslint-disable here: fix the rule instead.'),
      passAt2('eslint-disable in a string literal', 'src/rules.ts', JS, "  const directive = '// eslint-disable-next-line';"),
      passAt2('# noqa in a Python string', 'app/load.py', PY, '    hint = "append # noqa to silence"'),
      passAt2('#[allow] in a Rust string', 'src/load.rs', 'fn load() {}\n', 'const HINT: &str = "#[allow(dead_code)]";'),
      passAt2('a shell variable with a hash', 'scripts/deploy.sh', '#!/bin/sh\necho hi\n', 'echo "$#" shellcheck disable=SC1'),
      {
        name: 'a removed directive',
        files: { 'src/load.ts': { old: '// eslint-disable-next-line no-console\nconsole.log(1);\n', new: 'console.log(1);\n' } },
      },
      {
        name: 'a line edited next to an existing directive',
        files: { 'src/load.ts': { old: 'x(); // eslint-disable-line no-console\n', new: 'y(); // eslint-disable-line no-console\n' } },
      },
      passAt2('@SuppressWarnings in a Java comment', 'src/main/java/Load.java', 'class Load {\n}\n', '  // avoid @SuppressWarnings here'),
    ],
    todo: [
      {
        name: 'eslint-disable on its own line inside a multi-line block comment',
        files: { 'src/load.ts': { old: JS, new: `/*\n  eslint-disable\n*/\n${JS}` } },
        currentCount: 0,
      },
    ],
  });
});
