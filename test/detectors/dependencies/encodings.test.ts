import { describe, expect, it } from 'vitest';
import { jsonOf, runCli, TestRepo } from '../../helpers/repo.js';

type Encoding = 'utf-16le' | 'utf-16be' | 'utf-8 bom';

/** Encodes text with a byte order mark, as Windows editors and PowerShell's `>` save it. */
function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf-8 bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}

/** Commits `before` and then `after`, both encoded, at `path`, and returns the second commit's findings. */
function findingsOf(path: string, before: string, after: string, encoding: Encoding): string[] {
  const repo = TestRepo.init();
  repo.write(path, encode(before, encoding)).commit('init');
  repo.write(path, encode(after, encoding)).commit('add a dependency', { agent: true });
  const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
  expect(result.stderr).toBe('');
  return jsonOf(result).findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
}

// Manifests saved with a byte order mark: UTF-16 ones are binary to git, so their dependencies are
// read from the content decoded by that mark.
describe('manifests saved as UTF-16 or with a UTF-8 byte order mark', () => {
  const manifests: Array<[string, string, string, string, string]> = [
    ['requirements.txt', 'requests==2.32.3\n', 'requests==2.32.3\nleftpadx==0.1.0\n', 'dependency/new-dependency', '2'],
    ['requirements.txt (CRLF)', 'requests==2.32.3\r\n', 'requests==2.32.3\r\nleftpadx==0.1.0\r\n', 'dependency/new-dependency', '2'],
    [
      'package.json',
      '{\n  "name": "demo",\n  "dependencies": {}\n}\n',
      '{\n  "name": "demo",\n  "dependencies": {\n    "leftpadx": "^0.1.0"\n  }\n}\n',
      'dependency/new-dependency',
      '4',
    ],
    ['pyproject.toml', '[project]\nname = "demo"\ndependencies = []\n', '[project]\nname = "demo"\ndependencies = [\n  "leftpadx>=0.1",\n]\n', 'dependency/new-dependency', '4'],
    ['go.mod', 'module example.com/app\n\ngo 1.22\n', 'module example.com/app\n\ngo 1.22\n\nrequire github.com/leftpadx/leftpadx v0.1.0\n', 'dependency/new-dependency', '5'],
    ['Gemfile', "source 'https://rubygems.org'\n", "source 'https://rubygems.org'\ngem 'leftpadx', '~> 0.1'\n", 'dependency/new-dependency', '2'],
  ];
  const encodings: Encoding[] = ['utf-16le', 'utf-16be', 'utf-8 bom'];

  for (const encoding of encodings) {
    it.each(manifests)(`reports a dependency added to %s in ${encoding}`, (name, before, after, ruleId, line) => {
      const path = name.split(' ')[0]!;
      expect(findingsOf(path, before, after, encoding).filter((f) => f.startsWith(ruleId))).toEqual([`${ruleId} ${path}:${line}`]);
    });
  }

  it('passes a UTF-16 manifest whose dependencies did not change', () => {
    const before = 'requests==2.32.3\n';
    expect(findingsOf('requirements.txt', before, `# pinned\n${before}`, 'utf-16le')).toEqual([]);
  });

  it('reads a manifest converted from UTF-8 to UTF-16 as unchanged', () => {
    const repo = TestRepo.init();
    const text = 'requests==2.32.3\n';
    repo.write('requirements.txt', text).commit('init');
    repo.write('requirements.txt', encode(text, 'utf-16le')).commit('save as UTF-16', { agent: true });
    const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
    expect(jsonOf(result).findings.filter((f) => String(f.ruleId).startsWith('dependency/'))).toEqual([]);
  });
});
