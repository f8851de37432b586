import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonOf, runCli, TestRepo } from '../../helpers/repo.js';

const CLIENT = 'import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False)\n';

/** Builds a repository with a TLS-off client under a non-ASCII folder and a chmod script whose name is not UTF-8. */
function repoWithLoosenedFiles(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  repo.write('Ávila/client.py', CLIENT);
  // 0xff is never valid UTF-8, so git and the report must carry the name escaped.
  writeFileSync(
    Buffer.concat([Buffer.from(join(repo.dir, 'raw_')), Buffer.from([0xff]), Buffer.from('.sh')]),
    '#!/bin/sh\nchmod 777 /srv\n',
  );
  repo.stage();
  return repo;
}

function permissionFindings(stdout: string): Array<Record<string, any>> {
  return jsonOf({ code: 0, stdout, stderr: '' }).findings.filter(
    (f) => f.category === 'permission',
  );
}

describe('permission findings under unusual file names', () => {
  it('reports staged files under their real names', () => {
    const repo = repoWithLoosenedFiles();
    const staged = repo.git('diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean);
    expect(staged).toHaveLength(2);

    const result = runCli(repo.dir, ['check', '--staged', '--format', 'json']);
    expect(result.stderr).toBe('');
    const findings = permissionFindings(result.stdout);
    const tls = findings.find((f) => f.ruleId === 'permission/tls-verification-disabled');
    expect(tls?.file).toBe('Ávila/client.py');
    expect(tls?.line).toBe(4);
    const chmod = findings.find((f) => f.ruleId === 'permission/chmod-permissive');
    expect(chmod?.file).toBe('raw_\\377.sh');
    expect(chmod?.line).toBe(2);
  });

  it('blocks the agent commit that adds them', () => {
    const repo = repoWithLoosenedFiles();
    repo.commit('add client', { agent: true });

    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = jsonOf(result);
    expect(report.verdict).toBe('block');
    const files = new Set(permissionFindings(result.stdout).map((f) => f.file));
    expect(files).toEqual(new Set(['Ávila/client.py', 'raw_\\377.sh']));
    expect(report.findings.every((f) => !String(f.file).startsWith('"'))).toBe(true);
  });

  it('warns on the same commit by a person', () => {
    const repo = repoWithLoosenedFiles();
    repo.commit('add client');

    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(result.code).toBe(0);
    const tls = permissionFindings(result.stdout).find((f) => f.file === 'Ávila/client.py');
    expect(tls?.action).toBe('warn');
  });
});
