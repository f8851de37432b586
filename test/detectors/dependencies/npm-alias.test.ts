import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { judgeInstall } from '../../../src/detectors/dependencies/judge-install.js';
import { parsePackageLock, parseYarnLock } from '../../../src/detectors/dependencies/parse/npm.js';
import { npmAliasTarget } from '../../../src/detectors/dependencies/specs.js';
import type { DependencyPolicy } from '../../../src/packs/types.js';
import { runCli, TestRepo } from '../../helpers/repo.js';
import { findingsOfFiles, packageJson, summary } from './scan.js';

const BASE_DEPS = { dependencies: { express: '^4.19.2' } };
const DENY_EVENT_STREAM: DependencyPolicy = { deny: [{ name: 'event-stream', reason: 'compromised' }] };

function manifest(dependencies: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return packageJson({ dependencies: { ...BASE_DEPS.dependencies, ...dependencies }, ...extra });
}

describe('npmAliasTarget', () => {
  const cases: Array<[string, string, { name: string; range: string } | null]> = [
    ['npm:event-stream@3.3.6', 'es', { name: 'event-stream', range: '3.3.6' }],
    ['npm:event-stream', 'es', { name: 'event-stream', range: '' }],
    ['npm:@scope/pkg@^1.2.0', 'p', { name: '@scope/pkg', range: '^1.2.0' }],
    ['NPM:left-pad@1.3.0', 'lp', { name: 'left-pad', range: '1.3.0' }],
    ['npm:^4.17.21', 'lodash', { name: 'lodash', range: '^4.17.21' }],
    ['npm:4.17.21', 'lodash', { name: 'lodash', range: '4.17.21' }],
    ['^4.17.21', 'lodash', null],
    ['npm:', 'x', null],
    ['npm:not a name', 'x', null],
  ];
  for (const [spec, own, expected] of cases) {
    it(`reads ${spec}`, () => {
      expect(npmAliasTarget(spec, own)).toEqual(expected);
    });
  }
});

describe('npm aliases in package.json', () => {
  const flag: Array<{
    name: string;
    deps: Record<string, string>;
    extra?: Record<string, unknown>;
    policy?: DependencyPolicy;
    rule: string;
    line: number;
    text: string;
  }> = [
    {
      name: 'alias to a denied package',
      deps: { es: 'npm:event-stream@3.3.6' },
      policy: DENY_EVENT_STREAM,
      rule: 'dependency/denied-package',
      line: 6,
      text: 'event-stream',
    },
    {
      name: 'alias to a denied version',
      deps: { es: 'npm:event-stream@3.3.6' },
      policy: { deny: [{ name: 'event-stream', versions: '3.3.6' }] },
      rule: 'dependency/denied-package',
      line: 6,
      text: 'event-stream',
    },
    {
      name: 'alias to a denied scoped package',
      deps: { util: 'npm:@evil/util@1.0.0' },
      policy: { deny: [{ name: '@evil/*' }] },
      rule: 'dependency/denied-package',
      line: 6,
      text: '@evil/util',
    },
    {
      name: 'popular name pointed at a typosquat',
      deps: { express: 'npm:expresss@1.0.0' },
      rule: 'dependency/typosquat',
      line: 5,
      text: 'expresss',
    },
    {
      name: 'new alias to a typosquat',
      deps: { web: 'npm:expresss@1.0.0' },
      rule: 'dependency/typosquat',
      line: 6,
      text: 'expresss',
    },
    {
      name: 'allowed alias name with a typosquat target',
      deps: { web: 'npm:expresss@1.0.0' },
      policy: { allow: [{ name: 'web' }] },
      rule: 'dependency/typosquat',
      line: 6,
      text: 'expresss',
    },
    {
      name: 'override pointed at a denied package',
      deps: {},
      extra: { overrides: { 'left-pad': 'npm:event-stream@3.3.6' } },
      policy: DENY_EVENT_STREAM,
      rule: 'dependency/denied-package',
      line: 8,
      text: 'event-stream',
    },
  ];
  for (const testCase of flag) {
    it(`flags ${testCase.name}`, async () => {
      const findings = await findingsOfFiles(
        { 'package.json': { old: manifest({}), new: manifest(testCase.deps, testCase.extra) } },
        { dependencies: testCase.policy },
      );
      const hit = findings.find((f) => f.ruleId === testCase.rule);
      expect(hit, summary(findings).join('\n')).toBeDefined();
      expect(hit!.file).toBe('package.json');
      expect(hit!.line).toBe(testCase.line);
      expect(hit!.action).toBe('block');
      expect(hit!.message).toContain(testCase.text);
    });
  }

  const pass: Array<{ name: string; old: Record<string, string>; new: Record<string, string>; rules: string[] }> = [
    {
      name: 'alias to the same popular name',
      old: {},
      new: { lodash: 'npm:lodash@^4.17.21' },
      rules: ['dependency/new-dependency'],
    },
    { name: 'yarn registry range', old: {}, new: { lodash: 'npm:^4.17.21' }, rules: ['dependency/new-dependency'] },
    {
      name: 'direct dependency moved to an alias of itself',
      old: {},
      new: { express: 'npm:express@^4.19.2' },
      rules: [],
    },
    {
      name: 'alias range narrowed',
      old: { util: 'npm:left-pad@^1.2.0' },
      new: { util: 'npm:left-pad@^1.3.0' },
      rules: [],
    },
  ];
  for (const testCase of pass) {
    it(`passes ${testCase.name}`, async () => {
      const findings = await findingsOfFiles(
        { 'package.json': { old: manifest(testCase.old), new: manifest(testCase.new) } },
        { dependencies: DENY_EVENT_STREAM },
      );
      expect(findings.map((f) => f.ruleId)).toEqual(testCase.rules);
      expect(findings.every((f) => f.action !== 'block')).toBe(true);
    });
  }

  it('judges an alias target change as a new package', async () => {
    const findings = await findingsOfFiles(
      {
        'package.json': {
          old: manifest({ es: 'npm:left-pad@1.3.0' }),
          new: manifest({ es: 'npm:event-stream@3.3.6' }),
        },
      },
      { dependencies: DENY_EVENT_STREAM },
    );
    expect(summary(findings)).toEqual(['dependency/denied-package package.json:6']);
  });
});

describe('npm aliases in lockfiles', () => {
  it('reads a version 1 alias entry as its target', () => {
    const lock = {
      name: 'app',
      lockfileVersion: 1,
      dependencies: { es: { version: 'npm:event-stream@3.3.6', resolved: 'https://registry.npmjs.org/x.tgz' } },
    };
    const parsed = parsePackageLock(JSON.stringify(lock));
    expect(parsed.dependencies.map((d) => `${d.name}@${d.version} ${d.source}`)).toEqual([
      'event-stream@3.3.6 registry',
    ]);
  });

  it('reads yarn alias entries as their target', () => {
    const classic = [
      '# yarn lockfile v1',
      '',
      '"es@npm:event-stream@3.3.6":',
      '  version "3.3.6"',
      '',
      'lodash@^4.17.21:',
      '  version "4.17.21"',
      '',
    ].join('\n');
    const berry = [
      '__metadata:',
      '  version: 8',
      '',
      '"es@npm:event-stream@3.3.6":',
      '  version: 3.3.6',
      '  resolution: "event-stream@npm:3.3.6"',
      '',
      '"lodash@npm:^4.17.21":',
      '  version: 4.17.21',
      '  resolution: "lodash@npm:4.17.21"',
      '',
    ].join('\n');
    for (const text of [classic, berry]) {
      const parsed = parseYarnLock(text);
      expect(parsed.dependencies.map((d) => `${d.name}@${d.version} ${d.source}`)).toEqual([
        'event-stream@3.3.6 registry',
        'lodash@4.17.21 registry',
      ]);
    }
  });

  it('blocks a denied alias target added to a version 1 lockfile', async () => {
    const lock = (deps: Record<string, unknown>) => `${JSON.stringify({ name: 'app', lockfileVersion: 1, dependencies: deps }, null, 2)}\n`;
    const findings = await findingsOfFiles(
      {
        'package.json': { old: manifest({}), new: manifest({ es: 'npm:event-stream@3.3.6' }) },
        'package-lock.json': { old: lock({}), new: lock({ es: { version: 'npm:event-stream@3.3.6' } }) },
      },
      { dependencies: DENY_EVENT_STREAM },
    );
    expect(summary(findings)).toContain('dependency/denied-package package-lock.json:5');
    expect(summary(findings)).toContain('dependency/denied-package package.json:6');
  });

  it('blocks a denied alias target added to a version 3 lockfile', async () => {
    const lock = (packages: Record<string, unknown>) =>
      `${JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, ...packages } }, null, 2)}\n`;
    const entry = { name: 'event-stream', version: '3.3.6', resolved: 'https://registry.npmjs.org/event-stream/-/event-stream-3.3.6.tgz' };
    const findings = await findingsOfFiles(
      {
        'package.json': { old: manifest({}), new: manifest({ es: 'npm:event-stream@3.3.6' }) },
        'package-lock.json': { old: lock({}), new: lock({ 'node_modules/es': entry }) },
      },
      { dependencies: DENY_EVENT_STREAM },
    );
    expect(summary(findings)).toContain('dependency/denied-package package-lock.json:8');
  });
});

describe('npm aliases on the install command line', () => {
  it('denies an alias to a denied package', () => {
    const results = judgeInstall({ ecosystem: 'npm', name: 'es', spec: 'npm:event-stream@3.3.6' }, DENY_EVENT_STREAM);
    expect(results.map((r) => r.ruleId)).toEqual(['dependency/denied-package']);
    expect(results[0]!.name).toBe('event-stream');
    expect(results[0]!.message).toContain('compromised');
  });

  it('blocks an alias to a typosquat', () => {
    const results = judgeInstall({ ecosystem: 'npm', name: 'x', spec: 'npm:expresss' });
    expect(results.map((r) => r.ruleId)).toEqual(['dependency/typosquat']);
    expect(results[0]!.severity).toBe('block');
  });

  it('makes the gate deny npm install of an alias', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', 'extends: [default]\ndependencies:\n  deny:\n    - name: event-stream\n').commit('init');
    for (const command of ['npm install es@npm:event-stream@3.3.6', 'npm install x@npm:expresss']) {
      const input = JSON.stringify({
        session_id: randomUUID(),
        cwd: repo.dir,
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command },
      });
      const result = runCli(repo.dir, ['gate'], { input });
      expect(result.code, result.stderr).toBe(0);
      const output = JSON.parse(result.stdout) as { hookSpecificOutput?: { permissionDecision?: string } };
      expect(output.hookSpecificOutput?.permissionDecision, command).toBe('deny');
    }
  });
});
