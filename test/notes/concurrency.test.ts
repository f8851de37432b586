import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, GIT_ENV, TestRepo } from '../helpers/repo.js';

const REF = 'refs/notes/diff-guardian';

function runShell(cwd: string, script: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd, env: GIT_ENV, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

function makeCommits(repo: TestRepo, count: number): string[] {
  repo.write('README.md', '# demo\n').commit('init');
  const shas: string[] = [];
  for (let i = 0; i < count; i += 1)
    shas.push(repo.write(`src/file-${i}.ts`, `export const n = ${i};\n`).commit(`add file ${i}`));
  return shas;
}

function annotated(repo: TestRepo): Set<string> {
  const listed = repo.git('notes', `--ref=${REF}`, 'list').trim().split('\n');
  return new Set(listed.filter(Boolean).map((line) => line.split(' ')[1]!));
}

describe('concurrent note writers', () => {
  it('keep every note when ten write at once', async () => {
    const repo = TestRepo.init();
    const shas = makeCommits(repo, 10);
    const jobs = shas.map((sha) =>
      runShell(repo.dir, `"${process.execPath}" "${CLI}" check ${sha} --note`),
    );
    const codes = await Promise.all(jobs);
    expect(codes).toEqual(shas.map(() => 0));

    const notes = annotated(repo);
    for (const sha of shas) expect(notes.has(sha), `note of ${sha}`).toBe(true);
    expect(notes.size).toBe(shas.length);
    // Every write is one notes commit on a single line of history: none replaced another.
    expect(repo.git('rev-list', '--count', REF).trim()).toBe(String(shas.length));
  });

  it('retries while another process holds the ref lock', async () => {
    const repo = TestRepo.init();
    const [first, second] = makeCommits(repo, 2);
    await runShell(repo.dir, `"${process.execPath}" "${CLI}" check ${first} --note`);
    const lock = join(repo.dir, '.git', `${REF}.lock`);
    writeFileSync(lock, '');
    const writer = runShell(repo.dir, `"${process.execPath}" "${CLI}" check ${second} --note`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    rmSync(lock);

    expect(await writer).toBe(0);
    const notes = annotated(repo);
    expect(notes.has(first!)).toBe(true);
    expect(notes.has(second!)).toBe(true);
  });
});
