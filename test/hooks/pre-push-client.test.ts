import { describe, expect, it } from 'vitest';
import { githubToken } from '../helpers/secrets.js';
import { runCli, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun } from './server-helpers.js';

const NOTES = 'refs/notes/diff-guardian';

/** A work repository with the client hooks installed, one pushed commit and a plain bare remote. */
function clientWithRemote(): { repo: TestRepo; remote: TestRepo } {
  const remote = TestRepo.init({ bare: true });
  const repo = TestRepo.init();
  repo.git('remote', 'add', 'origin', remote.dir);
  expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
  repo.write('README.md', '# demo\n');
  commit(repo, 'init');
  expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
  return { repo, remote };
}

function commit(repo: TestRepo, message: string, env: NodeJS.ProcessEnv = {}, ...flags: string[]): string {
  repo.stage();
  const result = gitRun(repo.dir, ['commit', '-q', ...flags, '-m', message], env);
  expect(result.code, result.output).toBe(0);
  return repo.head();
}

function remoteNotes(remote: TestRepo): string[] {
  const listed = gitRun(remote.dir, ['notes', `--ref=${NOTES}`, 'list']);
  return listed.output.split('\n').filter(Boolean).map((line) => line.split(' ')[1]!);
}

describe('pre-push hook: annotated tags', () => {
  it('blocks a tag message holding a token', () => {
    const { repo, remote } = clientWithRemote();
    const token = githubToken();
    repo.git('tag', '-a', 'v1.0.0', '-m', `Release\n\ndeploy with ${token}`);
    const push = gitRun(repo.dir, ['push', 'origin', 'v1.0.0']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('diff-guardian: push blocked');
    expect(push.output).toContain('message of tag object');
    expect(push.output).toContain('pushed to refs/tags/v1.0.0');
    expect(push.output).toContain('<tag-message>:3');
    expect(push.output).toContain('git tag -d');
    expect(push.output).not.toContain(token);
    expect(gitRun(remote.dir, ['tag', '--list']).output).toBe('');
  });

  it('blocks the tag under --tags and --follow-tags', () => {
    const { repo, remote } = clientWithRemote();
    repo.write('src/app.ts', 'export const port = 8080;\n');
    commit(repo, 'add app');
    repo.git('tag', '-a', 'v2', '-m', `Release with ${githubToken()}`);
    for (const flag of ['--tags', '--follow-tags']) {
      const push = gitRun(repo.dir, ['push', flag, 'origin', 'main']);
      expect(push.code, flag).not.toBe(0);
      expect(push.output, flag).toContain('pushed to refs/tags/v2');
    }
    expect(gitRun(remote.dir, ['tag', '--list']).output).toBe('');
  });

  it('lets a clean annotated tag, a lightweight tag and a deletion through', () => {
    const { repo, remote } = clientWithRemote();
    repo.git('tag', '-a', 'v1', '-m', 'Release 1');
    repo.git('tag', 'light');
    expect(gitRun(repo.dir, ['push', 'origin', 'v1', 'light']).code).toBe(0);
    // A tag that reached the remote unchecked may still be deleted.
    repo.git('tag', '-a', 'leaky', '-m', `Release with ${githubToken()}`);
    expect(gitRun(repo.dir, ['push', '--no-verify', 'origin', 'leaky']).code).toBe(0);
    const deletion = gitRun(repo.dir, ['push', 'origin', ':refs/tags/leaky']);
    expect(deletion.code, deletion.output).toBe(0);
    expect(deletion.output).not.toContain('diff-guardian');
    expect(gitRun(remote.dir, ['tag', '--list']).output.split('\n').filter(Boolean).sort()).toEqual(['light', 'v1']);
  });
});

describe('pre-push hook: runtime recorded in notes', () => {
  const allowedLine = () => `export const token = '${githubToken()}'; // diff-guardian: allow secret -- fixture\n`;

  it('judges a commit as the agent recorded at commit time', () => {
    const { repo, remote } = clientWithRemote();
    repo.write('src/token.ts', allowedLine());
    // The agent skips pre-commit, but post-commit still records its runtime.
    const sha = commit(repo, 'add token', { CLAUDECODE: '1' }, '--no-verify');
    expect(repo.git('notes', `--ref=${NOTES}`, 'show', sha)).toContain('runtime claude-code via env:CLAUDECODE');

    const push = gitRun(repo.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('src/token.ts');
    expect(push.output).toContain('a commit by a coding agent cannot acknowledge its own findings');
    expect(gitRun(remote.dir, ['rev-parse', 'main']).output.trim()).not.toBe(sha);
  });

  it('lets the same commit through when a human made it', () => {
    const { repo } = clientWithRemote();
    repo.write('src/token.ts', allowedLine());
    commit(repo, 'add token');
    const push = gitRun(repo.dir, ['push', 'origin', 'main']);
    expect(push.code, push.output).toBe(0);
  });

  it('judges a commit as the agent running git push', () => {
    const { repo } = clientWithRemote();
    repo.write('src/token.ts', allowedLine());
    commit(repo, 'add token');
    const push = gitRun(repo.dir, ['push', 'origin', 'main'], { CLAUDECODE: '1' });
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('src/token.ts');
  });

  it('keeps an agent commit strict when its note is forged', () => {
    const { repo } = clientWithRemote();
    repo.write('src/token.ts', allowedLine());
    const sha = commit(repo, 'add token\n\nCo-authored-by: Claude <noreply@anthropic.com>', {}, '--no-verify');
    repo.git('notes', `--ref=${NOTES}`, 'add', '-f', '-m', 'diff-guardian verdict: allow (human)', sha);
    const push = gitRun(repo.dir, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('src/token.ts');
  });
});

describe('pre-push hook: notes of rewritten commits', () => {
  it('pushes only the note of the amended commit', () => {
    const { repo, remote } = clientWithRemote();
    repo.write('src/app.ts', 'export const port = 8080;\n');
    const first = commit(repo, 'add app');
    repo.write('src/app.ts', 'export const port = 8081;\n');
    const amended = commit(repo, 'add app', {}, '--amend');
    expect(repo.git('notes', `--ref=${NOTES}`, 'list', first)).not.toBe('');
    expect(repo.git('notes', `--ref=${NOTES}`, 'list', amended)).not.toBe('');

    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    const published = remoteNotes(remote);
    expect(published).toContain(amended);
    expect(published).not.toContain(first);
    // The local ref keeps the note of the replaced commit.
    expect(repo.git('notes', `--ref=${NOTES}`, 'list', first)).not.toBe('');
    // The next push merges the remote notes back without conflict or loss.
    repo.write('src/more.ts', 'export const more = 1;\n');
    const next = commit(repo, 'add more');
    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    expect(remoteNotes(remote)).toEqual(expect.arrayContaining([amended, next]));
    expect(remoteNotes(remote)).not.toContain(first);
  });

  it('keeps notes already on the remote after a rebase and force push', () => {
    const { repo, remote } = clientWithRemote();
    repo.write('src/a.ts', 'export const a = 1;\n');
    const pushed = commit(repo, 'add a');
    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    expect(remoteNotes(remote)).toContain(pushed);

    repo.write('src/a.ts', 'export const a = 2;\n');
    const rewritten = commit(repo, 'add a', {}, '--amend');
    expect(gitRun(repo.dir, ['push', '-q', '--force', 'origin', 'main']).code).toBe(0);
    expect(remoteNotes(remote)).toEqual(expect.arrayContaining([pushed, rewritten]));
  });

  it('leaves out notes of local branches that are not pushed', () => {
    const { repo, remote } = clientWithRemote();
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('src/topic.ts', 'export const topic = 1;\n');
    const topic = commit(repo, 'add topic');
    repo.git('checkout', '-q', 'main');
    repo.write('src/main.ts', 'export const main = 1;\n');
    const main = commit(repo, 'add main');
    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    expect(remoteNotes(remote)).toContain(main);
    expect(remoteNotes(remote)).not.toContain(topic);
    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'topic']).code).toBe(0);
    expect(remoteNotes(remote)).toContain(topic);
  });
});
