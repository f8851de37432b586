import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun } from './server-helpers.js';

const NOTES = 'refs/notes/diff-guardian';

interface Setup {
  bare: string;
  work: TestRepo;
  signers: string;
}

/** Creates an Ed25519 key with `keygen` and returns its allowed_signers line. */
function keyPair(dir: string, name: string): { key: string; signer: string } {
  const key = join(dir, name);
  expect(runCli(dir, ['keygen', '--out', key, '--comment', `${name}@example.com`]).code).toBe(0);
  const publicKey = readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { key, signer: `${name}@example.com namespaces="diff-guardian" ${publicKey}` };
}

/** Creates a bare repository with signing server hooks, and a clone with signing client hooks. */
function signedSetup(): Setup {
  const keys = tempDir();
  const server = keyPair(keys, 'server');
  const team = keyPair(keys, 'team');
  const signers = join(keys, 'allowed_signers');
  writeFileSync(signers, `${server.signer}\n${team.signer}\n`);

  const bare = TestRepo.init({ bare: true }).dir;
  const install = runCli(bare, ['install', '--server', '--repo', bare, '--signing-key', server.key], { env: cleanEnv() });
  expect(install.code, install.stderr).toBe(0);
  const work = TestRepo.init();
  work.git('remote', 'add', 'origin', `file://${bare}`);
  work.git('config', 'diff-guardian.signingKey', team.key);
  expect(runCli(work.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
  return { bare, work, signers };
}

function commit(repo: TestRepo, path: string, content: string, message: string): string {
  repo.write(path, content).stage();
  const result = gitRun(repo.dir, ['commit', '-q', '-m', message]);
  expect(result.code, result.output).toBe(0);
  return repo.head();
}

function serverNote(bare: string, sha: string): string {
  return gitRun(bare, ['notes', `--ref=${NOTES}`, 'show', sha]).output;
}

function writers(note: string): string[] {
  return [...note.matchAll(/"writtenBy":"([^"]+)"/g)].map((match) => match[1]!);
}

describe('client and server notes on one commit', () => {
  it('keeps the pushed client note beside the server note', () => {
    const { bare, work } = signedSetup();
    const sha = commit(work, 'README.md', '# demo\n', 'init');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code, push.output).toBe(0);

    const note = serverNote(bare, sha);
    expect(writers(note)).toEqual(['post-commit', 'post-receive']);
    expect(note.match(/-----BEGIN SSH SIGNATURE-----/g)).toHaveLength(2);
  });

  it('keeps both after the client pushes again', () => {
    const { bare, work } = signedSetup();
    const first = commit(work, 'README.md', '# demo\n', 'init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    const second = commit(work, 'src/app.ts', 'export const port = 8080;\n', 'add app');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code, push.output).toBe(0);

    expect(writers(serverNote(bare, first))).toEqual(['post-commit', 'post-receive']);
    expect(writers(serverNote(bare, second))).toEqual(['post-commit', 'post-receive']);
    // The client merged the server's notes of the first push into its own.
    expect(writers(work.git('notes', `--ref=${NOTES}`, 'show', first))).toEqual(['post-commit', 'post-receive']);
  });

  it('shows and verifies both notes and names their writers', () => {
    const { bare, work, signers } = signedSetup();
    commit(work, 'README.md', '# demo\n', 'init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    const clone = TestRepo.init();
    clone.git('fetch', '-q', `file://${bare}`, 'main:refs/remotes/origin/main', `+${NOTES}:${NOTES}`);

    const show = runCli(clone.dir, ['show', 'origin/main']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('(client note, written by post-commit)');
    expect(show.stdout).toContain('(server note, written by post-receive)');

    const verify = runCli(clone.dir, ['verify', 'origin/main', '--allowed-signers', signers]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toContain('client note (post-commit): ok');
    expect(verify.stdout).toContain('server note (post-receive): ok');

    const json = runCli(clone.dir, ['verify', 'origin/main', '--allowed-signers', signers, '--format', 'json']);
    const report = JSON.parse(json.stdout) as { commits: Array<{ notes: Array<{ origin: string; writtenBy: string; status: string }> }> };
    expect(report.commits[0]!.notes).toEqual([
      expect.objectContaining({ origin: 'client', writtenBy: 'post-commit', status: 'ok' }),
      expect.objectContaining({ origin: 'server', writtenBy: 'post-receive', status: 'ok' }),
    ]);
  });
});
