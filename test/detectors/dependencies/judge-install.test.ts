import { describe, expect, it } from 'vitest';
import { judgeInstall } from '../../../src/detectors/dependencies/judge-install.js';

const ruleIds = (results: ReturnType<typeof judgeInstall>): string[] => results.map((r) => r.ruleId).sort();

describe('judgeInstall', () => {
  it('reports a plain registry package as new', () => {
    const results = judgeInstall({ ecosystem: 'npm', name: 'left-pad', spec: '^1.3.0' });
    expect(ruleIds(results)).toEqual(['dependency/new-dependency']);
    expect(results[0]!.severity).toBe('info');
    expect(results[0]!.message).toContain('left-pad');
    expect(results[0]!.category).toBe('dependency');
  });

  it('blocks a typosquat of a popular npm name', () => {
    const results = judgeInstall({ ecosystem: 'npm', name: 'browserlist' });
    const squat = results.find((r) => r.ruleId === 'dependency/typosquat');
    expect(squat?.severity).toBe('block');
    expect(squat?.message).toContain('browserslist');
  });

  it('finds no typosquat for the popular name itself', () => {
    const results = judgeInstall({ ecosystem: 'npm', name: 'browserslist' });
    expect(ruleIds(results)).toEqual(['dependency/new-dependency']);
  });

  it('blocks a typosquat on pypi', () => {
    const results = judgeInstall({ ecosystem: 'pypi', name: 'reqeusts' });
    expect(ruleIds(results)).toContain('dependency/typosquat');
  });

  it('blocks git and URL sources', () => {
    const git = judgeInstall({ ecosystem: 'pypi', name: 'acme-internal-tool', spec: 'git+https://example.test/tool.git' });
    expect(ruleIds(git)).toEqual(['dependency/non-registry-source']);
    const tarball = judgeInstall({ ecosystem: 'npm', name: 'tool', spec: 'https://example.test/tool-1.0.0.tgz' });
    expect(ruleIds(tarball)).toEqual(['dependency/non-registry-source']);
    const shorthand = judgeInstall({ ecosystem: 'npm', name: 'tool', spec: 'someone/tool#main' });
    expect(shorthand[0]!.message).toContain('GitHub repository');
  });

  it('reports a denied package with its reason', () => {
    const policy = { deny: [{ name: 'event-stream', versions: '3.3.6', reason: 'compromised release' }] };
    const results = judgeInstall({ ecosystem: 'npm', name: 'event-stream', spec: '3.3.6' }, policy);
    expect(ruleIds(results)).toEqual(['dependency/denied-package']);
    expect(results[0]!.message).toContain('compromised release');
    expect(judgeInstall({ ecosystem: 'npm', name: 'event-stream', spec: '4.0.1' }, policy).map((r) => r.ruleId)).not.toContain(
      'dependency/denied-package',
    );
  });

  it('skips allowlisted packages by glob', () => {
    const policy = { allow: [{ name: '@acme/*', ecosystem: 'npm' as const }] };
    expect(judgeInstall({ ecosystem: 'npm', name: '@acme/widgets' }, policy)).toEqual([]);
    expect(judgeInstall({ ecosystem: 'pypi', name: 'acme-widgets' }, policy)).not.toEqual([]);
  });

  it('requires an exact version when requirePinned is set', () => {
    const policy = { requirePinned: true };
    expect(ruleIds(judgeInstall({ ecosystem: 'pypi', name: 'flask', spec: '>=2' }, policy))).toContain(
      'dependency/unpinned-version',
    );
    expect(ruleIds(judgeInstall({ ecosystem: 'pypi', name: 'flask', spec: '==3.0.3' }, policy))).not.toContain(
      'dependency/unpinned-version',
    );
    expect(ruleIds(judgeInstall({ ecosystem: 'go', name: 'golang.org/x/net', spec: 'v0.25.0' }, policy))).toEqual([
      'dependency/new-dependency',
    ]);
  });
});
