import { describe, expect, it } from 'vitest';
import { runCli, TestRepo } from '../helpers/repo.js';
import { cleanEnv, gitRun } from './server-helpers.js';

// pre-push leaves out commits that a remote-tracking ref of the remote
// reaches. Such a ref can be stale, because the branch was deleted or
// rewritten on the server since the last fetch, or it can be written by hand.
// A commit it reaches may then never have been judged, so an agent's merge of
// it is judged in full.

const ALLOWED_CHMOD = 'chmod 777 /srv/scratch  # diff-guardian: allow permission/chmod-permissive -- shared scratch folder\n';

function mergeAsAgent(repo: TestRepo): void {
  repo.git('merge', '-q', '--no-ff', '--no-commit', 'side');
  repo.git('commit', '-q', '--no-verify', '-m', 'merge side\n\nCo-authored-by: Claude <noreply@anthropic.com>');
}

describe('pre-push of an agent merge', () => {
  it('judges side commits a remote-tracking ref hides', () => {
    const remote = TestRepo.init({ bare: true });
    const repo = TestRepo.init();
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.write('README.md', '# demo\n').write('scripts/setup.sh', '#!/bin/sh\necho setup\n').commit('init');
    expect(runCli(repo.dir, ['install'], { env: cleanEnv() }).code).toBe(0);
    expect(gitRun(repo.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);

    repo.git('checkout', '-q', '-b', 'side');
    const side = repo.write('scripts/setup.sh', `#!/bin/sh\necho setup\n${ALLOWED_CHMOD}`).commit('open the scratch folder');
    repo.git('checkout', '-q', 'main');
    repo.write('src/a.ts', 'export const a = 1;\n').commit('add a');
    mergeAsAgent(repo);
    // The remote has never had the side commit, but this ref makes pre-push leave it out.
    repo.git('update-ref', 'refs/remotes/origin/side', side);

    const hidden = gitRun(repo.dir, ['push', 'origin', 'main']);
    expect(hidden.code).not.toBe(0);
    expect(hidden.output).toContain('scripts/setup.sh');
    expect(hidden.output).toContain('diff-guardian: push blocked');

    repo.git('update-ref', '-d', 'refs/remotes/origin/side');
    const judged = gitRun(repo.dir, ['push', 'origin', 'main']);
    expect(judged.output).not.toContain('diff-guardian: push blocked');
    expect(judged.code).toBe(0);
  });
});
