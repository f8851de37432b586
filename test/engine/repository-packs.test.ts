import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonOf, runCli, tempDir, TestRepo } from '../helpers/repo.js';

const SETUP = '#!/bin/sh\nchmod 777 /srv/data\n';
const PERMISSIONS = (action: string) => `rules:\n  - id: permission\n    action: ${action}\n`;

function permissionActions(report: ReturnType<typeof jsonOf>, sha: string): string[] {
  return report.findings.filter((f) => f.commit === sha && f.category === 'permission').map((f) => f.action as string);
}

describe('packs the repository config extends', () => {
  it('judges a range by each commit parent pack', () => {
    const repo = TestRepo.init();
    // A pack whose file name ends like the config file's name is still a pack of its own.
    repo.write('.diff-guardian.yml', 'extends: [default, "./p:.diff-guardian.yml"]\n');
    repo.write('p:.diff-guardian.yml', PERMISSIONS('off')).commit('config');
    repo.write('p:.diff-guardian.yml', PERMISSIONS('block')).commit('block permission findings');
    const last = repo.write('scripts/setup.sh', SETUP).commit('setup', { agent: true });

    const single = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    const range = runCli(repo.dir, ['check', 'HEAD~2..HEAD', '--format', 'json']);
    expect(single.code).toBe(1);
    expect(range.code).toBe(1);
    expect(permissionActions(jsonOf(single), last)).toEqual(['block']);
    expect(permissionActions(jsonOf(range), last)).toEqual(['block']);
  });

  it('reports an agent edit of an extended pack', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', 'extends: [default, ./packs/team.yml]\n');
    repo.write('packs/team.yml', PERMISSIONS('block')).commit('config');
    const edit = repo.write('packs/team.yml', PERMISSIONS('off')).commit('relax', { agent: true });

    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const findings = jsonOf(result).findings.filter((f) => f.ruleId === 'disabled-check/guardian-config-changed');
    expect(findings.map((f) => `${f.commit === edit} ${f.file}:${f.line} ${f.action}`)).toEqual(['true packs/team.yml:0 block']);
  });

  it('reports a pack edit under --config too', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', 'extends: [default, ./packs/base.yml]\n');
    repo.write('packs/base.yml', 'extends: [./team.yml]\n');
    repo.write('packs/team.yml', PERMISSIONS('block')).commit('config');
    repo.write('packs/team.yml', PERMISSIONS('off')).commit('relax', { agent: true });
    const config = join(tempDir(), 'own.yml');
    writeFileSync(config, 'extends: [default]\n');

    const result = runCli(repo.dir, ['check', '--config', config, 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const files = jsonOf(result).findings.filter((f) => f.ruleId === 'disabled-check/guardian-config-changed').map((f) => f.file);
    expect(files).toEqual(['packs/team.yml']);
  });

  it('reports an edit of the allowlist file a config names', () => {
    const repo = TestRepo.init();
    repo.write('.diff-guardian.yml', 'settings:\n  allowlistFile: docs/allow.yml\n').commit('config');
    const entry = '  - fingerprint: "0123456789abcdef"\n    path: a.js\n    reason: r\n    approvedBy: me\n    expires: "2999-01-01"\n';
    repo.write('docs/allow.yml', `entries:\n${entry}`).commit('allow', { agent: true });

    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const findings = jsonOf(result).findings.filter((f) => f.ruleId === 'disabled-check/ignore-file-loosened');
    expect(findings.map((f) => `${f.file}:${f.line} ${f.action}`)).toEqual(['docs/allow.yml:2 block']);
  });
});
