import { describe, expect, it } from 'vitest';
import guardianConfigChanged from '../../../src/detectors/checks/guardian-config-changed.js';
import ignoreFileLoosened from '../../../src/detectors/checks/ignore-file-loosened.js';
import { defaultPolicy } from '../../../src/packs/load.js';
import type { Policy } from '../../../src/packs/types.js';
import { changeOfFiles, runDetectors, type FileSpec } from '../../helpers/change.js';
import { runTable } from './table.js';

const FP_A = '0123456789abcdef';
const FP_B = 'fedcba9876543210';

function entry(fingerprint: string, expires = '2999-01-01'): string {
  return [
    `  - fingerprint: "${fingerprint}"`,
    '    path: src/pay.js',
    '    reason: test key',
    '    approvedBy: security@example.com',
    `    expires: "${expires}"`,
    '',
  ].join('\n');
}

const ONE = `entries:\n${entry(FP_A)}`;
const TWO = `entries:\n${entry(FP_A)}${entry(FP_B)}`;

describe('disabled-check/ignore-file-loosened', () => {
  runTable(ignoreFileLoosened, {
    flag: [
      { name: 'a new .secretlintignore', files: { '.secretlintignore': { new: '# scanned elsewhere\n*\n' } }, expected: [{ file: '.secretlintignore', line: 2, messageId: 'ignoreAdded' }] },
      { name: 'a pattern added to .secretlintignore', files: { '.secretlintignore': { old: 'fixtures/\n', new: 'fixtures/\nsrc/\n' } }, expected: [{ file: '.secretlintignore', line: 2 }] },
      { name: 'a removed secretlint negation', files: { '.secretlintignore': { old: 'fixtures/\n!fixtures/live/\n', new: 'fixtures/\n' } }, expected: [{ file: '.secretlintignore', line: 0, messageId: 'ignoreAdded' }] },
      { name: 'a .gitleaksignore fingerprint', files: { '.gitleaksignore': { new: 'src/pay.js:stripe-access-token:1\n' } }, expected: [{ file: '.gitleaksignore', line: 1 }] },
      { name: 'a new allowlist file', files: { '.diff-guardian-allowlist.yml': { new: ONE } }, expected: [{ file: '.diff-guardian-allowlist.yml', line: 2, messageId: 'allowlistEntryAdded' }] },
      { name: 'a second allowlist entry', files: { '.diff-guardian-allowlist.yml': { old: ONE, new: TWO } }, expected: [{ file: '.diff-guardian-allowlist.yml', line: 7 }] },
      { name: 'an allowlist expiry moved later', files: { '.diff-guardian-allowlist.yml': { old: `entries:\n${entry(FP_A, '2027-01-01')}`, new: ONE } }, expected: [{ file: '.diff-guardian-allowlist.yml', line: 2 }] },
      { name: 'an allowlist that is not valid YAML', files: { '.diff-guardian-allowlist.yml': { old: ONE, new: 'entries: [\n' } }, expected: [{ file: '.diff-guardian-allowlist.yml', line: 0, messageId: 'unreadable' }] },
      { name: 'a file renamed to .gitleaksignore', files: { 'docs/ignore.txt': { old: 'src/a.js:rule:3\n' }, '.gitleaksignore': { new: 'src/a.js:rule:3\n' } }, expected: [{ file: '.gitleaksignore', line: 1 }] },
    ],
    pass: [
      { name: 'a deleted .secretlintignore', files: { '.secretlintignore': { old: '*\n' } } },
      { name: 'a comment added to .gitleaksignore', files: { '.gitleaksignore': { old: 'a.js:r:1\n', new: '# reviewed\na.js:r:1\n' } } },
      { name: 'an allowlist entry removed', files: { '.diff-guardian-allowlist.yml': { old: TWO, new: ONE } } },
      { name: 'an allowlist reason reworded', files: { '.diff-guardian-allowlist.yml': { old: ONE, new: ONE.replace('test key', 'documented test key') } } },
      { name: 'a secretlintignore in a subfolder, which is not read', files: { 'docs/.secretlintignore': { new: '*\n' } } },
      { name: 'an allowlist-shaped file at another path', files: { 'docs/allowlist.yml': { new: ONE } } },
    ],
  });

  it('reads the allowlist paths the policy names', async () => {
    const policy: Policy = { ...defaultPolicy(), repositoryFiles: { packs: [], allowlists: ['security/allow.yml', '.diff-guardian-allowlist.yml'] } };
    const findings = await findingsWith(ignoreFileLoosened, { 'security/allow.yml': { new: ONE } }, policy);
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['security/allow.yml:2']);
    expect(findings[0]!.action).toBe('block');
  });

  it('warns for human commits', async () => {
    const change = changeOfFiles({ '.secretlintignore': { new: '*\n' } });
    const verdict = await runDetectors(ignoreFileLoosened, change, { agent: false });
    expect(verdict.findings.map((f) => f.action)).toEqual(['warn']);
  });
});

async function findingsWith(detector: typeof ignoreFileLoosened, files: Record<string, FileSpec>, policy: Policy) {
  const verdict = await runDetectors(detector, changeOfFiles(files), { agent: true, policy });
  return verdict.findings;
}

describe('disabled-check/guardian-config-changed with extended packs', () => {
  const policy: Policy = { ...defaultPolicy(), repositoryFiles: { packs: ['packs/team.yml', 'p:.diff-guardian.yml'], allowlists: ['.diff-guardian-allowlist.yml'] } };
  const team = 'rules:\n  - id: permission/chmod-permissive\n    action: block\n';

  it('flags an edited pack the config extends', async () => {
    const files = { 'packs/team.yml': { old: team, new: team.replace('block', 'off') } };
    const findings = await findingsWith(guardianConfigChanged, files, policy);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.action}`)).toEqual(['packs/team.yml:0 block']);
  });

  it('flags a deleted pack with an unusual name', async () => {
    const findings = await findingsWith(guardianConfigChanged, { 'p:.diff-guardian.yml': { old: team } }, policy);
    expect(findings.map((f) => f.file)).toEqual(['p:.diff-guardian.yml']);
  });

  it('passes a YAML file the config does not extend', async () => {
    const findings = await findingsWith(guardianConfigChanged, { 'packs/other.yml': { old: team, new: team.replace('block', 'off') } }, policy);
    expect(findings).toEqual([]);
  });
});
