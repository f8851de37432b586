import { describe, expect, it } from 'vitest';
import { findingsOfFiles, packageJson, scanFiles, summary } from './scan.js';

const BASE_DEPS = { dependencies: { express: '^4.19.2' }, devDependencies: { eslint: '^9.9.0' } };

function manifest(change: Record<string, unknown>): string {
  return packageJson({ ...BASE_DEPS, ...change });
}

describe('package.json', () => {
  it('blocks a typosquat added to devDependencies', async () => {
    const verdict = await scanFiles({
      'package.json': {
        old: manifest({}),
        new: manifest({ devDependencies: { browserlist: '^1.0.1', eslint: '^9.9.0' } }),
      },
    });
    expect(verdict.findings).toHaveLength(1);
    const squats = verdict.findings.filter((f) => f.ruleId === 'dependency/typosquat');
    expect(squats).toHaveLength(1);
    expect(squats[0]!.action).toBe('block');
    expect(squats[0]!.line).toBe(8);
    expect(squats[0]!.message).toContain('browserslist');
    expect(verdict.verdict).toBe('block');
  });

  it('finds no typosquat in the real popular name', async () => {
    const findings = await findingsOfFiles({
      'package.json': {
        old: manifest({}),
        new: manifest({ devDependencies: { browserslist: '^4.24.0', eslint: '^9.9.0' } }),
      },
    });
    expect(summary(findings)).toEqual(['dependency/new-dependency package.json:8']);
    expect(findings[0]!.action).toBe('warn');
  });

  it('allows a new dependency from a human', async () => {
    const verdict = await scanFiles(
      { 'package.json': { old: manifest({}), new: manifest({ dependencies: { express: '^4.19.2', zod: '^3.23.8' } }) } },
      { agent: false },
    );
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(['dependency/new-dependency']);
    expect(verdict.verdict).toBe('allow');
  });

  const flag: Array<{ name: string; deps: Record<string, string>; rule: string; messageId?: string }> = [
    { name: 'git URL', deps: { tool: 'git+https://example.test/tool.git#main' }, rule: 'dependency/non-registry-source' },
    { name: 'GitHub shorthand', deps: { tool: 'someone/tool' }, rule: 'dependency/non-registry-source' },
    { name: 'github: prefix', deps: { tool: 'github:someone/tool#v1' }, rule: 'dependency/non-registry-source' },
    { name: 'tarball URL', deps: { tool: 'https://example.test/tool-1.0.0.tgz' }, rule: 'dependency/non-registry-source' },
    { name: 'file: path', deps: { tool: 'file:../tool' }, rule: 'dependency/non-registry-source' },
    { name: 'link: path', deps: { tool: 'link:../tool' }, rule: 'dependency/non-registry-source' },
    { name: 'homoglyph name', deps: { 'l0dash': '^4.17.21' }, rule: 'dependency/typosquat' },
    { name: 'scope confusion', deps: { 'types-node': '^20.0.0' }, rule: 'dependency/typosquat' },
    { name: 'swapped separator', deps: { 'lodash.merge': '^4.6.2', 'lodashmerge': '^1.0.0' }, rule: 'dependency/typosquat' },
  ];
  for (const testCase of flag) {
    it(`flags ${testCase.name}`, async () => {
      const findings = await findingsOfFiles({
        'package.json': { old: manifest({}), new: manifest({ dependencies: { express: '^4.19.2', ...testCase.deps } }) },
      });
      const hit = findings.find((f) => f.ruleId === testCase.rule);
      expect(hit, summary(findings).join('\n')).toBeDefined();
      expect(hit!.file).toBe('package.json');
      expect(hit!.line).toBeGreaterThan(3);
      expect(hit!.action).toBe('block');
    });
  }

  const specChanges: Array<{ old: string; new: string; rule: string | null; action?: string }> = [
    { old: '^4.19.2', new: '*', rule: 'dependency/range-loosened', action: 'warn' },
    { old: '^4.19.2', new: 'latest', rule: 'dependency/range-loosened', action: 'warn' },
    { old: '^4.19.2', new: '>=4.19.2', rule: 'dependency/range-loosened', action: 'warn' },
    { old: '~4.19.2', new: '^4.19.2', rule: 'dependency/range-loosened', action: 'allow' },
    { old: '^4.19.2', new: '^5.0.0', rule: 'dependency/major-upgrade', action: 'allow' },
    { old: '^4.19.2', new: '^4.21.0', rule: null },
    { old: '^4.19.2', new: '^4.19.3', rule: null },
    { old: '4.19.2', new: '4.19.3', rule: null },
  ];
  for (const change of specChanges) {
    it(`judges ${change.old} to ${change.new}`, async () => {
      const findings = await findingsOfFiles({
        'package.json': { old: manifest({ dependencies: { express: change.old } }), new: manifest({ dependencies: { express: change.new } }) },
      });
      if (change.rule === null) {
        expect(summary(findings)).toEqual([]);
        return;
      }
      expect(summary(findings)).toEqual([`${change.rule} package.json:5`]);
      expect(findings[0]!.action).toBe(change.action);
      expect(findings[0]!.message).toContain(change.old);
    });
  }

  it('blocks an added postinstall script', async () => {
    const findings = await findingsOfFiles({
      'package.json': {
        old: manifest({ scripts: { test: 'vitest' } }),
        new: manifest({ scripts: { test: 'vitest', postinstall: 'node setup.js' } }),
      },
    });
    expect(summary(findings)).toEqual(['dependency/install-script package.json:12']);
    expect(findings[0]!.action).toBe('block');
  });

  it('ignores an unchanged install script', async () => {
    const scripts = { prepare: 'husky' };
    const findings = await findingsOfFiles({
      'package.json': { old: manifest({ scripts }), new: manifest({ scripts, description: 'x' }) },
    });
    expect(findings).toEqual([]);
  });

  const pass: Array<{ name: string; old: string; new: string }> = [
    {
      name: 'a removed dependency',
      old: manifest({}),
      new: packageJson({ dependencies: {}, devDependencies: { eslint: '^9.9.0' } }),
    },
    {
      name: 'a move between sections',
      old: manifest({}),
      new: packageJson({ dependencies: { express: '^4.19.2', eslint: '^9.9.0' }, devDependencies: {} }),
    },
    {
      name: 'a reformatted manifest',
      old: manifest({}),
      new: JSON.stringify({ name: 'app', version: '1.0.0', ...BASE_DEPS }, null, 4),
    },
    { name: 'a workspace dependency', old: manifest({}), new: manifest({ dependencies: { express: '^4.19.2', '@app/ui': 'workspace:*' } }) },
    { name: 'broken JSON', old: manifest({}), new: '{ "dependencies": { "evil": "git+https://x.test/e.git" ' },
  ];
  for (const testCase of pass) {
    it(`passes ${testCase.name}`, async () => {
      const findings = await findingsOfFiles({ 'package.json': { old: testCase.old, new: testCase.new } });
      expect(summary(findings)).toEqual([]);
    });
  }

  it('reads a package.json under node_modules as vendored', async () => {
    const findings = await findingsOfFiles({
      'node_modules/x/package.json': { old: manifest({}), new: manifest({ dependencies: { tool: 'someone/tool' } }) },
    });
    expect(findings).toEqual([]);
  });
});

describe('dependency policy', () => {
  it('blocks a denied package and version range', async () => {
    const findings = await findingsOfFiles(
      { 'package.json': { old: manifest({}), new: manifest({ dependencies: { express: '^4.19.2', 'event-stream': '3.3.6' } }) } },
      { dependencies: { deny: [{ name: 'event-stream', versions: '3.3.6', reason: 'compromised release' }] } },
    );
    expect(summary(findings)).toEqual(['dependency/denied-package package.json:6']);
    expect(findings[0]!.action).toBe('block');
    expect(findings[0]!.message).toContain('compromised release');
  });

  it('skips allowlisted names by glob', async () => {
    const findings = await findingsOfFiles(
      { 'package.json': { old: manifest({}), new: manifest({ dependencies: { express: '^4.19.2', '@acme/tool': 'acme/tool' } }) } },
      { dependencies: { allow: [{ name: '@acme/*', ecosystem: 'npm' }] } },
    );
    expect(findings).toEqual([]);
  });

  it('reports unpinned versions under requirePinned', async () => {
    const findings = await findingsOfFiles(
      { 'package.json': { old: manifest({}), new: manifest({ dependencies: { express: '^4.19.2', zod: '^3.23.8', ms: '2.1.3' } }) } },
      { dependencies: { requirePinned: true } },
    );
    expect(summary(findings.filter((f) => f.ruleId === 'dependency/unpinned-version'))).toEqual([
      'dependency/unpinned-version package.json:6',
    ]);
  });

  it('blocks more new dependencies than maxNewPerCommit', async () => {
    const findings = await findingsOfFiles(
      { 'package.json': { old: manifest({}), new: manifest({ dependencies: { express: '^4.19.2', zod: '^3.23.8', ms: '2.1.3' } }) } },
      { dependencies: { maxNewPerCommit: 1 } },
    );
    const limit = findings.filter((f) => f.ruleId === 'dependency/too-many-new');
    expect(limit).toHaveLength(1);
    expect(limit[0]!.message).toContain('adds 2 new dependencies');
    expect(limit[0]!.action).toBe('block');
  });
});
