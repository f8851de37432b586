import { describe, expect, it } from 'vitest';
import { jsonOf, runCli, TestRepo } from '../../helpers/repo.js';
import { packageJson } from './scan.js';

describe('check command on dependencies', () => {
  it('blocks an agent typosquat and allows the real name', () => {
    const repo = TestRepo.init();
    repo.write('package.json', packageJson({ devDependencies: { eslint: '^9.9.0' } })).commit('init');
    repo.write('package.json', packageJson({ devDependencies: { browserlist: '^1.0.1', eslint: '^9.9.0' } })).commit('add', { agent: true });

    const blocked = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(blocked.code).toBe(1);
    const report = jsonOf(blocked);
    expect(report.findings.map((f) => `${f.ruleId} ${f.action} ${f.file}:${f.line}`)).toEqual([
      'dependency/typosquat block package.json:5',
    ]);

    repo.write('package.json', packageJson({ devDependencies: { browserslist: '^4.24.0', eslint: '^9.9.0' } })).commit('fix', { agent: true });
    const allowed = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(allowed.code).toBe(0);
    expect(jsonOf(allowed).findings.map((f) => `${f.ruleId} ${f.action}`)).toEqual(['dependency/new-dependency warn']);
  });

  it('warns on a go.mod replace to a fork', () => {
    const repo = TestRepo.init();
    const goMod = 'module example.com/app\n\ngo 1.22\n\nrequire github.com/gogo/protobuf v1.3.1\n';
    repo.write('go.mod', goMod).commit('init');
    repo.write('go.mod', `${goMod}\nreplace github.com/gogo/protobuf v1.3.1 => github.com/fake-fork/protobuf v1.3.2\n`).commit('fork', { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const findings = jsonOf(result).findings;
    expect(findings.map((f) => `${f.ruleId} ${f.action} ${f.file}:${f.line}`)).toEqual([
      'dependency/go-module-replaced warn go.mod:7',
    ]);
  });
});
