import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Reads everything the test run recorded and every verdict note, report and
// log left in the run's temporary folders, and lists each secret found in them.

function filesUnder(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      if (name === 'node_modules') continue;
      filesUnder(path, keep, out);
    } else if (keep(path)) out.push(path);
  }
  return out;
}

/** Git directories under `dir`: working repositories' .git folders and bare repositories. */
function gitDirs(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (!stat.isDirectory()) continue;
    if (existsSync(join(path, 'HEAD')) && existsSync(join(path, 'objects'))) out.push(path);
    else gitDirs(path, out);
  }
  return out;
}

function notesText(gitDir: string): string {
  try {
    const refs = execFileSync('git', ['--git-dir', gitDir, 'for-each-ref', '--format=%(refname)', 'refs/notes/'], {
      encoding: 'utf8',
    });
    let text = '';
    for (const ref of refs.split('\n').filter(Boolean)) {
      const list = execFileSync('git', ['--git-dir', gitDir, 'notes', `--ref=${ref}`, 'list'], { encoding: 'utf8' });
      for (const line of list.split('\n').filter(Boolean)) {
        const blob = line.split(' ')[0]!;
        text += execFileSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', blob], { encoding: 'utf8' });
      }
    }
    return text;
  } catch {
    return '';
  }
}

const OUTPUT_FILE = /\.(sarif|log|jsonl)$|(^|\/)(report|verdicts?|gate[^/]*)\.json$/;

export function findLeaks(root: string): { secrets: number; sources: number; leaks: string[] } {
  const secrets = new Set<string>();
  for (const file of filesUnder(join(root, 'secrets'), () => true)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line.length >= 8) secrets.add(line);
  }
  const sources: Array<{ name: string; text: string }> = [];
  for (const file of filesUnder(join(root, 'outputs'), () => true)) sources.push({ name: file, text: readFileSync(file, 'utf8') });
  for (const file of filesUnder(join(root, 'tmp'), (p) => OUTPUT_FILE.test(p) && !p.includes('/.git/objects/'))) {
    sources.push({ name: file, text: readFileSync(file, 'utf8') });
  }
  for (const gitDir of gitDirs(join(root, 'tmp'))) {
    const text = notesText(gitDir);
    if (text) sources.push({ name: `${gitDir} notes`, text });
  }
  const leaks: string[] = [];
  for (const source of sources) {
    for (const secret of secrets) {
      if (source.text.includes(secret)) leaks.push(`${source.name} contains a generated secret of ${secret.length} characters`);
    }
  }
  return { secrets: secrets.size, sources: sources.length, leaks };
}
