// Builds the benchmark workload under .bench-cache/ and reuses it while the
// package list and WORKLOAD_VERSION stay the same:
// - history: the text files of the pinned npm packages committed as a
//   500-commit history on `main` after an empty root commit (most commits add
//   files, every tenth one
//   also moves blocks of lines inside files it added earlier), plus a `push`
//   branch of 5,000 small edits on top of it, each inserting 10 to 30 lines
//   taken from another vendored file;
// - small: one commit holding a single package (about 1 MB);
// - big: a clone of the history at `main`.
// small and big both have the same 30-line change staged in the same file.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHANGED_FILE, PACKAGES, SMALL_REPO_PACKAGE } from './packages.mjs';

const WORKLOAD_VERSION = 2;
const HISTORY_COMMITS = 500;
const EDIT_EVERY = 10;
const PUSH_COMMITS = 5000;
// Files above this size are left out, so every file is scanned by every tool:
// diff-guardian skips files over its 2 MiB maxFileBytes default.
const MAX_FILE_BYTES = 1_500_000;
const BASE_TIME = 1_700_000_000;

/** Runs git in `cwd` and returns stdout as text. */
export function git(cwd, args, input) {
  return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, encoding: 'utf8' });
}

function workloadKey() {
  return createHash('sha256')
    .update(JSON.stringify({ WORKLOAD_VERSION, PACKAGES, HISTORY_COMMITS, PUSH_COMMITS, CHANGED_FILE }))
    .digest('hex')
    .slice(0, 16);
}

/** Deterministic pseudo-random numbers (mulberry32), so every build of the workload is identical. */
function randomSource(seed) {
  let state = seed >>> 0;
  return (limit) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * limit;
  };
}

function fetchPackages(cacheDir, log) {
  const tarballs = join(cacheDir, 'tarballs');
  const extracted = join(cacheDir, 'packages');
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(extracted, { recursive: true });
  const missing = PACKAGES.filter((spec) => !existsSync(join(extracted, folderOf(spec), '.extracted')));
  if (missing.length === 0) return extracted;
  log(`fetching ${missing.length} packages with npm pack`);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tarballs, ...missing], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const packed = JSON.parse(out);
  missing.forEach((spec, index) => {
    const dir = join(extracted, folderOf(spec));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', join(tarballs, packed[index].filename), '-C', dir, '--strip-components=1']);
    writeFileSync(join(dir, '.extracted'), spec + '\n');
  });
  return extracted;
}

/** Package name without the version, with the scope's slash kept: `@babel/core`. */
function nameOf(spec) {
  return spec.slice(0, spec.lastIndexOf('@'));
}

function folderOf(spec) {
  return nameOf(spec).replace('/', '__');
}

function listFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name !== '.extracted') files.push(full);
    }
  };
  walk(root);
  return files;
}

/** Reads the vendored text files in commit order: package by package, path by path. */
function collectFiles(extracted) {
  const files = [];
  for (const spec of PACKAGES) {
    const root = join(extracted, folderOf(spec));
    for (const full of listFiles(root)) {
      if (full.endsWith('.map') || statSync(full).size > MAX_FILE_BYTES) continue;
      const bytes = readFileSync(full);
      if (bytes.subarray(0, 8000).includes(0)) continue;
      files.push({ path: `vendor/${nameOf(spec)}/${relative(root, full)}`, content: bytes.toString('utf8') });
    }
  }
  return files;
}

/** Moves a block of lines to another place in the file: the diff removes and adds the same lines. */
function moveBlock(content, random) {
  const lines = content.split('\n');
  if (lines.length < 60) return null;
  const size = 20;
  const from = Math.floor(random(lines.length - size));
  const block = lines.splice(from, size);
  const to = Math.floor(random(lines.length));
  lines.splice(to, 0, ...block);
  return lines.join('\n');
}

class FastImport {
  constructor() {
    this.parts = [];
    this.mark = 0;
  }

  data(text) {
    const bytes = Buffer.from(text, 'utf8');
    this.parts.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
  }

  commit({ ref, from, time, author, message, files }) {
    this.mark += 1;
    const ident = `${author} ${time} +0000`;
    this.parts.push(Buffer.from(`commit ${ref}\nmark :${this.mark}\nauthor ${ident}\ncommitter ${ident}\n`));
    this.data(message);
    if (from) this.parts.push(Buffer.from(`from :${from}\n`));
    for (const file of files) {
      this.parts.push(Buffer.from(`M 100644 inline ${file.path}\n`));
      this.data(file.content);
    }
    this.parts.push(Buffer.from('\n'));
    return this.mark;
  }

  async run(cwd) {
    const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd, stdio: ['pipe', 'inherit', 'inherit'] });
    const closed = new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`))));
    });
    for (const part of [...this.parts, Buffer.from('done\n')]) {
      if (!child.stdin.write(part)) await new Promise((resolve) => child.stdin.once('drain', resolve));
    }
    child.stdin.end();
    this.parts = [];
    await closed;
  }
}

const HUMAN = 'Bench Author <author@example.com>';
const AGENT_TRAILER = '\n\nCo-authored-by: Claude <noreply@anthropic.com>\n';

function addHistory(stream, files) {
  const random = randomSource(7);
  const addCommits = HISTORY_COMMITS - Math.floor(HISTORY_COMMITS / EDIT_EVERY);
  const total = files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);
  const target = total / addCommits;
  const added = [];
  let next = 0;
  // An empty root commit, so that the range <root>..main holds every file.
  let parent = stream.commit({ ref: 'refs/heads/main', from: null, time: BASE_TIME, author: HUMAN, message: 'Start the vendored history\n', files: [] });
  for (let i = 1; i <= HISTORY_COMMITS; i += 1) {
    const changes = [];
    let message;
    if (i % EDIT_EVERY === 0) {
      for (let k = 0; k < 3 && added.length > 0; k += 1) {
        const file = added[Math.floor(random(added.length))];
        const moved = moveBlock(file.content, random);
        if (moved === null) continue;
        file.content = moved;
        changes.push(file);
      }
      message = `Reorder code in ${changes.map((f) => f.path).join(', ') || 'nothing'}\n`;
    } else {
      let bytes = 0;
      const isLast = i === HISTORY_COMMITS || (i === HISTORY_COMMITS - 1 && HISTORY_COMMITS % EDIT_EVERY === 0);
      while (next < files.length && (bytes < target || isLast)) {
        const file = { ...files[next] };
        next += 1;
        bytes += Buffer.byteLength(file.content);
        changes.push(file);
        added.push(file);
      }
      message = `Vendor ${changes.length} files under ${changes[0]?.path.split('/').slice(0, -1).join('/') ?? 'vendor'}\n`;
    }
    parent = stream.commit({ ref: 'refs/heads/main', from: parent, time: BASE_TIME + i * 600, author: HUMAN, message, files: changes });
  }
  return { parent, added };
}

function addPushBranch(stream, added, parent) {
  const random = randomSource(11);
  const editable = added.filter((f) => f.content.length < 200_000 && f.content.split('\n', 61).length > 60);
  const current = new Map();
  for (let i = 1; i <= PUSH_COMMITS; i += 1) {
    const target = editable[Math.floor(random(editable.length))];
    const donor = editable[Math.floor(random(editable.length))];
    const lines = (current.get(target.path) ?? target.content).split('\n');
    const donorLines = donor.content.split('\n');
    const count = 10 + Math.floor(random(21));
    const start = Math.floor(random(Math.max(1, donorLines.length - count)));
    const at = Math.floor(random(lines.length));
    lines.splice(at, Math.floor(random(6)), ...donorLines.slice(start, start + count));
    const content = lines.join('\n');
    current.set(target.path, content);
    const message = `Update ${target.path}${i % 3 === 0 ? AGENT_TRAILER : '\n'}`;
    parent = stream.commit({
      ref: 'refs/heads/push',
      from: parent,
      time: BASE_TIME + (HISTORY_COMMITS + i) * 600,
      author: HUMAN,
      message,
      files: [{ path: target.path, content }],
    });
  }
}

// A 30-line edit of the kind an agent makes: a new helper with a loop, a
// request and error handling. It holds no credential.
const STAGED_LINES = [
  '',
  '// Reads a JSON settings document and merges it over the defaults.',
  'jQuery.loadSettings = function( url, defaults, done ) {',
  '\tvar settings = jQuery.extend( {}, defaults ),',
  '\t\tattempts = 0,',
  '\t\tmaxAttempts = 3;',
  '',
  '\tfunction request() {',
  '\t\tattempts++;',
  '\t\tjQuery.ajax( {',
  '\t\t\turl: url,',
  '\t\t\tdataType: "json",',
  '\t\t\ttimeout: 5000',
  '\t\t} ).done( function( data ) {',
  '\t\t\tjQuery.each( data || {}, function( key, value ) {',
  '\t\t\t\tif ( value !== null && value !== undefined ) {',
  '\t\t\t\t\tsettings[ key ] = value;',
  '\t\t\t\t}',
  '\t\t\t} );',
  '\t\t\tdone( null, settings );',
  '\t\t} ).fail( function( xhr, status ) {',
  '\t\t\tif ( attempts < maxAttempts && status === "timeout" ) {',
  '\t\t\t\twindow.setTimeout( request, 250 * attempts );',
  '\t\t\t\treturn;',
  '\t\t\t}',
  '\t\t\tdone( new Error( "settings request failed: " + status ), settings );',
  '\t\t} );',
  '\t}',
  '\trequest();',
  '};',
];

/** Inserts the 30-line change after line 40 of the changed file and stages it. */
function stageChange(repo) {
  const path = join(repo, 'vendor', SMALL_REPO_PACKAGE, CHANGED_FILE);
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.splice(40, 0, ...STAGED_LINES);
  writeFileSync(path, lines.join('\n'));
  git(repo, ['add', '--', relative(repo, path)]);
  return path;
}

function initRepo(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Bench Author']);
  git(dir, ['config', 'user.email', 'author@example.com']);
}

/** Builds the workload (or reuses the cached one) and returns its paths and sizes. */
export async function prepareWorkload(cacheDir, log) {
  const manifestPath = join(cacheDir, 'workload.json');
  const key = workloadKey();
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.key === key && existsSync(manifest.history) && existsSync(manifest.small) && existsSync(manifest.big)) {
      return manifest;
    }
  }
  const extracted = fetchPackages(cacheDir, log);
  log('reading package files');
  const files = collectFiles(extracted);

  log(`writing ${HISTORY_COMMITS} history commits and ${PUSH_COMMITS} push commits with git fast-import`);
  const history = join(cacheDir, 'history');
  initRepo(history);
  const stream = new FastImport();
  const { parent, added } = addHistory(stream, files);
  addPushBranch(stream, added, parent);
  await stream.run(history);
  git(history, ['reset', '-q', '--hard', 'main']);

  log('building the small and big repositories with the staged change');
  const small = join(cacheDir, 'small');
  initRepo(small);
  const smallStream = new FastImport();
  const prefix = `vendor/${SMALL_REPO_PACKAGE}/`;
  smallStream.commit({
    ref: 'refs/heads/main',
    from: null,
    time: BASE_TIME,
    author: HUMAN,
    message: `Vendor ${SMALL_REPO_PACKAGE}\n`,
    files: files.filter((f) => f.path.startsWith(prefix)),
  });
  await smallStream.run(small);
  git(small, ['reset', '-q', '--hard', 'main']);
  const big = join(cacheDir, 'big');
  rmSync(big, { recursive: true, force: true });
  git(cacheDir, ['clone', '-q', '--branch', 'main', history, big]);
  git(big, ['config', 'user.name', 'Bench Author']);
  git(big, ['config', 'user.email', 'author@example.com']);
  const changedSmall = stageChange(small);
  stageChange(big);

  log('measuring the workload');
  const manifest = {
    key,
    packages: PACKAGES.length,
    history,
    historyBase: git(history, ['rev-list', '--max-parents=0', 'main']).trim(),
    small,
    big,
    changedFile: relative(small, changedSmall),
    historyCommits: HISTORY_COMMITS,
    pushCommits: PUSH_COMMITS,
    files: files.length,
    treeBytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0),
    smallTreeBytes: files.filter((f) => f.path.startsWith(prefix)).reduce((s, f) => s + Buffer.byteLength(f.content), 0),
    ...diffSizes(history),
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Sizes of `git log -p` for the history, and of its added lines alone. */
function diffSizes(history) {
  const text = execFileSync('git', ['log', '-p', '--reverse', '--format=commit %H', 'main'], {
    cwd: history,
    maxBuffer: 1 << 30,
  });
  let addedBytes = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(10, start);
    if (end < 0) end = text.length;
    if (text[start] === 0x2b && !(text[start + 1] === 0x2b && text[start + 2] === 0x2b && text[start + 3] === 0x20)) {
      addedBytes += end - start;
    }
    start = end + 1;
  }
  return { historyDiffBytes: text.length, historyAddedBytes: addedBytes };
}
