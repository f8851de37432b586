#!/usr/bin/env node
// Compares secret findings of diff-guardian's default pack with secretlint's
// recommended preset on the same files: the published tarballs of pinned npm
// packages (third-party code whose credential-like strings are test fixtures
// and documentation examples). Prints findings per MB for each tool, the
// private keys each found, and whether diff-guardian reports every private
// key secretlint finds.
//
// Usage: npm run build && node scripts/measure-secrets-fp.mjs
// Tarballs and the repository built from them are cached in .bench-cache/secrets-fp/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { git } from './lib/real-code-repo.mjs';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/cli.js');
const cache = join(root, '.bench-cache', 'secrets-fp');

// Chosen for code that handles credentials (cloud SDKs, auth, crypto, database
// drivers), so test fixtures and documentation examples are common.
const PACKAGES = [
  'typescript@5.6.3',
  'node-forge@1.3.1',
  'jsonwebtoken@9.0.2',
  'jose@5.9.6',
  'ssh2@1.16.0',
  'sshpk@1.18.0',
  'selfsigned@2.4.1',
  'node-rsa@1.1.1',
  'pg@8.13.0',
  'mongodb@6.10.0',
  'ioredis@5.4.1',
  'mysql2@3.11.3',
  'stripe@17.2.0',
  'openai@4.68.0',
  'twilio@5.3.4',
  '@slack/web-api@7.7.0',
  '@octokit/rest@21.0.2',
  'axios@1.7.7',
  'express@4.21.1',
  'passport@0.7.0',
  'dotenv@16.4.5',
  'lodash@4.17.21',
  'moment@2.30.1',
  'rxjs@7.8.1',
  'webpack@5.95.0',
];

function directoryOf(spec) {
  return spec.replace(/^@/, '').replace(/[/@]/g, '-');
}

/** Downloads and unpacks every package once; later runs reuse the cache. */
function fetchPackages() {
  const tarballs = join(cache, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  for (const spec of PACKAGES) {
    const target = join(cache, 'repo', 'vendor', directoryOf(spec));
    if (existsSync(target)) continue;
    const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tarballs], { encoding: 'utf8' }).trim().split('\n').pop();
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(tarballs, file), '-C', target, '--strip-components=1']);
  }
}

/** Commits each package as its own commit in a repository under the cache. */
function buildRepository() {
  const repo = join(cache, 'repo');
  const marker = join(cache, 'repo-packages.json');
  if (existsSync(join(repo, '.git')) && existsSync(marker) && readFileSync(marker, 'utf8') === JSON.stringify(PACKAGES)) {
    return repo;
  }
  rmSync(join(repo, '.git'), { recursive: true, force: true });
  git(repo, ['init', '-q', '--initial-branch=main']);
  git(repo, ['commit', '-q', '--allow-empty', '-m', 'Start the import']);
  for (const spec of PACKAGES) {
    git(repo, ['add', '-A', '--', join('vendor', directoryOf(spec))]);
    git(repo, ['commit', '-q', '--no-verify', '-m', `Import ${spec}`]);
  }
  writeFileSync(marker, JSON.stringify(PACKAGES));
  return repo;
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function runSecretlint(repo) {
  const core = await import('@secretlint/core');
  const preset = await import('@secretlint/secretlint-rule-preset-recommend');
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] };
  const findings = [];
  let bytes = 0;
  for (const path of filesUnder(join(repo, 'vendor'))) {
    const buffer = readFileSync(path);
    bytes += buffer.length;
    const content = buffer.toString('utf8');
    const result = await core.lintSource({
      source: { content, filePath: path, contentType: 'text' },
      options: { config, maskSecrets: true, noPhysicFilePath: true },
    });
    for (const message of result.messages) {
      const line = content.slice(0, message.range[0]).split('\n').length;
      findings.push({ file: relative(repo, path), line, rule: message.ruleId.replace(/^@secretlint\/secretlint-rule-/, '') });
    }
  }
  return { findings, bytes };
}

function runDiffGuardian(repo) {
  // Files up to 64 MB are read, so both tools see the same files.
  const config = join(cache, 'diff-guardian.yml');
  writeFileSync(config, 'extends: [default]\nsettings:\n  maxFileBytes: 67108864\n');
  const first = git(repo, ['rev-list', '--max-parents=0', 'main']).trim();
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--config', config, `${first}..main`], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status === 2) throw new Error(`diff-guardian check failed: ${result.stderr}`);
  return JSON.parse(result.stdout).findings.filter((f) => f.category === 'secret');
}

function count(items, key) {
  const counts = {};
  for (const item of items) counts[item[key]] = (counts[item[key]] ?? 0) + 1;
  return counts;
}

fetchPackages();
const repo = buildRepository();
const started = Date.now();
const secretlint = await runSecretlint(repo);
const secretlintSeconds = (Date.now() - started) / 1000;
const guardianStarted = Date.now();
const guardian = runDiffGuardian(repo);
const guardianSeconds = (Date.now() - guardianStarted) / 1000;
const mb = secretlint.bytes / 1e6;

const blocking = guardian.filter((f) => f.action === 'block');
const warning = guardian.filter((f) => f.action === 'warn');
const secretlintKeys = secretlint.findings.filter((f) => f.rule === 'privatekey');
const guardianKeys = guardian.filter((f) => f.ruleId === 'secret/private-key');
const keyMissed = secretlintKeys.filter(
  (key) => !guardian.some((f) => f.file === key.file && f.line === key.line && (f.action === 'block' || f.action === 'warn')),
);
const perMb = (n) => (n / mb).toFixed(3);

console.log(`${PACKAGES.length} packages, ${filesUnder(join(repo, 'vendor')).length} files, ${mb.toFixed(1)} MB`);
console.log(`secretlint preset-recommend: ${secretlint.findings.length} findings (${perMb(secretlint.findings.length)}/MB) in ${secretlintSeconds.toFixed(1)} s`);
console.log(`  by rule ${JSON.stringify(count(secretlint.findings, 'rule'))}`);
console.log(
  `diff-guardian default pack: ${blocking.length} blocking (${perMb(blocking.length)}/MB), ${warning.length} warnings (${perMb(warning.length)}/MB) in ${guardianSeconds.toFixed(1)} s`,
);
console.log(`  blocking by rule ${JSON.stringify(count(blocking, 'ruleId'))}`);
console.log(`  warnings by rule ${JSON.stringify(count(warning, 'ruleId'))}`);
console.log(`private keys: secretlint ${secretlintKeys.length}, diff-guardian private-key rule ${guardianKeys.length}`);
console.log(`secretlint private keys that diff-guardian also reports (block or warn): ${secretlintKeys.length - keyMissed.length}/${secretlintKeys.length}`);
for (const key of keyMissed) console.log(`  missed: ${key.file}:${key.line}`);
if (process.argv.includes('--list')) {
  for (const f of blocking) console.log(`block ${f.ruleId} ${f.file}:${f.line} ${f.evidence}`);
  for (const f of warning) console.log(`warn ${f.ruleId} ${f.file}:${f.line} ${f.evidence}`);
  for (const f of secretlint.findings) console.log(`secretlint ${f.rule} ${f.file}:${f.line}`);
}
