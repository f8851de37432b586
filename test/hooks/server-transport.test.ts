import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeVerdictNotes, NOTES_REF } from '../../src/notes/index.js';
import { defaultPolicy } from '../../src/packs/load.js';
import { GIT_ENV, runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { awsFile, cleanEnv, gitRun, installServerHooks, serverWithHooks, startGitDaemon } from './server-helpers.js';

/** True once the notes module writes notes; until then the note assertions are skipped. */
async function notesAreWritten(): Promise<boolean> {
  const repo = TestRepo.init();
  const sha = repo.write('a.txt', 'a\n').commit('init');
  const verdict = { sha, verdict: 'allow' as const, agent: { agent: false, matchedBy: [] }, findings: [], skipped: [] };
  await writeVerdictNotes([verdict], [defaultPolicy()], { cwd: repo.dir, signingKey: null, context: { writtenBy: 'probe' } });
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', NOTES_REF], { cwd: repo.dir, env: GIT_ENV }).status === 0;
}

describe('pre-receive over git daemon on loopback', () => {
  let base: string;
  let daemon: Awaited<ReturnType<typeof startGitDaemon>>;

  beforeAll(async () => {
    base = tempDir();
    execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', join(base, 'srv.git')], { env: GIT_ENV });
    installServerHooks(join(base, 'srv.git'));
    daemon = await startGitDaemon(base);
  });

  afterAll(async () => {
    await daemon?.stop();
  });

  it('rejects a secret and accepts a clean push', () => {
    const work = TestRepo.init();
    work.git('remote', 'add', 'origin', `git://127.0.0.1:${daemon.port}/srv.git`);
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);

    work.write('config/aws.ts', awsFile()).commit('add keys', { agent: true });
    const rejected = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(rejected.code).not.toBe(0);
    expect(rejected.output).toMatch(/remote: diff-guardian: +config\/aws\.ts:\d+ +block/);

    work.git('reset', '-q', '--hard', 'HEAD~1');
    work.write('src/app.ts', 'export const port = 8080;\n').commit('add app');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
  });
});

describe('large pushes', () => {
  it('completes a push of 1,000 commits', () => {
    const { work } = serverWithHooks();
    const lines: string[] = [];
    for (let i = 1; i <= 1000; i += 1) {
      const message = `change ${i}`;
      const content = `entry ${i}`;
      lines.push(
        'commit refs/heads/main',
        `committer Dana Developer <dana@example.com> ${1_700_000_000 + i} +0000`,
        `data ${message.length}`,
        message,
        `M 100644 inline log/${i % 50}.txt`,
        `data ${content.length}`,
        content,
        '',
      );
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: work.dir, env: GIT_ENV, input: `${lines.join('\n')}\n` });
    expect(work.git('rev-list', '--count', 'main').trim()).toBe('1000');

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).toBe(0);
    expect(gitRun(work.dir, ['ls-remote', 'origin', 'main']).output).toContain(work.git('rev-parse', 'main').trim());
  });
});

describe('attribution on the server', () => {
  // Secrets warn for human commits and block for agent ones, so the verdict shows the attribution.
  const strictForAgents = 'rules:\n  - id: secret\n    action: warn\n  - id: secret\n    action: block\n    authoredBy: agent\n';

  it('treats a commit as agent-authored from the runtime signal in its pushed note', () => {
    const { work } = serverWithHooks({ config: strictForAgents });
    expect(runCli(work.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
    // --no-verify skips the client's pre-commit and pre-push checks; post-commit still writes the note.
    work.write('src/aws.ts', awsFile()).stage();
    expect(gitRun(work.dir, ['commit', '-q', '--no-verify', '-m', 'add keys']).code).toBe(0);
    const human = gitRun(work.dir, ['push', '--no-verify', 'origin', 'main']);
    expect(human.code).toBe(0);
    expect(human.output).toContain('push accepted with warnings');

    work.write('src/more.ts', awsFile()).stage();
    expect(gitRun(work.dir, ['commit', '-q', '--no-verify', '-m', 'add more keys'], { CLAUDECODE: '1' }).code).toBe(0);
    expect(work.git('notes', `--ref=${NOTES_REF}`, 'show', 'HEAD')).toContain('runtime claude-code via env:CLAUDECODE');
    // Merge the server's notes first, as the pre-push hook does, so the notes ref fast-forwards.
    work.git('fetch', '-q', 'origin', `${NOTES_REF}:refs/notes/server`);
    work.git('notes', `--ref=${NOTES_REF}`, 'merge', '-q', '-s', 'union', 'refs/notes/server');
    const agent = gitRun(work.dir, ['push', '--no-verify', 'origin', 'main', NOTES_REF]);
    expect(agent.code).not.toBe(0);
    expect(agent.output).toContain('(agent: claude-code)');
    expect(agent.output).toMatch(/src\/more\.ts:\d+ +block/);
  });

  it('treats unsigned commits as agent-authored under agentByDefault', () => {
    const keyDir = tempDir();
    const key = join(keyDir, 'human');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dana', '-f', key]);
    const publicKey = execFileSync('cat', [`${key}.pub`], { encoding: 'utf8' }).trim();
    const config = `${strictForAgents}settings:\n  agentByDefault: true\n  humanSigningKeys:\n    - ${JSON.stringify(publicKey)}\n`;
    const { work } = serverWithHooks({ config });

    work.write('src/aws.ts', awsFile());
    work.stage();
    work.git('-c', 'gpg.format=ssh', '-c', `user.signingkey=${key}`, 'commit', '-q', '--no-verify', '-S', '-m', 'signed by a human');
    const signed = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(signed.code).toBe(0);
    expect(signed.output).toContain('push accepted with warnings');

    work.write('src/more.ts', awsFile()).commit('not signed');
    const unsigned = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(unsigned.code).not.toBe(0);
    expect(unsigned.output).toMatch(/src\/more\.ts:\d+ +block/);

    const otherKey = join(keyDir, 'other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', otherKey]);
    work.git('-c', 'gpg.format=ssh', '-c', `user.signingkey=${otherKey}`, 'commit', '-q', '--amend', '--no-verify', '-S', '--no-edit');
    const unlisted = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(unlisted.code).not.toBe(0);
    expect(unlisted.output).toMatch(/src\/more\.ts:\d+ +block/);
  });
});

describe('verdict notes', () => {
  it('shows the signed verdict of a pushed commit after fetching the notes', async (context) => {
    if (!(await notesAreWritten())) context.skip();
    const keyDir = tempDir();
    const key = join(keyDir, 'server');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'server', '-f', key]);
    const { work, bare } = serverWithHooks({ install: false });
    const install = spawnSync(process.execPath, [join(__dirname, '../../dist/cli.js'), 'install', '--server', '--repo', bare, '--signing-key', key], {
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(install.status).toBe(0);
    const sha = work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);

    expect(gitRun(work.dir, ['fetch', 'origin', 'refs/notes/*:refs/notes/*']).code).toBe(0);
    const log = work.git('log', '-1', `--notes=${NOTES_REF}`, sha);
    expect(log).toContain('diff-guardian verdict: allow');
    expect(log).toContain('SSH SIGNATURE');
  });
});
