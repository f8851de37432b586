import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/protected-file-write.js';
import { COMMAND_FILE } from '../../../src/gate/commands/define.js';
import { findProject } from '../../../src/gate/project.js';
import { defaultPolicy } from '../../../src/packs/load.js';
import { TestRepo, tempDir } from '../../helpers/repo.js';
import { commandFindings, writeFindings } from '../helpers.js';

const RULE = 'disabled-check/protected-file-written';

const repo = TestRepo.init();
repo.git('config', 'core.hooksPath', '.githooks');
const home = tempDir('dg-home-');
// Temporary directories hold the test repositories, so none counts as scratch space here.
const project = { ...findProject(repo.dir), home, scratchDirs: [] };

const flag: Array<[string, string]> = [
  ['echo "exit 0" > .git/hooks/pre-commit', 'a git hook'],
  ['rm .git/hooks/pre-push', 'a git hook'],
  ['cp /dev/null .githooks/pre-commit', 'a git hook'],
  ['chmod -x .githooks/pre-commit', 'a git hook'],
  ['sed -i "s/exit 1/exit 0/" .githooks/pre-commit', 'a git hook'],
  ['printf "[core]\\n" >> .git/config', 'git config'],
  ['tee .diff-guardian.yml < relaxed.yml', "diff-guardian's config"],
  ['mv relaxed.yml .diff-guardian.yml', "diff-guardian's config"],
  ['rm -f .git/diff-guardian/gate.log', 'audit log'],
  ['echo {} > .claude/settings.json', "agent's settings"],
  ['cat > ~/.claude/settings.json <<EOF\n{}\nEOF', "agent's settings"],
  ['echo 0123abcd:src/db.ts:generic-api-key:3 >> .gitleaksignore', 'ignore file'],
  ['printf "src/**\\n" > .secretlintignore', 'ignore file'],
  ['sed -i "1d" .secretlintignore', 'ignore file'],
  ['cp /tmp/other/config .git/', 'git config'],
  ['cp /tmp/other/.gitleaksignore .', 'ignore file'],
  ['cp -t . /tmp/other/.gitleaksignore', 'ignore file'],
  ['cp --target-directory=. /tmp/other/.secretlintignore', 'ignore file'],
  ['mv /tmp/other/.gitleaksignore ./', 'ignore file'],
  ['ln -s /tmp/other/.gitleaksignore .', 'ignore file'],
  ['ln -s /tmp/other/.gitleaksignore', 'ignore file'],
  ['cp /tmp/other/settings.json .claude/', "agent's settings"],
  ['cd src && echo x > ../.gitleaksignore', 'ignore file'],
  ['pushd src; echo x >> ../.secretlintignore; popd', 'ignore file'],
  ['cd .git/hooks && cp /tmp/x pre-commit', 'a git hook'],
  ['cd .git && echo x >> config', 'git config'],
  ['cd .git; cd hooks; echo exit 0 > pre-push', 'a git hook'],
  ['mv .git/hooks/pre-commit /tmp/pre-commit.off', 'a git hook'],
  ['mv .gitleaksignore /tmp/', 'ignore file'],
  ['rsync --remove-source-files .githooks/pre-commit /tmp/hooks/', 'a git hook'],
  ['git checkout HEAD~1 -- .diff-guardian.yml', "diff-guardian's config"],
  ['git checkout .gitleaksignore', 'ignore file'],
  ['git restore --source=HEAD~2 .secretlintignore', 'ignore file'],
  ['git restore -s HEAD~2 -- .diff-guardian.yml', "diff-guardian's config"],
  ['git rm .diff-guardian.yml', "diff-guardian's config"],
  ['git rm --cached -q .gitleaksignore', 'ignore file'],
  ['git mv .diff-guardian.yml old.yml', "diff-guardian's config"],
  ['git mv relaxed.yml .diff-guardian.yml', "diff-guardian's config"],
  ['git -C src checkout -- ../.gitleaksignore', 'ignore file'],
  ['cd src && git restore ../.secretlintignore', 'ignore file'],
  ['grep -v secrets .gitleaksignore | sponge .gitleaksignore', 'ignore file'],
  ["gawk -i inplace '!/exit 1/' .githooks/pre-commit", 'a git hook'],
  ["awk --include=inplace -v n=1 'NR>n' .secretlintignore", 'ignore file'],
  [`python3 -c "open('.git/hooks/pre-commit', 'w').write('exit 0')"`, 'a git hook'],
  [`python -c "import os; os.remove('.gitleaksignore')"`, 'ignore file'],
  [`node -e "require('fs').writeFileSync('.diff-guardian.yml', 'extends: [default]')"`, "diff-guardian's config"],
  [`node --eval="require('fs').unlinkSync('.git/hooks/pre-push')"`, 'a git hook'],
  [`perl -e 'open(F, ">.secretlintignore"); print F "src"'`, 'ignore file'],
  [`ruby -e 'File.write(".gitleaksignore", "src")'`, 'ignore file'],
  ["python3 - <<'EOF'\nopen('.git/hooks/pre-commit', 'w').write('exit 0')\nEOF", 'a git hook'],
  ["node <<EOF\nrequire('fs').rmSync('.secretlintignore')\nEOF", 'ignore file'],
  [`python3 <<< "import os; os.unlink('.gitleaksignore')"`, 'ignore file'],
  ['bash <<EOF\nrm .git/hooks/pre-commit\nEOF', 'a git hook'],
  ["bash <<< 'rm .git/hooks/pre-commit'", 'a git hook'],
  ["sh -s <<< 'rm .git/hooks/pre-commit'", 'a git hook'],
  [`python3 -Ic 'import os; os.remove(".git/hooks/pre-commit")'`, 'a git hook'],
  [`perl -we 'unlink ".git/hooks/pre-commit"'`, 'a git hook'],
  [`php -r 'file_put_contents(".git/hooks/pre-commit", "");'`, 'a git hook'],
  [`node -e 'require("fs").cpSync("/tmp/x", ".git/hooks/pre-commit")'`, 'a git hook'],
  [`python3 -c 'import os; os.system("rm .git/hooks/pre-commit")'`, 'a git hook'],
  [`perl -e "unlink q(.git/hooks/pre-commit)"`, 'a git hook'],
  ['busybox rm .git/hooks/pre-commit', 'a git hook'],
  ['rm .git/hook?/pre-commit', 'a git hook'],
  ['rm .git/{hooks,x}/pre-commit', 'a git hook'],
  ['rm -rf .git', 'a git hook'],
  ['mv .git /tmp/git-backup', 'a git hook'],
  ['mv .[a-z]* /tmp/', 'a git hook'],
];

const pass: string[] = [
  'cat .git/hooks/pre-commit',
  'ls .githooks',
  'echo hi > notes.txt',
  'cp .diff-guardian.yml /tmp/backup.yml',
  'git diff > .git/../changes.patch',
  'echo x > .claude/commands/review.md',
  'cp /tmp/other/.gitleaksignore docs/',
  'cd docs && echo x > .gitleaksignore',
  'cp README.md notes.md',
  'cd src; cd -; echo x > notes.txt',
  'mv /tmp/a.txt /tmp/b.txt',
  'mv notes.txt docs/',
  'git checkout main',
  'git checkout -b feature',
  'git checkout -B feature HEAD~1',
  'git checkout -- src/',
  'git restore src/app.ts',
  'git rm -r src/old',
  'git mv src/a.ts src/b.ts',
  'git apply missing.patch',
  'git apply -',
  'git switch main',
  "awk '{print}' .gitleaksignore > /tmp/copy",
  "gawk -i inplace '{print}' notes.txt",
  `python3 -c "print(open('.diff-guardian.yml').read())"`,
  `node -e "console.log(require('fs').readFileSync('.gitleaksignore', 'utf8'))"`,
  `python3 -c "open('out.txt', 'w').write('x')"`,
  "perl -pi -e 's/a/b/' notes.txt",
  "python3 build.py <<'EOF'\nopen('.diff-guardian.yml', 'w')\nEOF",
  "cat > notes.txt <<'EOF'\nos.remove('.gitleaksignore')\nEOF",
  'rm -f .git/hooks/pre-commit.sample',
  'rm -rf node_modules',
  'mv * /tmp/',
  'git checkout -- .',
  "bash <<< 'echo hello'",
];

describe(RULE, () => {
  it.each(flag)('flags %s', async (command, what) => {
    const findings = await commandFindings(detector, command, { project });
    expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
    expect(findings[0]!.file).toBe(COMMAND_FILE);
    expect(findings[0]!.action).toBe('block');
    expect(findings[0]!.message).toContain(what);
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command, { project })).toEqual([]);
  });

  it('flags a file tool writing a hook', async () => {
    const findings = await writeFindings(detector, join(repo.dir, '.git/hooks/pre-commit'), { project, tool: 'Write' });
    expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
    expect(findings[0]!.file).toBe('.git/hooks/pre-commit');
    expect(findings[0]!.message).toContain('The Write of .git/hooks/pre-commit');
  });

  it('flags a file tool editing the agent settings', async () => {
    const findings = await writeFindings(detector, join(repo.dir, '.claude/settings.local.json'), { project, tool: 'Edit' });
    expect(findings.map((f) => f.file)).toEqual(['.claude/settings.local.json']);
  });

  it('leaves the guardian config of a file tool to the commit detectors', async () => {
    expect(await writeFindings(detector, join(repo.dir, '.diff-guardian.yml'), { project })).toEqual([]);
    expect(await writeFindings(detector, join(repo.dir, '.gitleaksignore'), { project })).toEqual([]);
  });

  it('flags commands writing a pack the config extends or the allowlist it names', async () => {
    const policy = { ...defaultPolicy(), repositoryFiles: { packs: ['ci/guard.yml'], allowlists: ['.diff-guardian-allowlist.yml', 'ci/acks.yml'] } };
    for (const command of ['cp relaxed.yml ci/guard.yml', 'echo "- fingerprint: 0123abcd" >> ci/acks.yml', 'cd ci && cat relaxed.yml > guard.yml', 'cp relaxed/guard.yml ci/']) {
      const findings = await commandFindings(detector, command, { project, policy });
      expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
      expect(findings[0]!.message).toContain("diff-guardian's config");
    }
    expect(await commandFindings(detector, 'cp relaxed.yml ci/guard.yml', { project })).toEqual([]);
  });

  it('knows the repository when the agent works inside the git directory', async () => {
    const inside = { ...findProject(repo.path('.git')), home, scratchDirs: [] };
    expect(inside.root).toBe(project.root);
    expect(inside.hooksDir).toBe(project.hooksDir);
    for (const command of ['printf "[core]\\n\\thooksPath = /dev/null\\n" >> config', 'cp /tmp/x hooks/pre-commit', 'rm diff-guardian/gate.log']) {
      const findings = await commandFindings(detector, command, { project: inside });
      expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
    }
    const findings = await writeFindings(detector, repo.path('.git/hooks/pre-commit'), { project: inside });
    expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
  });

  it('flags git apply of a patch that names a protected file', async () => {
    const relax = [
      'diff --git a/.diff-guardian.yml b/.diff-guardian.yml',
      '--- a/.diff-guardian.yml',
      '+++ b/.diff-guardian.yml',
      '@@ -1 +1 @@',
      '-extends: [strict]',
      '+extends: [default]',
      '',
    ].join('\n');
    repo.write('patches/relax.patch', relax);
    repo.write('patches/relax-p0.patch', relax.replaceAll(' a/', ' ').replaceAll(' b/', ' '));
    repo.write('patches/quoted.patch', '--- "a/.gitleaks\\151gnore"\n+++ "b/.gitleaks\\151gnore"\n@@ -1 +1 @@\n-x\n+y\n');
    repo.write('patches/rename.patch', 'diff --git a/keep.yml b/.secretlintignore\nsimilarity index 100%\nrename from keep.yml\nrename to .secretlintignore\n');
    repo.write('patches/nested.patch', '--- a/guard.yml\n+++ b/guard.yml\n@@ -1 +1 @@\n-a\n+b\n');
    repo.write('patches/crlf.patch', relax.replaceAll('\n', '\r\n'));
    repo.write('patches/source.patch', '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1 +1 @@\n-a\n+b\n');

    const cases: Array<[string, string]> = [
      ['git apply patches/relax.patch', "diff-guardian's config"],
      ['git apply --index -p0 patches/relax-p0.patch', "diff-guardian's config"],
      ['git apply patches/quoted.patch', 'ignore file'],
      ['git apply patches/rename.patch', 'ignore file'],
      ['cd patches && git apply --cached relax.patch', "diff-guardian's config"],
      ['git apply < patches/relax.patch', "diff-guardian's config"],
      ['git apply - < patches/relax.patch', "diff-guardian's config"],
      ['git apply patches/crlf.patch', "diff-guardian's config"],
    ];
    for (const [command, what] of cases) {
      const findings = await commandFindings(detector, command, { project });
      expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
      expect(findings[0]!.message).toContain(what);
    }

    const policy = { ...defaultPolicy(), repositoryFiles: { packs: ['ci/guard.yml'], allowlists: ['.diff-guardian-allowlist.yml'] } };
    const nested = await commandFindings(detector, 'git apply --directory=ci patches/nested.patch', { project, policy });
    expect(nested.map((f) => f.ruleId)).toEqual([RULE]);

    expect(await commandFindings(detector, 'git apply patches/source.patch', { project })).toEqual([]);
  });

  it('passes a file tool writing source', async () => {
    expect(await writeFindings(detector, join(repo.dir, 'src/app.ts'), { project })).toEqual([]);
  });
});
