import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { headerPath, secretDetectorsOf } from '../../src/engine/commit-headers.js';
import { defaultDetectors } from '../../src/detectors/index.js';
import { readCommitInfos } from '../../src/git/commits.js';
import { extraHeaders } from '../../src/git/raw-messages.js';
import { generatedSecrets, githubToken, randomBase64, remember } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../helpers/repo.js';
import { gitRun, serverWithHooks } from '../hooks/server-helpers.js';

const IDENTITY = 'Dev <dev@example.com> 1700000000 +0000';

function expectNoSecretIn(output: string): void {
  for (const secret of generatedSecrets()) expect(output).not.toContain(secret);
}

/**
 * Writes a commit object on top of HEAD, with the same tree, that carries
 * `headers` (raw header lines, continuation lines starting with a space)
 * after committer, and moves the current branch to it.
 */
function craftedCommit(repo: TestRepo, headers: string[], message = 'update\n'): string {
  const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
  const parent = repo.git('rev-parse', 'HEAD').trim();
  const body = [`tree ${tree}`, `parent ${parent}`, `author ${IDENTITY}`, `committer ${IDENTITY}`, ...headers, '', message].join('\n');
  const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: body, encoding: 'utf8' }).trim();
  repo.git('update-ref', 'HEAD', sha);
  return sha;
}

/** Returns the lines of a `mergetag` header embedding an annotated tag with `tagMessage`, signed when `signed`. */
function mergetag(tagMessage: string[], signed = false): string[] {
  const signature = signed
    ? ['-----BEGIN PGP SIGNATURE-----', '', ...randomBase64(192).match(/.{1,64}/g)!, '-----END PGP SIGNATURE-----']
    : [];
  const lines = [`object ${'1'.repeat(40)}`, 'type commit', 'tag v1.2.0', `tagger ${IDENTITY}`, '', ...tagMessage, ...signature];
  return [`mergetag ${lines[0]}`, ...lines.slice(1).map((line) => ` ${line}`)];
}

function repoWithRoot(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  return repo;
}

describe('commit header parsing', () => {
  it('keeps extra headers and drops the known ones', () => {
    const headers = extraHeaders(
      [`tree ${'a'.repeat(40)}`, `parent ${'b'.repeat(40)}`, `author ${IDENTITY}`, `committer ${IDENTITY}`, 'encoding ISO-8859-1', 'x-build-id 42', ' second line'].join('\n'),
    );
    expect(headers).toEqual([
      { name: 'encoding', text: 'encoding ISO-8859-1' },
      { name: 'x-build-id', text: 'x-build-id 42\nsecond line' },
    ]);
  });

  it('reads signature headers whole', () => {
    const block = [
      `tree ${'a'.repeat(40)}`,
      `author ${IDENTITY}`,
      `committer ${IDENTITY}`,
      'gpgsig -----BEGIN PGP SIGNATURE-----',
      ' ',
      ` ${randomBase64(64)}`,
      ' -----END PGP SIGNATURE-----',
      ...mergetag(['Release 1.2.0'], true),
    ].join('\n');
    const headers = extraHeaders(block);
    expect(headers.map((h) => h.name)).toEqual(['gpgsig', 'mergetag']);
    expect(headers[1]!.text).toContain('Release 1.2.0');
  });

  it('reads headers into commit infos', () => {
    const repo = repoWithRoot();
    const sha = craftedCommit(repo, ['x-ticket PROJ-12']);
    expect(readCommitInfos(repo.dir, [sha]).get(sha)!.headers).toEqual([{ name: 'x-ticket', text: 'x-ticket PROJ-12' }]);
    const plain = repo.write('a.txt', 'a\n').commit('plain');
    expect(readCommitInfos(repo.dir, [plain]).get(plain)!.headers).toBeUndefined();
  });

  it('names headers without their secrets', () => {
    expect(headerPath('mergetag')).toBe('<commit-header mergetag>');
    expect(headerPath('x y\u0000z')).toBe('<commit-header x?y?z>');
    const token = githubToken();
    expect(headerPath(token)).not.toContain(token.slice(4, 20));
  });
});

describe('secretDetectorsOf', () => {
  it('gives one array per detector list', () => {
    // The shared literal pass declares keywords once per list array, so a new array per commit
    // with headers would declare them again for every such commit.
    const detectors = defaultDetectors();
    const secrets = secretDetectorsOf(detectors);
    expect(secretDetectorsOf(detectors)).toBe(secrets);
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.every((detector) => detector.meta.category === 'secret')).toBe(true);
  });
});

describe('secrets in commit headers', () => {
  it('reports a token in a custom header', () => {
    const repo = repoWithRoot();
    const token = githubToken();
    const sha = craftedCommit(repo, [`x-deploy-token ${token}`]);
    const result = runCli(repo.dir, ['check', sha, '--format', 'json']);
    expectNoSecretIn(result.stdout + result.stderr);
    expect(result.code).toBe(1);
    const finding = jsonOf(result).findings.find((f) => f.ruleId === 'secret/github-token')!;
    expect(finding.file).toBe('<commit-header x-deploy-token>');
    expect(finding.line).toBe(1);
    expect(finding.action).toBe('block');
  });

  it('reports a token in a mergetag message', () => {
    const repo = repoWithRoot();
    const token = githubToken();
    const sha = craftedCommit(repo, mergetag(['Release 1.2.0', '', `CI token: ${token}`], true));
    const result = runCli(repo.dir, ['check', sha, '--format', 'json']);
    expectNoSecretIn(result.stdout + result.stderr);
    expect(result.code).toBe(1);
    const finding = jsonOf(result).findings.find((f) => f.ruleId === 'secret/github-token')!;
    expect(finding.file).toBe('<commit-header mergetag>');
    // Lines of the header: object, type, tag, tagger, blank, subject, blank, then the token.
    expect(finding.line).toBe(8);
  });

  it('reports a header named by a token without showing it', () => {
    const repo = repoWithRoot();
    const token = githubToken();
    const sha = craftedCommit(repo, [`${token} set`]);
    const result = runCli(repo.dir, ['check', sha, '--format', 'json']);
    expectNoSecretIn(result.stdout + result.stderr);
    expect(result.code).toBe(1);
    expect(jsonOf(result).findings.some((f) => f.file.startsWith('<commit-header '))).toBe(true);
  });

  it('passes a signed mergetag with a plain message', () => {
    const repo = repoWithRoot();
    const sha = craftedCommit(repo, ['encoding UTF-8', ...mergetag(['Release 1.2.0', '', 'Fixes the parser.'], true)]);
    const result = runCli(repo.dir, ['check', sha, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).findings).toEqual([]);
  });

  it('reports a token written into a gpgsig header', () => {
    const repo = repoWithRoot();
    const token = githubToken();
    const sha = craftedCommit(repo, [`gpgsig ${token}`]);
    const result = runCli(repo.dir, ['check', sha, '--format', 'json']);
    expectNoSecretIn(result.stdout + result.stderr);
    expect(result.code).toBe(1);
    expect(jsonOf(result).findings.find((f) => f.ruleId === 'secret/github-token')!.file).toBe('<commit-header gpgsig>');
  });

  it('passes a real signature header', () => {
    const repo = repoWithRoot();
    const signature = ['gpgsig -----BEGIN SSH SIGNATURE-----', ...randomBase64(256).match(/.{1,70}/g)!.map((l) => ` ${l}`), ' -----END SSH SIGNATURE-----'];
    const sha = craftedCommit(repo, signature);
    const result = runCli(repo.dir, ['check', sha, '--format', 'json']);
    expect(result.code).toBe(0);
  });

  it('rejects a pushed header secret on the server', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    const token = remember(githubToken());
    craftedCommit(work, [`x-deploy-token ${token}`]);
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expectNoSecretIn(push.output);
    expect(push.code).not.toBe(0);
    expect(push.output).toContain('remote: diff-guardian: push rejected');
    expect(push.output).toMatch(/<commit-header x-deploy-token>:1 +block +secret\/github-token/);
  });

  it('rejects a pushed mergetag secret on the server', () => {
    const { work } = serverWithHooks();
    work.write('README.md', '# demo\n').commit('init');
    expect(gitRun(work.dir, ['push', '-q', 'origin', 'main']).code).toBe(0);
    craftedCommit(work, mergetag(['Release 1.2.0', '', `token ${githubToken()}`]));
    const push = gitRun(work.dir, ['push', 'origin', 'main']);
    expectNoSecretIn(push.output);
    expect(push.code).not.toBe(0);
    expect(push.output).toMatch(/<commit-header mergetag>:8 +block +secret\/github-token/);
  });
});
