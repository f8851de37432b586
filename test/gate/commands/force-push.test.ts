import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/force-push.js';
import { findProject } from '../../../src/gate/project.js';
import { defaultPolicy } from '../../../src/packs/load.js';
import { TestRepo } from '../../helpers/repo.js';
import { commandFindings, expectOneCommandFinding } from '../helpers.js';

const RULE = 'permission/shell-force-push';

// The repository is on `main`, so a push without a refspec pushes main.
const repo = TestRepo.init({ branch: 'main' });
repo.write('README.md', '# demo\n').commit('init');
const onMain = findProject(repo.dir);
const feature = TestRepo.init({ branch: 'feature/login' });
feature.write('README.md', '# demo\n').commit('init');
const onFeature = findProject(feature.dir);

const flag: Array<[string, string]> = [
  ['git push --force origin main', 'forced'],
  ['git push -f origin master', 'forced'],
  ['git push --force-with-lease origin main', 'forced'],
  ['git push --force-with-lease=main:abc123 origin main', 'forced'],
  ['git push origin +main', 'forced'],
  ['git push origin +HEAD:refs/heads/main', 'forced'],
  ['git push -f origin HEAD:release/2.0', 'forced'],
  ['git push -f', 'forced'],
  ['git push --force origin', 'forced'],
  ['git push origin --delete main', 'deleted'],
  ['git push origin :master', 'deleted'],
  ['git push --mirror --force backup', 'mirror'],
];

const pass: string[] = [
  'git push origin main',
  'git push --force origin feature/login',
  'git push -f origin HEAD:topic',
  'git push origin +topic',
  'git push --force-if-includes origin main',
  'git push origin --delete old-topic',
  'echo git push -f origin main',
];

describe(RULE, () => {
  it.each(flag)('flags %s', async (command, kind) => {
    const finding = expectOneCommandFinding(await commandFindings(detector, command, { project: onMain }), RULE);
    expect(finding.action).toBe('block');
    const fragment = { forced: 'force-pushes to the protected branch', deleted: 'deletes the protected branch', mirror: 'every branch' }[kind]!;
    expect(finding.message).toContain(fragment);
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command, { project: onMain })).toEqual([]);
  });

  it('passes a plain force push from a feature branch', async () => {
    expect(await commandFindings(detector, 'git push -f', { project: onFeature })).toEqual([]);
  });

  it('protects the branches the config lists', async () => {
    const policy = defaultPolicy();
    policy.server.protectNonFastForward = ['refs/heads/production', 'stable/*'];
    const production = await commandFindings(detector, 'git push -f origin production', { project: onMain, policy });
    expect(production).toHaveLength(1);
    const stable = await commandFindings(detector, 'git push -f origin stable/1.x', { project: onMain, policy });
    expect(stable).toHaveLength(1);
    expect(await commandFindings(detector, 'git push -f origin main', { project: onMain, policy })).toEqual([]);
  });
});
