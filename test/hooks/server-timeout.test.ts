import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { awsFile, cleanEnv, gitRun, serverWithHooks } from './server-helpers.js';

function configFile(text: string): string {
  const file = join(tempDir(), 'server.yml');
  writeFileSync(file, text);
  return file;
}

const OPEN_AND_TOO_LONG = 'settings:\n  failMode: open\nserver:\n  timeoutSeconds: 3000000\n';

describe('server.timeoutSeconds bounds', () => {
  it('rejects an install whose config a timer cannot hold', () => {
    const bare = TestRepo.init({ bare: true }).dir;
    const config = configFile(OPEN_AND_TOO_LONG);
    const result = runCli(bare, ['install', '--server', '--repo', bare, '--config', config], { env: cleanEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/server\.yml:4:\d+: \/server\/timeoutSeconds must be <= 2147483/);
    expect(gitRun(bare, ['config', '--get', 'diff-guardian.serverConfig']).output).toBe('');
  });

  it('keeps a fail-open server from accepting a push unchecked', () => {
    const { work, bare } = serverWithHooks({ config: 'settings:\n  failMode: open\n' });
    gitRun(bare, ['config', 'diff-guardian.serverConfig', configFile(OPEN_AND_TOO_LONG)]);
    work.write('README.md', '# demo\n').commit('init');
    work.write('src/aws.ts', awsFile()).commit('connect to s3', { agent: true });

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain("the server's diff-guardian config is invalid");
    expect(push.output).toContain('/server/timeoutSeconds must be <= 2147483');
    expect(push.output).not.toContain('push accepted');
    expect(push.output).not.toContain('TimeoutOverflowWarning');
    expect(gitRun(work.dir, ['ls-remote', 'origin', 'main']).output).toBe('');
  });

  it('judges the push under the largest bound', () => {
    const config = 'settings:\n  failMode: open\nserver:\n  timeoutSeconds: 2147483\n';
    const { work } = serverWithHooks({ config });
    work.write('README.md', '# demo\n').commit('init');
    work.write('src/aws.ts', awsFile()).commit('connect to s3', { agent: true });

    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('remote: diff-guardian: push rejected');
    expect(push.output).toMatch(/src\/aws\.ts:\d+ +block +secret\//);
    expect(push.output).not.toContain('timed out');
  });
});
