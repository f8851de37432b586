import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { decide } from '../../src/packs/decide.js';
import { defaultPolicy, fileSource, loadPolicy } from '../../src/packs/load.js';
import type { Finding } from '../../src/model/types.js';

const FIXTURES = join(__dirname, '../fixtures/packs');

function load(name: string) {
  return loadPolicy(fileSource(), join(FIXTURES, name));
}

function loadError(name: string): string {
  try {
    load(name);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`${name} loaded without error`);
}

function aFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'secret/generic-assignment',
    category: 'secret',
    severity: 'block',
    action: 'allow',
    message: 'm',
    file: 'src/a.ts',
    line: 1,
    commit: 'c',
    evidence: 'e',
    fingerprint: '0000000000000000',
    ...overrides,
  };
}

describe('pack loading', () => {
  it('loads a config using every field', () => {
    const policy = load('valid/full-config.yml');
    expect(policy.packs.map((p) => p.name)).toContain('default');
    expect(policy.packs.at(-1)!.file).toContain('full-config.yml');
    expect(policy.settings.failMode).toBe('open');
    expect(policy.settings.maxFileBytes).toBe(1048576);
    expect(policy.settings.mergeParents).toBe('first');
    expect(policy.agents).toHaveLength(1);
    expect(policy.dependencies.deny).toHaveLength(1);
    expect(policy.acknowledged[0]!.fingerprint).toBe('0123456789abcdef');
    expect(policy.server.allowDeletion).toEqual(['refs/heads/feature/*']);
    for (const pack of policy.packs) expect(pack.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads unquoted digit fingerprints as text', () => {
    const policy = load('valid/digit-fingerprints.yml');
    expect(policy.acknowledged.map((a) => a.fingerprint)).toEqual(['0123456789012345', '9876543210987654']);
  });

  it('loads a built-in pack by name', () => {
    const policy = load('valid/strict-only.yml');
    expect(policy.packs.map((p) => p.name)).toEqual(expect.arrayContaining(['default', 'strict']));
  });

  const invalid: Array<[string, RegExp[]]> = [
    ['unknown-rule-field.yml', [/unknown-rule-field\.yml:3:5/, /\/rules\/0\/actoin is not a known field/, /allowed: id, action/]],
    ['bad-action.yml', [/bad-action\.yml:3:13/, /\/rules\/0\/action must be one of "block", "warn", "off" \(got "deny"\)/]],
    ['missing-rule-id.yml', [/missing-rule-id\.yml:2:5/, /missing the required field "id"/]],
    ['unknown-top-level-field.yml', [/:2:1/, /\/rule is not a known field/]],
    ['malformed-yaml.yml', [/malformed-yaml\.yml:2:9: invalid YAML: Nested mappings/]],
    ['unknown-pack.yml', [/unknown pack "no-such-pack"/, /built-in packs: .*default/]],
    ['bad-agent-regex.yml', [/bad-agent-regex\.yml:3:13/, /\/agents\/0\/author is not a valid regular expression/]],
    ['nested-quantifier-regex.yml', [/\/agents\/0\/author is not a valid regular expression \(a repeated group can backtrack/]],
    ['alternation-regex.yml', [/\/agents\/0\/committer is not a valid regular expression \(a repeated group/]],
    ['many-quantifiers-regex.yml', [/\/agents\/0\/author is not a valid regular expression \(13 unbounded quantifiers/]],
    ['wildcard-glob.yml', [/\/rules\/0\/paths\/0 has too many wildcards/]],
    ['wrong-type.yml', [/wrong-type\.yml:2:17/, /\/settings\/maxFileBytes must be integer \(got "lots"\)/]],
    ['cycle-a.yml', [/extend each other in a cycle/]],
    ['bad-fingerprint.yml', [/\/acknowledged\/0\/fingerprint must match/]],
  ];
  for (const [name, patterns] of invalid) {
    it(`rejects ${name.replace(/\.yml$/, '').replace(/-/g, ' ')}`, () => {
      const message = loadError(`invalid/${name}`);
      for (const pattern of patterns) expect(message).toMatch(pattern);
    });
  }
});

describe('pack decisions', () => {
  const policy = defaultPolicy();

  it('blocks secrets for every author', () => {
    expect(decide(policy, aFinding(), false).action).toBe('block');
    expect(decide(policy, aFinding(), true).action).toBe('block');
  });

  it('blocks permissions for agents and warns for humans', () => {
    const finding = aFinding({ ruleId: 'permission/x', category: 'permission' });
    expect(decide(policy, finding, true).action).toBe('block');
    expect(decide(policy, finding, false).action).toBe('warn');
  });

  it('keeps info findings allowed', () => {
    const finding = aFinding({ ruleId: 'permission/x', category: 'permission', severity: 'info' });
    expect(decide(policy, finding, true).action).toBe('allow');
  });

  it('lets the last matching rule win, scoped by path', () => {
    const config = load('valid/full-config.yml');
    const inFixture = aFinding({ file: 'test/fixtures/keys/a.pem' });
    expect(decide(config, inFixture, false).action).toBe('warn');
    expect(decide(config, inFixture, true).action).toBe('block');
    expect(decide(config, aFinding(), false).action).toBe('block');
    const off = aFinding({ ruleId: 'permission/world-writable-mode', category: 'permission' });
    expect(decide(config, off, true).action).toBe('off');
  });

  it('names the rule that decided', () => {
    const decision = decide(policy, aFinding(), true);
    expect(decision.decidedBy).toMatch(/^rules\/secrets\.yml#rules\[0\]$/);
  });
});
