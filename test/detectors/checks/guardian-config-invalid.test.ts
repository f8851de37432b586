import { describe, expect, it } from 'vitest';
import guardianConfigInvalid from '../../../src/detectors/checks/guardian-config-invalid.js';
import { defaultPolicy } from '../../../src/packs/load.js';
import type { Policy } from '../../../src/packs/types.js';
import { changeOfFiles, runDetectors } from '../../helpers/change.js';
import { runTable } from './table.js';

const VALID = 'extends: [default]\nrules:\n  - id: secret\n    action: block\n';

describe('disabled-check/guardian-config-invalid', () => {
  runTable(guardianConfigInvalid, {
    flag: [
      { name: 'an unknown field', files: { '.diff-guardian.yml': { new: 'rules:\n  - id: secret\n    actoin: warn\n' } }, expected: [{ file: '.diff-guardian.yml', line: 2, messageId: 'invalid' }] },
      { name: 'a value outside the allowed ones', files: { '.diff-guardian.yml': { old: VALID, new: VALID.replace('action: block', 'action: maybe') } }, expected: [{ file: '.diff-guardian.yml', line: 4 }] },
      { name: 'text that is not YAML', files: { '.diff-guardian.yml': { old: VALID, new: 'rules: [\n' } }, expected: [{ file: '.diff-guardian.yml', line: 2 }] },
      { name: 'a config renamed into place', files: { 'docs/config.yml': { old: 'settings:\n  failMode: sometimes\n' }, '.diff-guardian.yml': { new: 'settings:\n  failMode: sometimes\n' } }, expected: [{ file: '.diff-guardian.yml', line: 2 }] },
      { name: 'an unknown built-in pack name', files: { '.diff-guardian.yml': { new: 'extends: [some-npm-pack]\n' } }, expected: [{ file: '.diff-guardian.yml', line: 0 }] },
      { name: 'an extended pack the commit makes invalid', files: { '.diff-guardian.yml': { new: 'extends: [./packs/team.yml]\n' }, 'packs/team.yml': { new: 'rules:\n  - id: secret\n    actoin: allow\n' } }, expected: [{ file: '.diff-guardian.yml', line: 0 }] },
      { name: 'an extended pack the commit deletes', files: { '.diff-guardian.yml': { old: 'extends: [default]\n', new: 'extends: [./packs/team.yml]\n' }, 'packs/team.yml': { old: 'rules: []\n' } }, expected: [{ file: '.diff-guardian.yml', line: 0 }] },
    ],
    pass: [
      { name: 'a config that extends a pack it adds', files: { '.diff-guardian.yml': { new: 'extends: [default, ./packs/team.yml]\n' }, 'packs/team.yml': { new: 'rules:\n  - id: secret\n    action: block\n' } } },
      { name: 'a config that extends a pack it does not change', files: { '.diff-guardian.yml': { new: 'extends: [./packs/team.yml]\n' } } },
      { name: 'a valid new config', files: { '.diff-guardian.yml': { new: VALID } } },
      { name: 'a valid edit', files: { '.diff-guardian.yml': { old: VALID, new: VALID.replace('block', 'warn') } } },
      { name: 'a deleted config', files: { '.diff-guardian.yml': { old: 'rules: [\n' } } },
      { name: 'an invalid config at another path', files: { 'docs/.diff-guardian.yml': { new: 'rules:\n  - actoin: warn\n' } } },
      { name: 'an invalid YAML file of another name', files: { 'ci.yml': { new: 'rules: [\n' } } },
    ],
  });
});

describe('packs a config extends', () => {
  const policy: Policy = { ...defaultPolicy(), repositoryFiles: { packs: ['packs/team.yml'], allowlists: ['.diff-guardian-allowlist.yml'] } };

  it('reports a pack deleted while the config still extends it', async () => {
    const verdict = await runDetectors(guardianConfigInvalid, changeOfFiles({ 'packs/team.yml': { old: 'rules: []\n' } }), { policy });
    expect(verdict.findings.map((f) => f.file)).toEqual(['packs/team.yml']);
  });

  it('reports an extended pack made invalid', async () => {
    const change = changeOfFiles({ 'packs/team.yml': { old: 'rules: []\n', new: 'rules:\n  - id: secret\n    actoin: allow\n' } });
    const verdict = await runDetectors(guardianConfigInvalid, change, { policy });
    expect(verdict.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['packs/team.yml:2']);
  });

  it('passes a valid edit of an extended pack', async () => {
    const change = changeOfFiles({ 'packs/team.yml': { old: 'rules: []\n', new: 'rules:\n  - id: secret\n    action: block\n' } });
    expect((await runDetectors(guardianConfigInvalid, change, { policy })).findings).toEqual([]);
  });
});
