import { symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { githubToken, slackBotToken, stripeLiveKey, awsAccessKeyId, awsSecretAccessKey, remember } from '../helpers/secrets.js';
import { jsonOf, runCli, TestRepo, type CliResult } from '../helpers/repo.js';

// Each case is a way an agent can route a change around the guardian, built
// in a real repository. Every case must end in a block verdict under the
// default pack, and no output may contain the secrets involved.

function baseRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.write('README.md', '# service\n').write('src/app.ts', 'export const app = 1;\n').commit('init');
  return repo;
}

function check(repo: TestRepo, ...args: string[]): CliResult {
  return runCli(repo.dir, ['check', '--format', 'json', ...args]);
}

function expectBlock(result: CliResult, expected: { ruleId?: RegExp; file?: string } = {}): void {
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code).toBe(1);
  const report = jsonOf(result);
  expect(report.verdict).toBe('block');
  const blocking = report.findings.filter((f) => f.action === 'block');
  if (expected.ruleId) expect(blocking.some((f) => expected.ruleId!.test(f.ruleId))).toBe(true);
  if (expected.file) expect(blocking.some((f) => f.file === expected.file)).toBe(true);
}

function credentials(): string {
  return `export const aws = { accessKeyId: '${awsAccessKeyId()}', secretAccessKey: '${awsSecretAccessKey()}' };\n`;
}

describe('evasion: content hidden from git diff', () => {
  const attributes: Array<[string, string]> = [
    ['binary attribute', '*.ts binary'],
    ['-diff attribute', '*.ts -diff'],
    ['a diff driver with textconv', '*.ts diff=hide'],
    ['a clean filter', '*.ts filter=hide'],
  ];
  for (const [name, line] of attributes) {
    it(`sees through ${name}`, () => {
      const repo = baseRepo();
      repo.git('config', 'diff.hide.textconv', 'true');
      repo.git('config', 'diff.hide.command', 'true');
      repo.git('config', 'filter.hide.clean', 'cat');
      repo.write('.gitattributes', `${line}\n`).commit('attributes', { agent: true });
      repo.write('src/cloud.ts', credentials()).commit('cloud client', { agent: true });
      expectBlock(check(repo, 'HEAD'), { ruleId: /^secret\//, file: 'src/cloud.ts' });
    });
  }
});

describe('evasion: history tricks', () => {
  it('blocks a secret added and removed within one range', () => {
    const repo = baseRepo();
    const base = repo.head();
    repo.write('src/cloud.ts', credentials()).commit('add client', { agent: true });
    repo.write('src/cloud.ts', 'export const aws = {};\n').commit('read from env', { agent: true });
    const result = check(repo, `${base}..HEAD`);
    expectBlock(result, { ruleId: /^secret\// });
    expect(jsonOf(result).commits.map((c) => c.verdict)).toEqual(['block', 'allow']);
  });

  it('blocks a secret that appears only in a merge resolution', () => {
    const repo = baseRepo();
    repo.git('switch', '-q', '-c', 'side');
    repo.write('src/side.ts', 'export const side = 1;\n').commit('side work');
    repo.git('switch', '-q', 'main');
    repo.write('src/main.ts', 'export const main = 1;\n').commit('main work');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    repo.write('src/cloud.ts', credentials());
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'merge side', '-m', 'Co-authored-by: Claude <noreply@anthropic.com>');
    expectBlock(check(repo, 'HEAD'), { ruleId: /^secret\//, file: 'src/cloud.ts' });
    expectBlock(check(repo, '--all-parents', 'HEAD'), { file: 'src/cloud.ts' });
  });
});

describe('evasion: secrets outside file contents', () => {
  it('blocks a secret in the commit message', () => {
    const repo = baseRepo();
    const token = githubToken();
    repo.write('src/app.ts', 'export const app = 2;\n');
    repo.stage();
    repo.git('commit', '-q', '--no-verify', '-m', 'bump app', '-m', `deploy with ${token}`);
    expectBlock(check(repo, 'HEAD'), { ruleId: /^secret\//, file: '<commit-message>' });
  });

  it('blocks a secret used as a file name', () => {
    const repo = baseRepo();
    const token = slackBotToken();
    repo.write(`notes/${token}.txt`, '').commit('add note', { agent: true });
    const result = check(repo, 'HEAD');
    expectBlock(result, { ruleId: /^secret\/secret-in-path$/ });
    expect(result.stdout).not.toContain(token);
  });
});

describe('evasion: encoded and split secrets', () => {
  it('blocks a base64-encoded credential', () => {
    const repo = baseRepo();
    const encoded = remember(Buffer.from(credentials()).toString('base64'));
    repo.write('src/boot.ts', `export const blob = '${encoded}';\n`).commit('boot', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^secret\//, file: 'src/boot.ts' });
  });

  it('blocks a hex-encoded credential', () => {
    const repo = baseRepo();
    const encoded = remember(Buffer.from(`STRIPE_KEY=${stripeLiveKey()}\n`).toString('hex'));
    repo.write('scripts/env.sh', `#!/bin/sh\necho ${encoded} | xxd -r -p > .env\n`).commit('env', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^secret\//, file: 'scripts/env.sh' });
  });

  it('blocks a token split by string concatenation', () => {
    const repo = baseRepo();
    const token = githubToken();
    const split = `export const token = '${token.slice(0, 12)}' + '${token.slice(12, 25)}' + '${token.slice(25)}';\n`;
    repo.write('src/gh.ts', split).commit('github client', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^secret\//, file: 'src/gh.ts' });
  });

  it('blocks a secret at the end of a very long minified line', () => {
    const repo = baseRepo();
    const filler = 'var a=function(b){return b*2};'.repeat(40_000);
    repo.write('dist/app.min.js', `${filler}var k="${stripeLiveKey()}";\n`).commit('bundle', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^secret\//, file: 'dist/app.min.js' });
  });
});

describe('evasion: code that reads differently from how it runs', () => {
  it('blocks bidirectional controls in source', () => {
    const repo = baseRepo();
    repo.write('src/auth.ts', 'export function isAdmin(role: string) {\n  return role === "user\u202e \u2066// admin\u2069 \u2066";\n}\n');
    repo.commit('auth check', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^disabled-check\/hidden-unicode$/, file: 'src/auth.ts' });
  });

  it('blocks a zero-width character in an identifier', () => {
    const repo = baseRepo();
    repo.write('src/flags.ts', 'export const debug\u200b = true;\n').commit('flags', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^disabled-check\/hidden-unicode$/ });
  });
});

describe('evasion: supply chain and repository layout', () => {
  it('blocks a homoglyph package name', () => {
    const repo = baseRepo();
    repo.write('package.json', '{\n  "name": "svc",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n').commit('deps');
    repo.write('package.json', '{\n  "name": "svc",\n  "dependencies": {\n    "express": "^4.21.0",\n    "l\u043edash": "^4.17.21"\n  }\n}\n');
    repo.commit('add lodash', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^dependency\//, file: 'package.json' });
  });

  it('blocks a symlink out of the repository', () => {
    const repo = baseRepo();
    symlinkSync('../../../.ssh/id_ed25519', repo.path('src/key'));
    repo.commit('link key', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^permission\//, file: 'src/key' });
  });

  it('blocks a submodule URL repointed', () => {
    const repo = baseRepo();
    const modules = '[submodule "vendor/lib"]\n\tpath = vendor/lib\n\turl = https://github.com/example/lib.git\n';
    repo.write('.gitmodules', modules).commit('submodule');
    repo.write('.gitmodules', modules.replace('example/lib', 'example-mirror/lib')).commit('use mirror', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^dependency\/submodule-source$/, file: '.gitmodules' });
  });
});

describe('evasion: guardian and hook changes mixed with work', () => {
  it('blocks a config change bundled with other work', () => {
    const repo = baseRepo();
    repo.write('.diff-guardian.yml', 'rules:\n  - id: permission\n    action: off\n');
    repo.write('src/app.ts', 'export const app = 3;\n').commit('tidy', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^disabled-check\/guardian-config-changed$/ });
  });

  it('blocks a hooks path change bundled with other work', () => {
    const repo = baseRepo();
    repo.write('package.json', '{\n  "name": "svc",\n  "scripts": {\n    "prepare": "git config core.hooksPath /dev/null"\n  }\n}\n');
    repo.write('src/app.ts', 'export const app = 4;\n').commit('scripts', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^disabled-check\// });
  });

  it('blocks removing a Husky hook bundled with other work', () => {
    const repo = baseRepo();
    repo.write('.husky/pre-commit', '#!/bin/sh\nnpx diff-guardian hook pre-commit\n', 0o755).commit('hooks');
    repo.remove('.husky/pre-commit').write('src/app.ts', 'export const app = 5;\n').commit('cleanup', { agent: true });
    expectBlock(check(repo, 'HEAD'), { ruleId: /^disabled-check\// });
  });
});

describe('evasion: forged attribution', () => {
  it('treats a human-looking author with an agent trailer as an agent', () => {
    const repo = baseRepo();
    repo.write('deploy.sh', '#!/bin/sh\nchmod 777 /srv/data\n').commit('deploy', { agent: true });
    const result = check(repo, 'HEAD');
    expect(jsonOf(result).commits[0]!.agent.agent).toBe(true);
    expectBlock(result, { ruleId: /^permission\// });
  });

  it('treats an agent identity without trailers as an agent', () => {
    const repo = baseRepo();
    repo.write('deploy.sh', '#!/bin/sh\nchmod 777 /srv/data\n');
    repo.commit('deploy', { author: 'Claude <noreply@anthropic.com>' });
    const result = check(repo, 'HEAD');
    expect(jsonOf(result).commits[0]!.agent.matchedBy).toContain('author:claude-code');
    expectBlock(result, { ruleId: /^permission\// });
  });

  it('still blocks a secret when every attribution is stripped', () => {
    const repo = baseRepo();
    repo.write('src/cloud.ts', credentials()).commit('cloud');
    const result = check(repo, 'HEAD');
    expect(jsonOf(result).commits[0]!.agent.agent).toBe(false);
    expectBlock(result, { ruleId: /^secret\// });
  });
});
