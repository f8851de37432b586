import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { awsAccessKeyId, awsSecretAccessKey } from '../helpers/secrets.js';
import { GIT_ENV, runCli, tempDir, TestRepo } from '../helpers/repo.js';

// Variables that agent CLIs set; removed so the tests judge the same way under any runner.
const AGENT_VARIABLE = /^(CLAUDECODE|CLAUDE_CODE_|CURSOR_AGENT|GEMINI_CLI|CODEX_|AIDER_)/;

/** GIT_ENV without agent runtime signals. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(GIT_ENV)) if (!AGENT_VARIABLE.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/** Returns a TypeScript file with a fresh AWS key pair, which the secret detectors block. */
export function awsFile(): string {
  return [
    'export const credentials = {',
    `  accessKeyId: '${awsAccessKeyId()}',`,
    `  secretAccessKey: '${awsSecretAccessKey()}',`,
    '};',
    '',
  ].join('\n');
}

export interface PushResult {
  code: number;
  output: string;
}

/** Runs git with the clean environment and returns its exit code and combined output. */
export function gitRun(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): PushResult {
  const result = spawnSync('git', args, { cwd, env: cleanEnv(env), encoding: 'utf8' });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/** A bare repository with the server hooks and a work repository whose `origin` points at it. */
export interface ServerSetup {
  bare: string;
  work: TestRepo;
  url: string;
}

/** Creates the bare repository, installs the server hooks with `config`, and clones it. */
export function serverWithHooks(options: { config?: string; install?: boolean } = {}): ServerSetup {
  const bare = TestRepo.init({ bare: true }).dir;
  if (options.install !== false) installServerHooks(bare, options.config);
  const work = TestRepo.init();
  const url = `file://${bare}`;
  work.git('remote', 'add', 'origin', url);
  return { bare, work, url };
}

export function installServerHooks(bare: string, config?: string): void {
  const args = ['install', '--server', '--repo', bare];
  if (config !== undefined) {
    const file = join(tempDir(), 'server.yml');
    writeFileSync(file, config);
    args.push('--config', file);
  }
  const result = runCli(bare, args, { env: cleanEnv() });
  if (result.code !== 0) throw new Error(`install --server failed: ${result.stderr}`);
}

/** Returns a TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `git daemon` on loopback serving `base`, with pushes enabled; resolves once it accepts connections. */
export async function startGitDaemon(base: string): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'git',
    ['daemon', `--base-path=${base}`, '--export-all', '--enable=receive-pack', '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, base],
    { env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = spawnSync('git', ['ls-remote', `git://127.0.0.1:${port}/`], { env: cleanEnv(), encoding: 'utf8' });
    // Any reply from the daemon, even "repository not exported", means it is listening.
    if (probe.status === 0 || /not exported|access denied|does not appear/i.test(probe.stderr)) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`git daemon did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

