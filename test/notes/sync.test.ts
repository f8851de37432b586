import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configureNotes, forcedNotesRefspecs } from '../../src/notes/index.js';
import { git, runCli, tempDir, TestRepo } from '../helpers/repo.js';

const REF = 'refs/notes/diff-guardian';

/** A bare hub with two clones, alice and bob, each configured for verdict notes. */
function hubWithClones() {
  const hub = TestRepo.init({ bare: true });
  const clone = (name: string) => {
    const dir = `${tempDir()}/${name}`;
    git(hub.dir, ['clone', '-q', hub.dir, dir]);
    const repo = new TestRepo(dir);
    configureNotes(repo.dir, { fetchFrom: ['origin'] });
    return repo;
  };
  return { hub, alice: clone('alice'), bob: clone('bob') };
}

function noteOf(repo: TestRepo, commit: string): string {
  return repo.git('notes', `--ref=${REF}`, 'show', commit);
}

function cli(repo: TestRepo, args: string[]) {
  const result = runCli(repo.dir, args);
  expect(result.stderr).not.toContain('internal error');
  return result;
}

describe('notes sync', () => {
  it('keeps unpushed local notes and fetched remote notes', () => {
    const { hub, alice, bob } = hubWithClones();
    const a1 = alice.commit('a1', { allowEmpty: true });
    cli(alice, ['check', a1, '--note']);

    const b1 = bob.commit('b1', { allowEmpty: true });
    bob.git('push', '-q', 'origin', 'HEAD:main');
    cli(bob, ['check', b1, '--note']);
    expect(cli(bob, ['notes', 'sync', 'origin', '--push']).code).toBe(0);

    alice.git('fetch', '-q');
    expect(noteOf(alice, a1)).toContain('diff-guardian verdict: allow');
    expect(cli(alice, ['notes', 'sync']).code).toBe(0);
    expect(noteOf(alice, a1)).toContain('diff-guardian verdict: allow');
    expect(noteOf(alice, b1)).toContain(`"commit": "${b1}"`);

    expect(cli(alice, ['notes', 'sync', 'origin', '--push']).code).toBe(0);
    const onHub = hub.git('notes', `--ref=${REF}`, 'list').trim().split('\n');
    expect(onHub).toHaveLength(2);
    expect(cli(bob, ['notes', 'sync']).code).toBe(0);
    expect(noteOf(bob, a1)).toContain(`"commit": "${a1}"`);
  });

  it('keeps both notes of one commit', () => {
    const { alice, bob } = hubWithClones();
    const b1 = bob.commit('b1', { allowEmpty: true });
    bob.git('push', '-q', 'origin', 'HEAD:main');
    alice.git('fetch', '-q');
    cli(alice, ['check', b1, '--note']);
    cli(bob, ['check', b1, '--note']);
    cli(bob, ['notes', 'sync', 'origin', '--push']);

    expect(cli(alice, ['notes', 'sync', 'origin']).code).toBe(0);
    const note = noteOf(alice, b1);
    expect(note.match(/^diff-guardian verdict: allow$/gm)).toHaveLength(2);
    const shown = JSON.parse(cli(alice, ['show', b1, '--format', 'json']).stdout);
    expect(shown.notes).toHaveLength(2);
    for (const entry of shown.notes) expect(entry.record.commit).toBe(b1);
  });

  it('reports a remote without notes', () => {
    const { alice } = hubWithClones();
    const result = cli(alice, ['notes', 'sync']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('origin has no verdict notes yet');
  });
});

describe('audit from a plain clone', () => {
  it('verifies every commit of a branch', () => {
    const { hub, alice } = hubWithClones();
    const keyDir = tempDir();
    cli(alice, ['keygen', '--out', `${keyDir}/signing`, '--comment', 'ci@example.com']);
    const publicKey = readFileSync(`${keyDir}/signing.pub`, 'utf8')
      .split(' ')
      .slice(0, 2)
      .join(' ');
    writeFileSync(
      `${keyDir}/allowed_signers`,
      `ci@example.com namespaces="diff-guardian" ${publicKey}\n`,
    );
    const shas = ['one', 'two', 'three'].map((name) =>
      alice.write(`${name}.txt`, `${name}\n`).commit(name),
    );
    cli(alice, [
      'check',
      `${shas[0]}`,
      `${shas[1]}`,
      `${shas[2]}`,
      '--note',
      '--signing-key',
      `${keyDir}/signing`,
    ]);
    alice.git('push', '-q', 'origin', 'HEAD:main');
    cli(alice, ['notes', 'sync', '--push']);

    const auditor = new TestRepo(`${tempDir()}/audit`);
    git(hub.dir, ['clone', '-q', '--branch', 'main', hub.dir, auditor.dir]);
    const before = runCli(auditor.dir, [
      'verify',
      '--reachable',
      'origin/main',
      '--allowed-signers',
      `${keyDir}/allowed_signers`,
    ]);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('3 of 3 commit(s) failed verification.');

    auditor.git('fetch', '-q', 'origin', `${REF}:${REF}`);
    const after = runCli(auditor.dir, [
      'verify',
      '--reachable',
      'origin/main',
      '--allowed-signers',
      `${keyDir}/allowed_signers`,
    ]);
    expect(after.stdout).toContain('All 3 commit(s) have good verdict notes.');
    expect(after.code).toBe(0);
  });
});

describe('configureNotes', () => {
  it('adds display and fetch settings once', () => {
    const { alice } = hubWithClones();
    const again = configureNotes(alice.dir, { fetchFrom: ['origin'] });
    expect(again.added).toEqual([]);
    expect(alice.git('config', '--get-all', 'notes.displayRef').trim()).toBe(REF);
    // git config exits 1 for a key that has no value.
    expect(() => alice.git('config', '--get-all', 'notes.rewriteRef')).toThrow();
    const fetch = alice.git('config', '--get-all', 'remote.origin.fetch').trim().split('\n');
    expect(fetch).toContain(`${REF}*:refs/notes/remotes/origin/diff-guardian*`);
    expect(fetch.filter((spec) => spec.startsWith('+refs/notes/'))).toEqual([]);
  });

  it('runs from the notes configure command', () => {
    const repo = TestRepo.init();
    repo.git('remote', 'add', 'upstream', tempDir());
    const first = runCli(repo.dir, ['notes', 'configure', 'upstream']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`set notes.displayRef=${REF}`);
    expect(repo.git('config', '--get-all', 'remote.upstream.fetch')).toContain(
      `${REF}*:refs/notes/remotes/upstream/diff-guardian*`,
    );
    const second = runCli(repo.dir, ['notes', 'configure', 'upstream']);
    expect(second.stderr).toContain('notes settings already present');
  });

  it('warns about a forced notes refspec', () => {
    const { alice } = hubWithClones();
    alice.git('config', '--add', 'remote.origin.fetch', '+refs/notes/*:refs/notes/*');
    const warnings = forcedNotesRefspecs(alice.dir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('remote.origin.fetch +refs/notes/*:refs/notes/*');
    expect(configureNotes(alice.dir).warnings).toHaveLength(1);
  });
});
