import { describe } from 'vitest';
import guardianConfigInvalid from '../../../src/detectors/checks/guardian-config-invalid.js';
import { runTable } from './table.js';

const VALID = 'extends: [default]\nrules:\n  - id: secret\n    action: block\n';

describe('disabled-check/guardian-config-invalid', () => {
  runTable(guardianConfigInvalid, {
    flag: [
      { name: 'an unknown field', files: { '.diff-guardian.yml': { new: 'rules:\n  - id: secret\n    actoin: warn\n' } }, expected: [{ file: '.diff-guardian.yml', line: 2, messageId: 'invalid' }] },
      { name: 'a value outside the allowed ones', files: { '.diff-guardian.yml': { old: VALID, new: VALID.replace('action: block', 'action: maybe') } }, expected: [{ file: '.diff-guardian.yml', line: 4 }] },
      { name: 'text that is not YAML', files: { '.diff-guardian.yml': { old: VALID, new: 'rules: [\n' } }, expected: [{ file: '.diff-guardian.yml', line: 2 }] },
      { name: 'a config renamed into place', files: { 'docs/config.yml': { old: 'settings:\n  failMode: sometimes\n' }, '.diff-guardian.yml': { new: 'settings:\n  failMode: sometimes\n' } }, expected: [{ file: '.diff-guardian.yml', line: 2 }] },
    ],
    pass: [
      { name: 'a valid new config', files: { '.diff-guardian.yml': { new: VALID } } },
      { name: 'a valid edit', files: { '.diff-guardian.yml': { old: VALID, new: VALID.replace('block', 'warn') } } },
      { name: 'a deleted config', files: { '.diff-guardian.yml': { old: 'rules: [\n' } } },
      { name: 'an invalid config at another path', files: { 'docs/.diff-guardian.yml': { new: 'rules:\n  - actoin: warn\n' } } },
      { name: 'an invalid YAML file of another name', files: { 'ci.yml': { new: 'rules: [\n' } } },
    ],
  });
});
