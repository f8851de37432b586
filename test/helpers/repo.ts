import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { artifactsRoot, recordOutput } from './artifacts.js';

// Temporary folders live under the run's artifacts folder when there is one,
// so the end-of-run leak check can read the notes and reports left in them;
// the global teardown removes them. Without it they are removed per test file.
const created: string[] = [];
afterAll(() => {
  if (artifactsRoot()) return;
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Environment for git in tests: no user or system config, fixed identity. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Dana Developer',
  GIT_AUTHOR_EMAIL: 'dana@example.com',
  GIT_COMMITTER_NAME: 'Dana Developer',
  GIT_COMMITTER_EMAIL: 'dana@example.com',
  NO_COLOR: '1',
};

/** Creates an empty temporary directory removed after the test file. */
export function tempDir(prefix = 'dg-test-'): string {
  const root = artifactsRoot();
  const dir = mkdtempSync(join(root ? join(root, 'tmp') : tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Runs git in `cwd` and returns stdout; what git prints (such as `remote:` lines) is recorded for the leak check. */
export function git(cwd: string, args: string[], input?: string | Buffer): string {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, input, encoding: 'utf8' });
  recordOutput(result.stdout);
  recordOutput(result.stderr);
  if (result.status !== 0) {
    const error = new Error(`git ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}`) as Error & {
      status: number | null;
      stdout: string;
      stderr: string;
    };
    error.status = result.status;
    error.stdout = result.stdout;
    error.stderr = result.stderr;
    throw error;
  }
  return result.stdout;
}

/** A real git repository in a temp folder with helpers to write and commit. */
export class TestRepo {
  constructor(readonly dir: string) {}

  static init(options: { bare?: boolean; branch?: string } = {}): TestRepo {
    const dir = tempDir();
    git(dir, ['init', '-q', `--initial-branch=${options.branch ?? 'main'}`, ...(options.bare ? ['--bare'] : [])]);
    return new TestRepo(dir);
  }

  git(...args: string[]): string {
    return git(this.dir, args);
  }

  write(path: string, content: string | Buffer, mode?: number): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    if (mode !== undefined) chmodSync(full, mode);
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.dir, path), { recursive: true, force: true });
    return this;
  }

  stage(...paths: string[]): this {
    this.git('add', '-A', '--', ...(paths.length > 0 ? paths : ['.']));
    return this;
  }

  /** Stages everything and commits; returns the new commit id. */
  commit(message: string, options: { agent?: boolean; allowEmpty?: boolean; author?: string } = {}): string {
    this.stage();
    const body = options.agent ? `${message}\n\nCo-authored-by: Claude <noreply@anthropic.com>` : message;
    const args = ['commit', '-q', '--no-verify', '-m', body];
    if (options.allowEmpty) args.push('--allow-empty');
    if (options.author) args.push(`--author=${options.author}`);
    this.git(...args);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }

  path(...parts: string[]): string {
    return resolve(this.dir, ...parts);
  }
}

export const CLI = resolve(__dirname, '../../dist/cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a separate process, as a hook or a user would. */
export function runCli(cwd: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...GIT_ENV, ...options.env },
    input: options.input,
    encoding: 'utf8',
  });
  recordOutput(result.stdout);
  recordOutput(result.stderr);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Parses a JSON report from runCli output. */
export function jsonOf(result: CliResult): {
  verdict: string;
  findings: Array<Record<string, any>>;
  commits: Array<Record<string, any>>;
} {
  return JSON.parse(result.stdout);
}
