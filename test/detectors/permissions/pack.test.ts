import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { permissionDetectors } from '../../../src/detectors/permissions/index.js';
import { changeOfFiles, runDetectors } from '../../helpers/change.js';
import { tempDir } from '../../helpers/repo.js';

const chmodChange = () => changeOfFiles({ 'scripts/setup.sh': { new: '#!/bin/sh\nchmod 777 /srv/app\n' } });
const processWideTls = () =>
  changeOfFiles({ 'tools/pull.py': { new: 'import ssl\nssl._create_default_https_context = ssl._create_unverified_context\n' } });
const perConnectionTls = () => changeOfFiles({ 'tools/pull.py': { new: 'requests.get(url, verify=False)\n' } });

function configFile(text: string): string {
  const path = join(tempDir(), 'guardian.yml');
  writeFileSync(path, text);
  return path;
}

describe('permissions pack', () => {
  it('blocks agent commits', async () => {
    const verdict = await runDetectors(permissionDetectors, chmodChange(), { agent: true });
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]!.action).toBe('block');
    expect(verdict.verdict).toBe('block');
  });

  it('warns on human commits', async () => {
    const verdict = await runDetectors(permissionDetectors, chmodChange(), { agent: false });
    expect(verdict.findings[0]!.action).toBe('warn');
    expect(verdict.verdict).toBe('warn');
  });

  it('blocks process-wide TLS off for humans', async () => {
    const verdict = await runDetectors(permissionDetectors, processWideTls(), { agent: false });
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]!.action).toBe('block');
    expect(verdict.findings[0]!.decidedBy).toContain('permissions');
  });

  it('warns on per-connection TLS off for humans', async () => {
    const verdict = await runDetectors(permissionDetectors, perConnectionTls(), { agent: false });
    expect(verdict.findings[0]!.action).toBe('warn');
  });

  it('tunes one rule per path', async () => {
    const configPath = configFile(
      ['rules:', '  - id: permission/chmod-permissive', '    paths: ["scripts/**"]', '    action: warn', ''].join('\n'),
    );
    const inScripts = await runDetectors(permissionDetectors, chmodChange(), { agent: true, configPath });
    expect(inScripts.findings[0]!.action).toBe('warn');

    const elsewhere = changeOfFiles({ 'deploy/setup.sh': { new: '#!/bin/sh\nchmod 777 /srv/app\n' } });
    const outside = await runDetectors(permissionDetectors, elsewhere, { agent: true, configPath });
    expect(outside.findings[0]!.action).toBe('block');
  });

  it('turns a rule off per path', async () => {
    const configPath = configFile(
      ['rules:', '  - id: permission/tls-verification-disabled', '    paths: ["tools/**"]', '    action: "off"', ''].join('\n'),
    );
    const verdict = await runDetectors(permissionDetectors, processWideTls(), { agent: true, configPath });
    expect(verdict.findings).toHaveLength(0);
    expect(verdict.verdict).toBe('allow');
  });

  it('declares every rule in the category with a report description', () => {
    const ids = permissionDetectors.map((d) => d.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const detector of permissionDetectors) {
      expect(detector.meta.category).toBe('permission');
      expect(detector.meta.description).toMatch(/^Report /);
    }
  });
});
