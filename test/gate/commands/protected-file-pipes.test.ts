import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/protected-file-write.js';
import { COMMAND_FILE } from '../../../src/gate/commands/define.js';
import { findProject } from '../../../src/gate/project.js';
import { TestRepo, tempDir } from '../../helpers/repo.js';
import { commandFindings } from '../helpers.js';

const RULE = 'disabled-check/protected-file-written';

const repo = TestRepo.init();
repo.write('lists/protected.txt', '.gitleaksignore\n');
repo.write('lists/plain.txt', 'build/out.txt\n');
repo.write(
  'patches/relax.patch',
  '--- a/.diff-guardian.yml\n+++ b/.diff-guardian.yml\n@@ -1 +1 @@\n-extends: [strict]\n+extends: [default]\n',
);
repo.write('patches/source.patch', '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1 +1 @@\n-a\n+b\n');
repo.write(
  'mail/0001-relax.patch',
  'From 0123 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] relax\n\n---\n--- a/.gitleaksignore\n+++ b/.gitleaksignore\n@@ -1 +1 @@\n-a\n+b\n',
);
repo.write('.git/hooks/pre-commit', '#!/bin/sh\nexit 1\n');
repo.write('.git/hooks/pre-push', '#!/bin/sh\nexit 1\n');
repo.write('.git/diff-guardian/gate.log', '{}\n');
repo.write('.gitleaksignore', '0123abcd:src/db.ts:generic-api-key:3\n');
repo.write('.secretlintignore', 'src/**\n');
repo.write('scripts/off.sh', 'rm .git/hooks/pre-commit\n');
const home = tempDir('dg-home-');
// Temporary directories hold the test repositories, so none counts as scratch space here.
const project = { ...findProject(repo.dir), home, scratchDirs: [] };

/** Commands that must be denied, with a word of the protected file's description and the path shown. */
const flag: Array<[string, string, string]> = [
  // xargs running a writing command on names it gets from the command line.
  ['echo .git/hooks/pre-commit | xargs rm', 'a git hook', '.git/hooks/pre-commit'],
  ["printf '%s\\n' .gitleaksignore | xargs -I{} cp /dev/null {}", 'ignore file', '.gitleaksignore'],
  ['find .git/hooks -name pre-commit | xargs rm -f', 'a git hook', '.git/hooks/pre-commit'],
  ['find . -name .gitleaksignore -print0 | xargs -0 rm', 'ignore file', '.gitleaksignore'],
  ['xargs rm < lists/protected.txt', 'ignore file', '.gitleaksignore'],
  ['xargs -a lists/protected.txt truncate -s 0', 'ignore file', '.gitleaksignore'],
  ['cat lists/protected.txt | xargs rm', 'ignore file', '.gitleaksignore'],
  ["echo .secretlintignore | xargs sed -i '1d'", 'ignore file', '.secretlintignore'],
  ['xargs -n1 rm <<< .git/hooks/pre-push', 'a git hook', '.git/hooks/pre-push'],
  ['echo pre-commit | xargs -I % cp /tmp/x .git/hooks/%', 'a git hook', '.git/hooks/pre-commit'],
  ['ls .git/hooks | xargs -I{} rm .git/hooks/{}', 'a git hook', '.git/hooks/pre-commit'],
  ['cd .git/hooks && ls | xargs rm', 'a git hook', '.git/hooks/pre-push'],
  ['ls -A | xargs rm -f', 'ignore file', '.gitleaksignore'],
  ['ls .git/hooks/pre-* | xargs rm', 'a git hook', '.git/hooks/pre-push'],
  [`echo .gitleaksignore | xargs sh -c 'cp /dev/null "$@"' _`, 'ignore file', '.gitleaksignore'],
  // find removing or running a writing command on what it matches.
  ['find .git/hooks -delete', 'a git hook', '.git/hooks/pre-commit'],
  ['find . -name .gitleaksignore -delete', 'ignore file', '.gitleaksignore'],
  ["find . -name pre-commit -path '*hooks*' -exec rm {} +", 'a git hook', '.git/hooks/pre-commit'],
  ['find .git/hooks -type f -exec truncate -s 0 {} \\;', 'a git hook', '.git/hooks/pre-commit'],
  ["find . -maxdepth 1 -name '.*ignore' -exec sed -i 1d {} \\;", 'ignore file', '.gitleaksignore'],
  ['find .git -name pre-commit -execdir mv {} {}.off \\;', 'a git hook', '.git/hooks/pre-commit'],
  ["find . -iname '.GITLEAKSIGNORE' -ok cp /dev/null {} \\;", 'ignore file', '.gitleaksignore'],
  ['cd .git && find hooks -name pre-push -delete', 'a git hook', '.git/hooks/pre-push'],
  ['find . -fprint .gitleaksignore', 'ignore file', '.gitleaksignore'],
  [`find . -name pre-commit -exec sh -c 'rm "$1"' _ {} \\;`, 'a git hook', '.git/hooks/pre-commit'],
  [
    `find .git/hooks -type f -exec bash -c 'truncate -s 0 "$@"' _ {} +`,
    'a git hook',
    '.git/hooks/pre-commit',
  ],
  // -delete visits entries before their folder, so -prune keeps find out of nothing.
  [
    "find . -path ./.git -prune -o -name '*.log' -delete",
    'audit log',
    '.git/diff-guardian/gate.log',
  ],
  ["find . -name '*.log' -delete", 'audit log', '.git/diff-guardian/gate.log'],
  // patch, git apply and git am reading a patch that names a protected file.
  ['patch .git/hooks/pre-commit < fix.patch', 'a git hook', '.git/hooks/pre-commit'],
  ['patch -p1 < patches/relax.patch', "diff-guardian's config", '.diff-guardian.yml'],
  ['patch -p1 -i patches/relax.patch', "diff-guardian's config", '.diff-guardian.yml'],
  ['patch < patches/relax.patch', "diff-guardian's config", '.diff-guardian.yml'],
  ['cat patches/relax.patch | patch -p1', "diff-guardian's config", '.diff-guardian.yml'],
  ['cd patches && patch -d .. -p1 < relax.patch', "diff-guardian's config", '.diff-guardian.yml'],
  ['cat patches/relax.patch | git apply', "diff-guardian's config", '.diff-guardian.yml'],
  ['git apply patches/*.patch', "diff-guardian's config", '.diff-guardian.yml'],
  ['git am mail/0001-relax.patch', 'ignore file', '.gitleaksignore'],
  ['git am < mail/0001-relax.patch', 'ignore file', '.gitleaksignore'],
  ['cat mail/0001-relax.patch | git am -3', 'ignore file', '.gitleaksignore'],
  // Archives extracted into a protected folder, or over a protected member.
  ['tar -xf hooks.tar -C .git/hooks', 'a git hook', '.git/hooks'],
  ['tar xzf hooks.tgz -C .git', 'a git hook', '.git'],
  ['tar --extract --file=hooks.tar --directory=.git/hooks', 'a git hook', '.git/hooks'],
  ['tar -xf relax.tar .gitleaksignore', 'ignore file', '.gitleaksignore'],
  ['unzip -o x.zip -d .git/hooks', 'a git hook', '.git/hooks'],
  ['unzip -o relax.zip .diff-guardian.yml', "diff-guardian's config", '.diff-guardian.yml'],
  ['cd .git/hooks && cpio -idv < hooks.cpio', 'a git hook', '.git/hooks'],
  ['cpio -i -D .git/hooks < hooks.cpio', 'a git hook', '.git/hooks'],
  ['bsdtar -xf x.tar -C .claude', "agent's settings", '.claude'],
  // Pipes into a shell or an interpreter.
  ["echo 'rm .git/hooks/pre-commit' | sh", 'a git hook', '.git/hooks/pre-commit'],
  ["printf 'cp /dev/null .gitleaksignore\\n' | bash -s", 'ignore file', '.gitleaksignore'],
  [
    "printf '%s\\n' 'import os' 'os.remove(\".gitleaksignore\")' | python3",
    'ignore file',
    '.gitleaksignore',
  ],
  [
    `echo "require('fs').unlinkSync('.git/hooks/pre-push')" | node`,
    'a git hook',
    '.git/hooks/pre-push',
  ],
  ["cat <<'EOF' | sh\nrm .git/hooks/pre-commit\nEOF", 'a git hook', '.git/hooks/pre-commit'],
  ["echo -e 'echo x\\nrm .secretlintignore' | bash", 'ignore file', '.secretlintignore'],
  // Editors.
  [`ed -s .git/hooks/pre-commit <<< $'1d\\nw'`, 'a git hook', '.git/hooks/pre-commit'],
  ["ex -sc '1d|wq' .gitleaksignore", 'ignore file', '.gitleaksignore'],
  ["vim -es -c 'g/exit 1/d' -c 'wq' .git/hooks/pre-commit", 'a git hook', '.git/hooks/pre-commit'],
  ['nano .diff-guardian.yml', "diff-guardian's config", '.diff-guardian.yml'],
  ['vi +3 .secretlintignore', 'ignore file', '.secretlintignore'],
  [
    'emacs --batch .gitleaksignore -f delete-trailing-whitespace -f save-buffer',
    'ignore file',
    '.gitleaksignore',
  ],
];

const pass: string[] = [
  'echo notes.txt | xargs rm',
  'cat lists/plain.txt | xargs rm',
  'find . -name "*.o" | xargs rm -f',
  'find .git/hooks -name pre-commit | xargs cat',
  'find .git/hooks -name pre-commit | xargs -I{} cp {} /tmp/backup/',
  'git ls-files | xargs wc -l',
  'ls | xargs rm -f',
  'ls .git/hooks | xargs rm -f',
  'ls -1 src | xargs -I{} cp src/{} /tmp/backup/',
  'find .git/hooks -name "*.sample"',
  'find . -name .gitleaksignore -print',
  "find . -name '*.orig' -delete",
  'find .git/hooks -name "*.sample" -delete',
  'find build -type f -delete',
  "find . -path ./.git -prune -o -name '*.log' -print",
  "find . -not -path './.git/*' -name '*.log' -delete",
  'find . -empty -delete',
  'find . -name pre-rebase -delete',
  'find .git/hooks -name post-merge -exec rm {} \\;',
  'find .git/hooks -name pre-commit -exec cat {} \\;',
  'find . -name .gitleaksignore -exec cp {} /tmp/copy \\;',
  `find . -name .gitleaksignore -exec sh -c 'cat "$1" > /tmp/copy' _ {} \\;`,
  `echo .gitleaksignore | xargs sh -c 'wc -l "$@"' _`,
  'patch -p1 < patches/source.patch',
  'patch --dry-run -p1 < patches/relax.patch',
  'patch src/app.ts < fix.patch',
  'cat patches/source.patch | git apply',
  'cat patches/relax.patch | git apply --stat > /dev/null; echo done',
  'tar -xf deps.tar',
  'tar -xzf deps.tgz -C vendor',
  'tar -tf hooks.tar',
  'tar -cf backup.tar .git/hooks',
  'tar -xOf relax.tar .gitleaksignore',
  'unzip -l x.zip',
  'unzip -o x.zip -d build',
  'cpio -o < list > out.cpio',
  "echo 'echo hello' | sh",
  "echo 'cat .git/hooks/pre-commit' | bash",
  `echo "print(open('.gitleaksignore').read())" | python3`,
  'echo "$SCRIPT" | sh',
  'vim notes.txt',
  'view .git/hooks/pre-commit',
  'nano src/app.ts',
  "ed -s notes.txt <<< $'1d\\nw'",
];

describe(`${RULE} through pipes and programs`, () => {
  it.each(flag)('flags %s', async (command, what, path) => {
    const findings = await commandFindings(detector, command, { project });
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set([RULE]));
    expect(findings[0]!.file).toBe(COMMAND_FILE);
    expect(findings[0]!.action).toBe('block');
    expect(findings.map((f) => f.message).join('\n')).toContain(what);
    expect(findings.map((f) => f.message).join('\n')).toContain(` ${path}, `);
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command, { project })).toEqual([]);
  });
});

/** Inline scripts whose writing calls name a literal path: only that path counts as written. */
const scriptFlag: Array<[string, string]> = [
  [`python3 -c "open('.gitleaksignore', 'w').write(open('notes.txt').read())"`, '.gitleaksignore'],
  [`python3 -c "import shutil; shutil.copy('/tmp/x', '.gitleaksignore')"`, '.gitleaksignore'],
  [
    `python3 -c "from pathlib import Path; Path('.git/hooks/pre-commit').write_text('exit 0')"`,
    '.git/hooks/pre-commit',
  ],
  [`python3 -c "p = '.gitleaksignore'; open(p, 'w').write('')"`, '.gitleaksignore'],
  [
    `node -e "const fs = require('fs'); fs.writeFileSync(process.argv[1], fs.readFileSync('.gitleaksignore'))"`,
    '.gitleaksignore',
  ],
  [`perl -e 'open(my $f, ">", ".secretlintignore"); print $f "x"'`, '.secretlintignore'],
  [`ruby -e 'File.write(".gitleaksignore", File.read("x"))'`, '.gitleaksignore'],
  [`python3 -c "import os; os.rename('.gitleaksignore', 'old.txt')"`, '.gitleaksignore'],
];

const scriptPass: string[] = [
  `python3 -c "open('out.txt','w').write(open('.gitleaksignore').read())"`,
  `python3 -c "open('out.txt', mode='w').write(open('.git/hooks/pre-commit', 'r').read())"`,
  `node -e "const fs = require('fs'); fs.writeFileSync('out.txt', fs.readFileSync('.gitleaksignore', 'utf8'))"`,
  `ruby -e 'File.write("out.txt", File.read(".gitleaksignore"))'`,
  `python3 -c "import shutil; shutil.copy('.gitleaksignore', '/tmp/backup')"`,
  `python3 -c "import sys; sys.stdout.write(open('.diff-guardian.yml').read())"`,
  `perl -e 'open(F, "<", ".gitleaksignore"); open(O, ">out.txt"); print O <F>'`,
  `node -e "require('fs').copyFileSync('.diff-guardian.yml', 'backup.yml')"`,
];

describe(`${RULE} in inline scripts`, () => {
  it.each(scriptFlag)('flags %s', async (command, path) => {
    const findings = await commandFindings(detector, command, { project });
    expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
    expect(findings[0]!.message).toContain(` ${path}, `);
  });

  it.each(scriptPass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command, { project })).toEqual([]);
  });
});

// Cases the rule still gets wrong; each is asserted to keep its current result (denied or not).
const todo: Array<[string, boolean]> = [
  // A script file piped into a shell is not read, only literal piped text.
  ['cat scripts/off.sh | bash', false],
  // Names printed by a program other than echo, printf, cat, ls or find are unknown.
  ['git ls-files -z .gitleaksignore | xargs -0 rm', false],
  // The gate does not list an archive, so one unpacked in the project root is not judged.
  ['tar -xf relax.tar', false],
  // A loop variable of an inner shell is not followed, only positional parameters.
  [`find .git/hooks -type f -exec sh -c 'for f; do rm "$f"; done' _ {} +`, false],
  // find's -regex is not read and counts as true, so this removal of object files is denied.
  ["find . -regex '.*\\.o' -delete", true],
  // A script that runs a command leaves its paths undecided, so a read counts as a write.
  [`python3 -c "import subprocess; subprocess.run(['cat', '.gitleaksignore'])"`, true],
  // A read-only editor counts as a write.
  ['vim -R .gitleaksignore', true],
];

describe(`${RULE} known misses`, () => {
  it.each(todo)('still gives %s denied=%s', async (command, denied) => {
    const findings = await commandFindings(detector, command, { project });
    expect(findings.length > 0).toBe(denied);
  });
});
