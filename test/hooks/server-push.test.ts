import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedSecrets } from '../helpers/secrets.js';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { awsFile, cleanEnv, gitRun, installServerHooks, serverWithHooks } from './server-helpers.js';

/** Fetches the server's verdict notes and returns the note of `sha`. */
function serverNote(work: { dir: string; git(...args: string[]): string }, sha: string): string {
  expect(gitRun(work.dir, ['fetch', '-q', 'origin', '+refs/notes/diff-guardian:refs/notes/server']).code).toBe(0);
  return work.git('notes', '--ref=refs/notes/server', 'show', sha);
}

function expectNoSecretIn(output: string): void {
  for (const secret of generatedSecrets()) expect(output).not.toContain(secret);
}

describe('pre-receive over file://', () => {
  it('rejects an agent commit with a secret and names the file', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    work.write('src/aws.ts', awsFile()).commit('connect to s3', { agent: true });

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('remote: diff-guardian: push rejected');
    expect(push.output).toMatch(/remote: diff-guardian: +src\/aws\.ts:\d+ +block +secret\//);
    expect(push.output).toContain(work.head().slice(0, 12));
    expect(push.output).toContain('(agent: claude-code)');
    expect(push.output).toContain('To fix:');
    expect(push.output).toContain('pre-receive hook declined');
    expectNoSecretIn(push.output);
    expect(gitRun(work.dir, ['ls-remote', 'origin', 'main']).output).toBe('');
  });

  it('rejects a secret that a later commit removes', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    work.write('deploy/keys.ts', awsFile()).commit('add deploy keys');
    const added = work.head();
    work.remove('deploy/keys.ts').commit('remove deploy keys');

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain(`commit ${added.slice(0, 12)}`);
    expect(push.output).toMatch(/deploy\/keys\.ts:\d+/);
    expect(push.output).toContain('still leaves it in the history');
  });

  it('accepts a clean push, a new branch and a branch deletion', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);

    work.git('switch', '-q', '-c', 'topic');
    work.write('src/app.ts', 'export const port = 8080;\n').commit('add app');
    const branch = gitRun(work.dir, ['push', 'origin', 'topic']);
    expect(branch.code).toBe(0);
    expect(branch.output).not.toContain('rejected');

    const deletion = gitRun(work.dir, ['push', 'origin', '--delete', 'topic']);
    expect(deletion.code).toBe(0);
    expect(gitRun(work.dir, ['ls-remote', 'origin', 'refs/heads/topic']).output).toBe('');
  });

  it('rejects a deletion that server.allowDeletion does not list', () => {
    const { work } = serverWithHooks({ config: "server:\n  allowDeletion: ['refs/heads/scratch/*']\n" });
    work.write('README.md', '# demo\n').commit('init');
    work.git('branch', 'scratch/a');
    work.git('branch', 'release');
    expect(gitRun(work.dir, ['push', 'origin', 'main', 'scratch/a', 'release']).code).toBe(0);

    expect(gitRun(work.dir, ['push', 'origin', '--delete', 'scratch/a']).code).toBe(0);
    const denied = gitRun(work.dir, ['push', 'origin', '--delete', 'release']);
    expect(denied.code).not.toBe(0);
    expect(denied.output).toContain('deleting refs/heads/release is not allowed by server.allowDeletion');
  });

  it('judges the server config, never one carried in the push', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    work.write('.diff-guardian.yml', 'rules:\n  - id: secret\n    action: "off"\n').commit('relax the rules');
    work.write('src/aws.ts', awsFile()).commit('add keys');

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/src\/aws\.ts:\d+ +block/);
  });
});

describe('forge hook folders', () => {
  it('installs into the folder given by --hooks-dir', () => {
    const { work, bare } = serverWithHooks({ install: false });
    const install = runCli(bare, ['install', '--server', '--repo', bare, '--hooks-dir', 'custom_hooks'], { env: cleanEnv() });
    expect(install.code).toBe(0);
    expect(existsSync(join(bare, 'custom_hooks', 'pre-receive'))).toBe(true);
    expect(existsSync(join(bare, 'hooks', 'pre-receive'))).toBe(false);
    // The forge runs the hooks of that folder; core.hooksPath does the same for this test.
    gitRun(bare, ['config', 'core.hooksPath', join(bare, 'custom_hooks')]);
    work.write('src/aws.ts', awsFile()).commit('add keys');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/src\/aws\.ts:\d+ +block/);
  });
});

describe('force pushes', () => {
  function topicWithEarlierSecret(config?: string) {
    const setup = serverWithHooks({ install: false });
    const { work, bare } = setup;
    work.write('app.ini', '[app]\nname = demo\n').commit('init');
    work.git('switch', '-q', '-c', 'topic');
    // X: pushed before the hook existed, so the server already contains its secret.
    work.write('keys.ts', awsFile()).commit('add keys');
    expect(gitRun(work.dir, ['push', 'origin', 'main', 'topic']).code).toBe(0);
    installServerHooks(bare, config);
    work.git('reset', '-q', '--hard', 'HEAD~1');
    work.write('app.ini', '[app]\nname = demo\ntoken = ${API_TOKEN}\n').commit('read token from env');
    return setup;
  }

  it('judges only the new commits of a non-fast-forward push', () => {
    const { work } = topicWithEarlierSecret();
    const dropped = work.git('rev-parse', 'origin/topic').trim();
    const push = gitRun(work.dir, ['push', '--force', 'origin', 'topic']);
    expect(push.code).toBe(0);
    expect(push.output).not.toContain('keys.ts');
    expect(push.output).toContain('forced update');
    const note = serverNote(work, work.head());
    expect(note).toContain('"nonFastForward":true');
    expect(note).toContain(`"oldSha":"${dropped}"`);
    expect(note).toContain(`Push: non-fast-forward update of refs/heads/topic, old=${dropped}`);
  });

  it('logs a force push that only drops commits, and a deletion', () => {
    const { work, bare } = serverWithHooks();
    work.write('a.txt', 'a\n').commit('one');
    work.write('b.txt', 'b\n').commit('two');
    work.write('c.txt', 'c\n').commit('three');
    expect(gitRun(work.dir, ['push', 'origin', 'main', 'main:refs/heads/old-topic']).code).toBe(0);
    const tip = work.head();
    work.git('reset', '-q', '--hard', 'HEAD~2');
    expect(gitRun(work.dir, ['push', '--force', 'origin', 'main'], { DIFF_GUARDIAN_PUSHER: 'dana' }).code).toBe(0);
    expect(gitRun(work.dir, ['push', 'origin', ':refs/heads/old-topic']).code).toBe(0);
    const log = readFileSync(join(bare, 'diff-guardian', 'refs.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(log).toHaveLength(2);
    // old-topic still reached the two commits when main dropped them; its deletion left no ref reaching them.
    expect(log[0]).toMatchObject({ ref: 'refs/heads/main', kind: 'non-fast-forward', oldSha: tip, newSha: work.head(), dropped: 0, pusher: 'dana' });
    expect(log[1]).toMatchObject({ ref: 'refs/heads/old-topic', kind: 'delete', oldSha: tip, dropped: 2 });
  });

  it('rejects a non-fast-forward update of a protected ref for that reason alone', () => {
    const { work } = topicWithEarlierSecret("server:\n  protectNonFastForward: ['refs/heads/topic']\n");
    const push = gitRun(work.dir, ['push', '--force', 'origin', 'topic']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('non-fast-forward update of refs/heads/topic');
    expect(push.output).toContain('server.protectNonFastForward');
    expect(push.output).not.toContain('keys.ts');
    expect(push.output).not.toContain('new commit(s) blocked');
  });
});

describe('commits in scope', () => {
  it('finds a secret brought in by the second parent of a merge', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    work.git('switch', '-q', '-c', 'side', 'main');
    work.write('mail.ts', awsFile()).commit('mail settings');
    const side = work.head();
    work.git('switch', '-q', '-c', 'feature', 'main');
    work.write('a.txt', 'x\n').commit('feature work');
    work.git('merge', '-q', '--no-ff', 'side', '-m', 'merge side into feature');

    const push = gitRun(work.dir, ['push', 'origin', 'feature']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('1 of 3 new commit(s) blocked');
    expect(push.output).toContain(`commit ${side.slice(0, 12)} on refs/heads/feature`);
    expect(push.output).toMatch(/mail\.ts:\d+ +block/);
  });

  it('names a non-ASCII path and a file name that is not UTF-8', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    work.write('Ávila/client.ts', awsFile());
    const raw = Buffer.concat([Buffer.from(`${work.dir}/raw_`), Buffer.from([0xff]), Buffer.from('.ts')]);
    writeFileSync(raw, awsFile());
    work.commit('add clients');

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/Ávila\/client\.ts:\d+ +block/);
    expect(push.output).toMatch(/raw_\\377\.ts:\d+ +block/);
  });
});

describe('overrides', () => {
  const config = "server:\n  overrideIdentities: ['alice']\n";

  it('accepts an override from a listed identity', () => {
    const { work } = serverWithHooks({ config });
    work.write('src/aws.ts', awsFile()).commit('add keys');
    const push = gitRun(work.dir, ['push', '-o', 'diff-guardian.override=rotated already, test fixture', 'origin', 'main'], {
      DIFF_GUARDIAN_PUSHER: 'alice',
    });
    expect(push.code).toBe(0);
    expect(push.output).toContain('override accepted: alice: rotated already, test fixture');
    expect(serverNote(work, work.head())).toContain('Override: alice: rotated already, test fixture');
  });

  it('rejects an override from an identity that is not listed', () => {
    const { work } = serverWithHooks({ config });
    work.write('src/aws.ts', awsFile()).commit('add keys');
    const push = gitRun(work.dir, ['push', '-o', 'diff-guardian.override=please', 'origin', 'main'], {
      DIFF_GUARDIAN_PUSHER: 'mallory',
    });
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('override not accepted: mallory is not listed in server.overrideIdentities');
  });
});

describe('failure handling', () => {
  it('rejects a push that exceeds the time bound', () => {
    const { work } = serverWithHooks({ config: 'server:\n  timeoutSeconds: 0.001\n' });
    work.write('README.md', '# demo\n').commit('init');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('push rejected because the check timed out');
    expect(push.output).toContain('server.timeoutSeconds');
  });

  it('accepts with a warning when settings.failMode is open', () => {
    const { work } = serverWithHooks({ config: 'settings:\n  failMode: open\nserver:\n  timeoutSeconds: 0.001\n' });
    work.write('README.md', '# demo\n').commit('init');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).toBe(0);
    expect(push.output).toContain('push accepted without a complete check');
    expect(serverNote(work, work.head())).toContain('diff-guardian verdict: unchecked');
  });

  it('marks fail-open notes unchecked in verify', () => {
    const bare = TestRepo.init({ bare: true }).dir;
    const keys = tempDir();
    const key = join(keys, 'server');
    expect(runCli(keys, ['keygen', '--out', key, '--comment', 'server@example.com']).code).toBe(0);
    const config = join(keys, 'server.yml');
    writeFileSync(config, 'settings:\n  failMode: open\nserver:\n  timeoutSeconds: 0.001\n');
    const install = runCli(bare, ['install', '--server', '--repo', bare, '--config', config, '--signing-key', key], { env: cleanEnv() });
    expect(install.code).toBe(0);
    const work = TestRepo.init();
    work.git('remote', 'add', 'origin', `file://${bare}`);
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', 'origin', 'main']).code).toBe(0);
    expect(gitRun(work.dir, ['fetch', '-q', 'origin', '+refs/notes/diff-guardian:refs/notes/diff-guardian']).code).toBe(0);
    const publicKey = readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    const signers = join(keys, 'allowed_signers');
    writeFileSync(signers, `server@example.com namespaces="diff-guardian" ${publicKey}\n`);
    const result = runCli(work.dir, ['verify', 'HEAD', '--allowed-signers', signers, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { commits: Array<{ status: string; detail: string }> };
    expect(report.commits[0]!.status).toBe('unchecked');
    expect(report.commits[0]!.detail).toContain('fail-open');
  });

  it('rejects every push while the server config is invalid', () => {
    const { work, bare } = serverWithHooks();
    const broken = join(tempDir(), 'broken.yml');
    writeFileSync(broken, 'rules: 7\n');
    gitRun(bare, ['config', 'diff-guardian.serverConfig', broken]);
    work.write('README.md', '# demo\n').commit('init');
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain("the server's diff-guardian config is invalid");
  });
});
