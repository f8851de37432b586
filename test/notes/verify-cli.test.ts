import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureNotes } from '../../src/notes/index.js';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';
import { awsAccessKeyId, awsSecretAccessKey, generatedSecrets } from '../helpers/secrets.js';

const REF = 'refs/notes/diff-guardian';

/** Creates a key with the keygen command and an allowed_signers file trusting it. */
function makeSigner(principal = 'ci@example.com', options = 'namespaces="diff-guardian"') {
  const dir = tempDir();
  const keyPath = join(dir, 'signing');
  const result = runCli(dir, ['keygen', '--out', keyPath, '--comment', principal]);
  expect(result.code).toBe(0);
  const publicKey = readFileSync(`${keyPath}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const signers = join(dir, 'allowed_signers');
  writeFileSync(signers, `# trusted note signers\n${principal} ${options} ${publicKey}\n`);
  return { keyPath, signers, dir };
}

function awsFile(): string {
  return [
    "import { S3Client } from '@aws-sdk/client-s3';",
    '',
    'export const s3 = new S3Client({',
    '  credentials: {',
    `    accessKeyId: '${awsAccessKeyId()}',`,
    `    secretAccessKey: '${awsSecretAccessKey()}',`,
    '  },',
    '});',
    '',
  ].join('\n');
}

/** A repository with a clean human commit and an agent commit holding an AWS key. */
function repoWithHistory() {
  const repo = TestRepo.init();
  const root = repo.write('README.md', '# demo\n').commit('init');
  const clean = repo.write('src/app.ts', 'export const port = 8080;\n').commit('add app');
  const leaky = repo.write('src/aws.ts', awsFile()).commit('connect to aws', { agent: true });
  return { repo, root, clean, leaky };
}

function noteOf(repo: TestRepo, commit: string): string {
  return repo.git('notes', `--ref=${REF}`, 'show', commit);
}

/** Replaces a commit's note with exact bytes, without git's message cleanup. */
function setNote(repo: TestRepo, commit: string, text: string): void {
  const file = join(tempDir(), 'note');
  writeFileSync(file, text);
  const oid = repo.git('hash-object', '-w', '--no-filters', file).trim();
  repo.git('notes', `--ref=${REF}`, 'add', '-f', '-C', oid, commit);
}

function verify(repo: TestRepo, signers: string, range: string) {
  const result = runCli(repo.dir, [
    'verify',
    range,
    '--allowed-signers',
    signers,
    '--format',
    'json',
  ]);
  return {
    code: result.code,
    report: JSON.parse(result.stdout) as { ok: boolean; commits: Array<Record<string, any>> },
    stderr: result.stderr,
  };
}

describe('keygen command', () => {
  it('writes a 0600 key and a public key', () => {
    const { keyPath } = makeSigner();
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyPath, 'utf8')).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(readFileSync(`${keyPath}.pub`, 'utf8')).toMatch(
      /^ssh-ed25519 [A-Za-z0-9+/=]+ ci@example\.com\n$/,
    );
    const derived = spawnSync('ssh-keygen', ['-y', '-f', keyPath], { encoding: 'utf8' });
    expect(derived.status).toBe(0);
    expect(derived.stdout.split(' ')[1]).toBe(readFileSync(`${keyPath}.pub`, 'utf8').split(' ')[1]);
  });

  it('rejects an existing output file', () => {
    const { keyPath, dir } = makeSigner();
    const before = readFileSync(keyPath, 'utf8');
    const again = runCli(dir, ['keygen', '--out', keyPath]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(keyPath, 'utf8')).toBe(before);
  });
});

describe('check --note', () => {
  it('writes a note ssh-keygen verifies', () => {
    const { repo, leaky } = repoWithHistory();
    const { keyPath, signers } = makeSigner();
    const check = runCli(repo.dir, ['check', 'HEAD', '--note', '--signing-key', keyPath]);
    expect(check.code).toBe(1);

    const note = noteOf(repo, leaky);
    const split = note.indexOf('-----BEGIN SSH SIGNATURE-----');
    expect(split).toBeGreaterThan(0);
    const sigFile = join(tempDir(), 'note.sig');
    writeFileSync(sigFile, note.slice(split));
    const args = [
      '-Y',
      'verify',
      '-f',
      signers,
      '-I',
      'ci@example.com',
      '-n',
      'diff-guardian',
      '-s',
      sigFile,
    ];
    const good = spawnSync('ssh-keygen', args, { input: note.slice(0, split), encoding: 'utf8' });
    expect(good.stdout + good.stderr).toContain('Good "diff-guardian" signature');
    expect(good.status).toBe(0);
    const bad = spawnSync('ssh-keygen', args, {
      input: note.slice(0, split).replace('"block"', '"allow"'),
      encoding: 'utf8',
    });
    expect(bad.status).not.toBe(0);
  });

  it('opens with lines a reviewer reads', () => {
    const { repo, leaky } = repoWithHistory();
    const { keyPath } = makeSigner();
    runCli(repo.dir, ['check', 'HEAD~2..HEAD', '--note'], {
      env: { DIFF_GUARDIAN_SIGNING_KEY: keyPath },
    });
    const lines = noteOf(repo, leaky).split('\n');
    expect(lines[0]).toBe('diff-guardian verdict: block');
    expect(lines[1]).toMatch(/^Findings: \d+ \(\d+ secret\)$/);
    expect(lines[2]).toMatch(/^Author: agent/);
    expect(lines.some((l) => /^ {2}block +secret\/\S+ src\/aws\.ts:\d+ /.test(l))).toBe(true);
    const note = noteOf(repo, leaky);
    for (const secret of generatedSecrets()) expect(note).not.toContain(secret);
  });

  it('records commit, tree, packs and tool', () => {
    const { repo, clean } = repoWithHistory();
    const { keyPath } = makeSigner();
    repo.git('config', 'diff-guardian.signingKey', keyPath);
    runCli(repo.dir, ['check', clean, '--note']);
    const shown = runCli(repo.dir, ['show', clean, '--format', 'json']);
    expect(shown.code).toBe(0);
    const { notes } = JSON.parse(shown.stdout);
    expect(notes).toHaveLength(1);
    const record = notes[0].record;
    expect(record.commit).toBe(clean);
    expect(record.tree).toBe(repo.git('rev-parse', `${clean}^{tree}`).trim());
    expect(record.verdict).toBe('allow');
    expect(record.packs.length).toBeGreaterThan(0);
    for (const pack of record.packs) expect(pack.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.tool.name).toBe('diff-guardian');
    expect(record.context.writtenBy).toBe('check');
    expect(notes[0].signature.status).toBe('valid');
  });

  it('rejects --note with --staged', () => {
    const { repo } = repoWithHistory();
    const result = runCli(repo.dir, ['check', '--staged', '--note']);
    expect(result.code).toBe(2);
  });
});

describe('verify command', () => {
  it('accepts good notes on a range', () => {
    const { repo } = repoWithHistory();
    const { keyPath, signers } = makeSigner();
    runCli(repo.dir, ['check', 'HEAD~2..HEAD', '--note', '--signing-key', keyPath]);
    const { code, report } = verify(repo, signers, 'HEAD~2..HEAD');
    expect(report.commits.map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(report.commits[1]!.verdict).toBe('block');
    expect(report.commits[0]!.signer).toBe('ci@example.com');
    expect(report.ok).toBe(true);
    expect(code).toBe(0);
    const text = runCli(repo.dir, ['verify', 'HEAD~2..HEAD', '--allowed-signers', signers]);
    expect(text.stdout).toContain('All 2 commit(s) have good verdict notes.');
    expect(text.stdout).toContain('1 commit(s) with a good note record a block verdict');
  });

  it('rejects a note with one changed byte', () => {
    const { repo, clean } = repoWithHistory();
    const { keyPath, signers } = makeSigner();
    runCli(repo.dir, ['check', clean, '--note', '--signing-key', keyPath]);
    const note = noteOf(repo, clean);
    const at = note.indexOf('Author: human') + 'Author: '.length;
    setNote(repo, clean, `${note.slice(0, at)}H${note.slice(at + 1)}`);
    const { code, report } = verify(repo, signers, clean);
    expect(report.commits[0]!.status).toBe('altered');
    expect(code).toBe(1);
  });

  it('rejects a note copied onto another commit', () => {
    const { repo, clean, leaky } = repoWithHistory();
    const { keyPath, signers } = makeSigner();
    runCli(repo.dir, ['check', clean, '--note', '--signing-key', keyPath]);
    repo.git('notes', `--ref=${REF}`, 'copy', clean, leaky);
    const { code, report } = verify(repo, signers, 'HEAD~2..HEAD');
    expect(report.commits).toHaveLength(2);
    expect(report.commits[0]!.status).toBe('ok');
    expect(report.commits[1]!.status).toBe('other-tree');
    expect(report.commits[1]!.detail).toContain(clean);
    expect(code).toBe(1);
  });

  it('reports missing and unsigned notes', () => {
    const { repo, root, clean } = repoWithHistory();
    const { signers } = makeSigner();
    runCli(repo.dir, ['check', clean, '--note'], { env: { DIFF_GUARDIAN_SIGNING_KEY: '' } });
    const { code, report } = verify(repo, signers, `${root}..${clean}`);
    expect(report.commits[0]!.status).toBe('unsigned');
    const other = verify(repo, signers, root);
    expect(other.report.commits[0]!.status).toBe('missing');
    expect(other.code).toBe(1);
    expect(code).toBe(1);
  });

  it('reports a key the signers file does not trust', () => {
    const { repo, clean } = repoWithHistory();
    const author = makeSigner('alice@example.com');
    const stranger = makeSigner('mallory@example.com');
    const wrongNamespace = makeSigner('alice@example.com', 'namespaces="git"');
    runCli(repo.dir, ['check', clean, '--note', '--signing-key', stranger.keyPath]);
    expect(verify(repo, author.signers, clean).report.commits[0]!.status).toBe('unknown-key');
    runCli(repo.dir, ['check', clean, '--note', '--signing-key', wrongNamespace.keyPath]);
    expect(verify(repo, wrongNamespace.signers, clean).report.commits[0]!.status).toBe(
      'unknown-key',
    );
    expect(verify(repo, stranger.signers, clean).report.commits[0]!.status).toBe('unknown-key');
  });

  it('flags notes that amend carried', () => {
    const { repo } = repoWithHistory();
    const { keyPath, signers } = makeSigner();
    configureNotes(repo.dir);
    // A repository set up by hand may have git copy notes onto rewritten commits.
    repo.git('config', 'notes.rewriteRef', REF);
    runCli(repo.dir, ['check', 'HEAD', '--note', '--signing-key', keyPath]);
    expect(repo.git('log', '-1')).toContain('diff-guardian verdict: block');

    repo.git('commit', '-q', '--amend', '--no-verify', '-m', 'connect to aws (reworded)');
    const reworded = repo.head();
    expect(noteOf(repo, reworded)).toContain('diff-guardian verdict: block');
    expect(verify(repo, signers, reworded).report.commits[0]!.status).toBe('other-commit');

    repo.write('src/aws.ts', 'export const region = "eu-west-1";\n').stage();
    repo.git('commit', '-q', '--amend', '--no-verify', '-m', 'configure aws region');
    const rewritten = repo.head();
    const result = verify(repo, signers, rewritten);
    expect(result.report.commits[0]!.status).toBe('other-tree');
    expect(result.code).toBe(1);
  });

  it('accepts a fresh note concatenated with a carried one', () => {
    const { repo, leaky } = repoWithHistory();
    const { keyPath, signers } = makeSigner();
    runCli(repo.dir, ['check', leaky, '--note', '--signing-key', keyPath]);
    const carried = repo.git('notes', `--ref=${REF}`, 'list', leaky).trim();
    repo.write('src/aws.ts', 'export const region = "eu-west-1";\n').stage();
    repo.git('commit', '-q', '--amend', '--no-verify', '-m', 'configure aws region');
    runCli(repo.dir, ['check', 'HEAD', '--note', '--signing-key', keyPath]);
    // git's default notes.rewriteMode appends the carried note after the fresh one.
    repo.git('notes', `--ref=${REF}`, 'append', '-C', carried, 'HEAD');
    expect(noteOf(repo, 'HEAD').match(/^diff-guardian verdict:/gm)).toHaveLength(2);
    const result = verify(repo, signers, 'HEAD');
    expect(result.report.commits[0]!.status).toBe('ok');
    expect(result.report.commits[0]!.verdict).toBe('allow');
  });

  it('requires an allowed signers file', () => {
    const { repo } = repoWithHistory();
    const result = runCli(repo.dir, ['verify', 'HEAD']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--allowed-signers');
  });
});

describe('show command', () => {
  it('prints the verdict and its record', () => {
    const { repo, leaky } = repoWithHistory();
    const { keyPath } = makeSigner();
    runCli(repo.dir, ['check', leaky, '--note', '--signing-key', keyPath]);
    const shown = runCli(repo.dir, ['show', leaky]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Verdict note of commit ${leaky}`);
    expect(shown.stdout).toContain('diff-guardian verdict: block');
    expect(shown.stdout).toContain('Signature:   valid by SHA256:');
    expect(shown.stdout).toMatch(/Pack: +default \(rules\/default\.yml\) sha256:[0-9a-f]{64}/);
  });

  it('exits 1 for a commit without a note', () => {
    const { repo } = repoWithHistory();
    const shown = runCli(repo.dir, ['show', 'HEAD']);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('has no verdict note');
  });
});
