import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, maskMessage, UsageError } from '../../src/errors.js';
import { fileSource, loadPolicy } from '../../src/packs/load.js';
import { parseAllowlist } from '../../src/engine/repo-ignores.js';
import { generatedSecrets, githubToken, hexSecret, randomFrom, remember, slackBotToken, stripeLiveKey } from '../helpers/secrets.js';
import { runCli, tempDir, TestRepo } from '../helpers/repo.js';

function configError(text: string): string {
  const dir = tempDir();
  const path = join(dir, 'config.yml');
  writeFileSync(path, text);
  try {
    loadPolicy(fileSource(), path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the config loaded without error');
}

function expectNoSecret(text: string): void {
  for (const secret of generatedSecrets()) expect(text).not.toContain(secret);
}

describe('maskMessage', () => {
  it('masks only the token segment of a path', () => {
    const token = githubToken();
    const masked = maskMessage(`looked for /srv/config/${token}.yml`);
    expect(masked).not.toContain(token);
    expect(masked).toMatch(/^looked for \/srv\/config\/ghp_…\[redacted \d+ chars\]$/);
  });

  it('masks a bare value whole', () => {
    const token = slackBotToken();
    const masked = maskMessage(`invalid --timeout "${token}"`);
    expect(masked).not.toContain(token);
    expect(masked).toContain('xoxb…[redacted');
  });

  it('masks a Slack token with a letters-only tail', () => {
    // The generator's last piece lacks a digit now and then; this one always does.
    const letters = () => randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 24);
    let tail = letters();
    while (!/[A-Z]/.test(tail) || !/[a-z]/.test(tail)) tail = letters();
    const token = remember(`xoxb-${randomFrom('0123456789', 12)}-${randomFrom('0123456789', 13)}-${tail}`);
    const masked = maskMessage(`invalid --timeout "${token}"`);
    expect(masked).not.toContain(token);
    expect(masked).toContain('xoxb…[redacted');
  });

  it('masks GitHub tokens anywhere in a run', () => {
    const token = remember(`ghp_${randomFrom('abcdefghijklmnopqrstuvwxyz', 36)}`);
    const messages = [
      `unknown option "--${token}"`,
      `unknown commit "${token}."`,
      `cannot read config /tmp/${token}.yml`,
      `/settings/${token} is not a known field`,
      `invalid failMode "--token=${token}"`,
    ];
    for (const message of messages) expect(maskMessage(message)).not.toContain(token);
  });

  it('keeps acronym names readable', () => {
    const message = [
      'packs/AWSIAMPolicyRules.yml: rule id "secret/AWSSecretAccessKeyIDCheck" selects no rule;',
      '/settings/allowedHTTPSRegistryURLs is not a known field; unknown commit "feature/JIRA-1234-AddOAuthPKCESupport";',
      'getElementsByTagNameNS XMLHttpRequestUpload npm_config_registry sk-learn-experiments-2',
    ].join(' ');
    expect(maskMessage(message)).toBe(message);
  });

  it('masks each token in a JSON pointer', () => {
    const token = stripeLiveKey();
    expect(maskMessage(`/settings/${token} is not a known field`)).toMatch(/^\/settings\/sk_l…\[redacted \d+ chars\] is not/);
  });

  it('keeps names, versions and short ids readable', () => {
    const plain = [
      '/tmp/dg-test-a1B2c3/.diff-guardian.yml: config file not found',
      'packs/release-2024-v12.yml: unknown pack "team-2025" in extends',
      'abc123def456:.diff-guardian.yml: /rules/0/action must be one of "block"',
      'diff-guardian v1.12.3-0.20240101000000-abcdefabcdef',
    ];
    for (const message of plain) expect(maskMessage(message)).toBe(message);
  });

  it('leaves an already masked message as it is', () => {
    const once = maskMessage(`pack ./${githubToken()}.yml`);
    expect(maskMessage(once)).toBe(once);
  });

  it('masks in the constructors of ConfigError and UsageError', () => {
    const token = githubToken();
    expect(new ConfigError(`bad ${token}`).message).not.toContain(token);
    expect(new UsageError(`bad ${token}`).message).not.toContain(token);
  });
});

describe('config errors with a credential', () => {
  it('masks a pack path in extends that is not found', () => {
    const token = githubToken();
    const message = configError(`extends: [./${token}.yml]\n`);
    expect(message).toContain('in extends was not found (looked for ');
    expect(message).toContain('ghp_…[redacted');
    expectNoSecret(message);
  });

  it('masks an unknown settings key', () => {
    const token = githubToken();
    const message = configError(`settings:\n  ${token}: 1\n`);
    expect(message).toMatch(/:2:3: \/settings\/ghp_…\[redacted 40 chars\] is not a known field \(allowed: /);
    expectNoSecret(message);
  });

  it('masks a credential inside an invalid agent pattern', () => {
    const token = githubToken();
    const message = configError(`agents:\n  - name: bot\n    author: "(${token}"\n`);
    expect(message).toContain('/agents/0/author is not a valid regular expression');
    expectNoSecret(message);
  });

  it('masks a credential given as a built-in pack name', () => {
    // Built-in names are lower-case letters, digits and dashes, starting with a letter.
    const token = remember(`k${hexSecret(40)}`);
    const message = configError(`extends: [${token}]\n`);
    expect(message).toContain('unknown pack');
    expect(message).not.toContain(token);
  });

  it('ends a pack YAML error cleanly', () => {
    const message = configError('rules:\n  - id: x\n    action: [\n\n');
    expect(message).toMatch(/config\.yml:\d+:\d+: invalid YAML: \S.*[^:]$/);
    expect(message).not.toContain('at line');
  });

  it('ends an allowlist YAML error cleanly', () => {
    const token = githubToken();
    let message = '';
    try {
      parseAllowlist(`entries:\n  - fingerprint: 0123456789abcdef\n    path: a\na: ${token}\na: 2\n`, '.diff-guardian-allowlist.yml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^\.diff-guardian-allowlist\.yml:\d+:\d+: invalid YAML: Map keys must be unique$/);
    expectNoSecret(message);
  });
});

describe('CLI error output with a credential', () => {
  it('check --config masks a missing pack path', () => {
    const repo = TestRepo.init();
    repo.write('base.txt', 'base\n').commit('base');
    const token = githubToken();
    writeFileSync(join(repo.dir, 'bad.yml'), `extends: [./${token}.yml]\n`);
    const result = runCli(repo.dir, ['check', '--config', 'bad.yml', 'HEAD']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('was not found');
    expectNoSecret(result.stderr + result.stdout);
  });

  it('check masks an unknown commit', () => {
    const repo = TestRepo.init();
    repo.write('base.txt', 'base\n').commit('base');
    const token = githubToken();
    const result = runCli(repo.dir, ['check', token]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown commit "ghp_…[redacted');
    expectNoSecret(result.stderr + result.stdout);
  });

  it('check masks an unknown rule id', () => {
    const repo = TestRepo.init();
    repo.write('base.txt', 'base\n').commit('base');
    const token = githubToken();
    writeFileSync(join(repo.dir, 'rules.yml'), `rules:\n  - id: secret/${token}\n    action: warn\n`);
    const result = runCli(repo.dir, ['check', '--config', 'rules.yml', 'HEAD']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('rule id "secr…[redacted');
    expectNoSecret(result.stderr + result.stdout);
  });

  it('masks an unknown command', () => {
    const token = githubToken();
    const result = runCli(tempDir(), [token]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "ghp_…[redacted');
    expectNoSecret(result.stderr + result.stdout);
  });
});
