import { beforeAll, describe, expect, it } from 'vitest';
import { notesIdentity, parseGitVars, readGitVars } from '../../src/notes/identity.js';
import { resolveSigningKey } from '../../src/notes/signing-key.js';
import { TestRepo } from '../helpers/repo.js';

const FALLBACK = /^diff-guardian <diff-guardian@localhost> \d+ [+-]\d{4}$/;

beforeAll(() => {
  // git var runs in this process: no user config, and no identity unless a test gives one.
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  process.env.GIT_CONFIG_GLOBAL = '/dev/null';
  for (const name of ['NAME', 'EMAIL', 'DATE']) {
    delete process.env[`GIT_AUTHOR_${name}`];
    delete process.env[`GIT_COMMITTER_${name}`];
  }
  delete process.env.EMAIL;
  delete process.env.DIFF_GUARDIAN_SIGNING_KEY;
});

function varsOf(config: string[], author: string, committer = author): string {
  return [...config, `GIT_COMMITTER_IDENT=${committer}`, `GIT_AUTHOR_IDENT=${author}`, 'GIT_EDITOR=vi', ''].join('\n');
}

describe('parseGitVars', () => {
  it('reads identities and last config values', () => {
    const vars = parseGitVars(varsOf(['user.name=First', 'user.name=Last', 'core.bare'], 'A <a@x> 1 +0000', 'C <c@x> 2 +0000'));

    expect(vars.author).toBe('A <a@x> 1 +0000');
    expect(vars.committer).toBe('C <c@x> 2 +0000');
    expect(vars.config.get('user.name')).toBe('Last');
    expect(vars.config.get('core.bare')).toBe('');
  });

  it('takes the identity git prints after the config', () => {
    const text = ['alias.x=!echo', 'GIT_COMMITTER_IDENT=Fake <f@x> 1 +0000', varsOf([], 'Real <r@x> 5 +0000')].join('\n');

    expect(parseGitVars(text).committer).toBe('Real <r@x> 5 +0000');
  });
});

describe('notesIdentity', () => {
  it('stamps a configured identity with now', () => {
    const vars = parseGitVars(varsOf(['user.name=Dana', 'user.email=dana@example.com'], 'Dana <dana@example.com> 1000 +0200'));
    const before = Math.floor(Date.now() / 1000);
    const identity = notesIdentity('/nonexistent', vars, {});
    const [seconds, zone] = identity.committer.split(' ').slice(-2);

    expect(identity.author.startsWith('Dana <dana@example.com> ')).toBe(true);
    expect(Number(seconds)).toBeGreaterThanOrEqual(before);
    expect(zone).toBe('+0200');
  });

  it('keeps the date git read from GIT_AUTHOR_DATE', () => {
    const vars = parseGitVars(varsOf([], 'Agent <agent@example.com> 1577836800 +0000', 'Dana <dana@example.com> 1000 +0000'));
    const env = { GIT_AUTHOR_NAME: 'Agent', GIT_AUTHOR_EMAIL: 'agent@example.com', GIT_AUTHOR_DATE: '@1577836800 +0000', EMAIL: 'dana@example.com', GIT_COMMITTER_NAME: 'Dana' };

    expect(notesIdentity('/nonexistent', vars, env).author).toBe('Agent <agent@example.com> 1577836800 +0000');
  });

  it('uses the diff-guardian identity where git has none', () => {
    const repo = TestRepo.init();
    repo.git('config', 'user.useConfigOnly', 'true');
    const vars = parseGitVars(varsOf(['user.useconfigonly=true'], 'runner <runner@host.(none)> 1000 +0000'));
    const identity = notesIdentity(repo.dir, vars, {});

    expect(identity.author).toMatch(FALLBACK);
    expect(identity.committer).toMatch(FALLBACK);
  });

  it('asks git about a name that is only punctuation', () => {
    const repo = TestRepo.init();
    repo.git('config', 'user.name', '.');
    repo.git('config', 'user.email', 'dot@example.com');
    const vars = parseGitVars(varsOf(['user.name=.', 'user.email=dot@example.com'], '. <dot@example.com> 1000 +0000'));

    expect(notesIdentity(repo.dir, vars, {}).committer).toMatch(FALLBACK);
  });

  it('reads the configured identity of a repository', async () => {
    const repo = TestRepo.init();
    repo.git('config', 'user.name', 'Riley Repo');
    repo.git('config', 'user.email', 'riley@example.com');
    const identity = notesIdentity(repo.dir, await readGitVars(repo.dir));

    expect(identity.author).toMatch(/^Riley Repo <riley@example\.com> \d+ [+-]\d{4}$/);
    expect(identity.committer).toMatch(/^Riley Repo <riley@example\.com> \d+ [+-]\d{4}$/);
  });
});

describe('resolveSigningKey with listed config', () => {
  it('expands ~/ as git config --type=path does', () => {
    const config = new Map([['diff-guardian.signingkey', '~/keys/notes']]);

    expect(resolveSigningKey('/repo', undefined, config)).toBe(`${process.env.HOME}/keys/notes`);
  });

  it('resolves a relative path against the repository', () => {
    expect(resolveSigningKey('/repo', undefined, new Map([['diff-guardian.signingkey', 'keys/notes']]))).toBe('/repo/keys/notes');
  });

  it('returns null when the key is not set', () => {
    expect(resolveSigningKey('/repo', undefined, new Map([['user.name', 'Dana']]))).toBeNull();
  });
});
