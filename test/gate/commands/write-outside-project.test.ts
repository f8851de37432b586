import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import detector from '../../../src/gate/commands/write-outside-project.js';
import { findProject } from '../../../src/gate/project.js';
import { TestRepo, tempDir } from '../../helpers/repo.js';
import { commandFindings, writeFindings } from '../helpers.js';

const RULE = 'permission/write-outside-project';

const repo = TestRepo.init();
const home = tempDir('dg-home-');
// Temporary directories hold the test repositories, so none counts as scratch space here.
const project = { ...findProject(repo.dir), home, scratchDirs: [] };

// The severity each case gets: block for system and home configuration files, warn elsewhere.
// The default pack blocks both in agent-authored changes.
const flag: Array<[string, 'block' | 'warn']> = [
  ['echo "alias ls=rm" >> ~/.bashrc', 'block'],
  ['cp key.pub $HOME/.ssh/authorized_keys', 'block'],
  ['echo "127.0.0.1 registry.npmjs.org" | sudo tee -a /etc/hosts', 'block'],
  ['sed -i s/a/b/ /usr/local/etc/app.conf', 'block'],
  ['cp build/app /srv/other-project/app', 'warn'],
  ['echo x > ../sibling/file.txt', 'warn'],
  ['curl -o ~/bin/tool https://example.test/tool', 'warn'],
  ['mv ~/.bashrc ./bashrc.old', 'block'],
  ['mv ../sibling/file.txt .', 'warn'],
];

const pass: string[] = [
  'echo x > out.txt',
  'cp a.txt sub/b.txt',
  'make 2>/dev/null',
  'echo x >&2',
  'cat ~/.bashrc',
  'cp ~/.gitconfig ./gitconfig.copy',
  'mv a.txt sub/',
];

describe(RULE, () => {
  it.each(flag)('flags %s', async (command, severity) => {
    const findings = await commandFindings(detector, command, { project });
    expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
    expect(findings[0]!.severity).toBe(severity);
    expect(findings[0]!.action).toBe('block');
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command, { project })).toEqual([]);
  });

  it('flags a file tool writing a home dotfile', async () => {
    const findings = await writeFindings(detector, join(home, '.zshrc'), { project });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.file).toBe(join(home, '.zshrc'));
    expect(findings[0]!.action).toBe('block');
  });

  it('passes a file tool writing inside the project', async () => {
    expect(await writeFindings(detector, join(repo.dir, 'src/index.ts'), { project })).toEqual([]);
  });

  it('judges a symbolic link by where it points', async () => {
    const { symlinkSync } = await import('node:fs');
    symlinkSync(home, join(repo.dir, 'home-link'));
    const findings = await writeFindings(detector, join(repo.dir, 'home-link/.profile'), { project });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.action).toBe('block');
  });
});

describe(`${RULE} scratch space`, () => {
  it('passes a write to a scratch directory', async () => {
    const scratch = tempDir('dg-scratch-');
    const withScratch = { ...project, scratchDirs: [scratch] };
    expect(await commandFindings(detector, `echo x > ${scratch}/notes.txt`, { project: withScratch })).toEqual([]);
  });
});
