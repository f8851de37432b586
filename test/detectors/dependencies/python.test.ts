import { describe, expect, it } from 'vitest';
import { parsePipfile, parsePyproject, parseRequirementsTxt } from '../../../src/detectors/dependencies/parse/python.js';
import { randomFrom } from '../../helpers/secrets.js';
import { findingsOfFiles, summary } from './scan.js';

const REQUIREMENTS = 'requests>=2.31,<3\nflask==3.0.3  # web\n';

async function requirementFindings(newText: string, path = 'requirements.txt') {
  return findingsOfFiles({ [path]: { old: REQUIREMENTS, new: newText } });
}

describe('requirements.txt', () => {
  it('parses pip options and requirement forms', () => {
    const parsed = parseRequirementsTxt(
      [
        '--index-url https://pypi.org/simple',
        '--extra-index-url=https://pkgs.example/simple',
        '-e git+https://example.test/tool.git@v1#egg=tool',
        'pkg @ https://example.test/pkg-1.0.tar.gz',
        './libs/local',
        'numpy[extra] >= 1.26 ; python_version >= "3.9"',
        'pandas \\',
        '  ==2.2.2 --hash=sha256:0000',
        '-r other.txt',
      ].join('\n'),
    );
    expect(parsed.registries.map((r) => `${r.kind} ${r.url} ${r.line}`)).toEqual([
      '--index-url https://pypi.org/simple 1',
      '--extra-index-url https://pkgs.example/simple 2',
    ]);
    expect(parsed.dependencies.map((d) => `${d.name} ${d.spec} ${d.source} ${d.line}`)).toEqual([
      'tool git+https://example.test/tool.git@v1#egg=tool git 3',
      'pkg https://example.test/pkg-1.0.tar.gz url 4',
      'local ./libs/local path 5',
      'numpy >=1.26 registry 6',
      'pandas ==2.2.2 registry 7',
    ]);
  });

  const flag: Array<{ name: string; text: string; rule: string; line: number; action: string }> = [
    { name: 'a typosquat', text: `${REQUIREMENTS}reqeusts==2.31.0\n`, rule: 'dependency/typosquat', line: 3, action: 'block' },
    { name: 'an editable git source', text: `${REQUIREMENTS}-e git+https://example.test/t.git#egg=internal-tool\n`, rule: 'dependency/non-registry-source', line: 3, action: 'block' },
    { name: 'an extra index', text: `--extra-index-url https://pkgs.example/simple\n${REQUIREMENTS}`, rule: 'dependency/custom-registry', line: 1, action: 'warn' },
    { name: 'a dropped upper bound', text: REQUIREMENTS.replace('>=2.31,<3', '>=2.31'), rule: 'dependency/range-loosened', line: 1, action: 'warn' },
    { name: 'an unpinned requirement', text: REQUIREMENTS.replace('flask==3.0.3', 'flask'), rule: 'dependency/range-loosened', line: 2, action: 'warn' },
    { name: 'a major upgrade', text: REQUIREMENTS.replace('flask==3.0.3', 'flask==4.0.0'), rule: 'dependency/major-upgrade', line: 2, action: 'allow' },
  ];
  for (const testCase of flag) {
    it(`flags ${testCase.name}`, async () => {
      const findings = await requirementFindings(testCase.text);
      const hit = findings.find((f) => f.ruleId === testCase.rule);
      expect(hit, summary(findings).join('\n')).toBeDefined();
      expect(hit!.file).toBe('requirements.txt');
      expect(hit!.line).toBe(testCase.line);
      expect(hit!.action).toBe(testCase.action);
    });
  }

  const pass: Array<{ name: string; text: string }> = [
    { name: 'a patch bump', text: REQUIREMENTS.replace('3.0.3', '3.0.4') },
    { name: 'a narrowed range', text: REQUIREMENTS.replace('>=2.31,<3', '>=2.32,<3') },
    { name: 'reordering and comments', text: `# pinned\nflask == 3.0.3\nrequests >=2.31, <3\n` },
    { name: 'the public index', text: `--index-url https://pypi.org/simple\n${REQUIREMENTS}` },
    { name: 'a removed requirement', text: 'requests>=2.31,<3\n' },
    { name: 'the separator form of a name', text: REQUIREMENTS.replace('flask', 'Flask') },
  ];
  for (const testCase of pass) {
    it(`passes ${testCase.name}`, async () => {
      expect(summary(await requirementFindings(testCase.text))).toEqual([]);
    });
  }

  it('reads requirements files by name pattern', async () => {
    const findings = await requirementFindings(`${REQUIREMENTS}reqeusts\n`, 'requirements/dev.txt');
    expect(findings.map((f) => f.ruleId)).toContain('dependency/typosquat');
  });
});

const PYPROJECT = `[project]
name = "app"
dependencies = [
  "requests>=2.31,<3",
]

[project.optional-dependencies]
test = ["pytest>=8"]
`;

const POETRY = `[tool.poetry]
name = "app"

[tool.poetry.dependencies]
python = "^3.11"
requests = "^2.31"

[tool.poetry.group.dev.dependencies]
pytest = { version = "^8.0" }
`;

describe('pyproject.toml', () => {
  it('parses PEP 621 and Poetry tables', () => {
    expect(parsePyproject(PYPROJECT).dependencies.map((d) => `${d.name} ${d.spec} ${d.section}`)).toEqual([
      'requests >=2.31,<3 project.dependencies',
      'pytest >=8 project.optional-dependencies.test',
    ]);
    expect(parsePyproject(POETRY).dependencies.map((d) => `${d.name} ${d.spec}`)).toEqual(['requests ^2.31', 'pytest ^8.0']);
  });

  it('flags a PEP 621 git dependency', async () => {
    const added = PYPROJECT.replace('  "requests>=2.31,<3",', '  "requests>=2.31,<3",\n  "tool @ git+https://example.test/tool.git",');
    const findings = await findingsOfFiles({ 'pyproject.toml': { old: PYPROJECT, new: added } });
    expect(summary(findings)).toEqual(['dependency/non-registry-source pyproject.toml:5']);
  });

  it('flags a Poetry git source and index', async () => {
    const added = `${POETRY}tool = { git = "https://example.test/tool.git", branch = "main" }\n\n[[tool.poetry.source]]\nname = "internal"\nurl = "https://pkgs.example/simple"\n`;
    const findings = await findingsOfFiles({ 'pyproject.toml': { old: POETRY, new: added } });
    expect(summary(findings)).toEqual([
      'dependency/non-registry-source pyproject.toml:10',
      'dependency/custom-registry pyproject.toml:14',
    ]);
  });

  it('flags a Poetry range opened to any version', async () => {
    const findings = await findingsOfFiles({ 'pyproject.toml': { old: POETRY, new: POETRY.replace('requests = "^2.31"', 'requests = "*"') } });
    expect(summary(findings)).toEqual(['dependency/range-loosened pyproject.toml:6']);
  });

  it('passes a moved dependency and invalid TOML', async () => {
    const moved = PYPROJECT.replace('test = ["pytest>=8"]', 'dev = ["pytest>=8"]');
    expect(await findingsOfFiles({ 'pyproject.toml': { old: PYPROJECT, new: moved } })).toEqual([]);
    const broken = `${PYPROJECT}\n[project\ndependencies = [ "evil @ git+https://x.test/e.git"`;
    expect(await findingsOfFiles({ 'pyproject.toml': { old: PYPROJECT, new: broken } })).toEqual([]);
  });
});

const PIPFILE = `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
requests = "==2.31.0"

[dev-packages]
pytest = "*"
`;

describe('Pipfile', () => {
  it('parses packages and sources', () => {
    const parsed = parsePipfile(PIPFILE);
    expect(parsed.dependencies.map((d) => `${d.name} ${d.spec} ${d.section}`)).toEqual([
      'requests ==2.31.0 packages',
      'pytest * dev-packages',
    ]);
    expect(parsed.registries.map((r) => r.url)).toEqual(['https://pypi.org/simple']);
  });

  it('flags a git package and an opened range', async () => {
    const changed = PIPFILE.replace('requests = "==2.31.0"', 'requests = "*"\ntool = { git = "https://example.test/tool.git", ref = "main" }');
    const findings = await findingsOfFiles({ Pipfile: { old: PIPFILE, new: changed } });
    expect(summary(findings)).toEqual(['dependency/range-loosened Pipfile:7', 'dependency/non-registry-source Pipfile:8']);
  });
});

describe('credentials in URLs', () => {
  it('masks an index token in messages', async () => {
    const token = randomFrom('abcdefghijklmnopqrstuvwxyz0123456789', 32);
    const text = `--extra-index-url https://deploy:${token}@pkgs.example/simple\ntool @ git+https://x:${token}@git.example/tool.git\n${REQUIREMENTS}`;
    const findings = await requirementFindings(text);
    expect(summary(findings)).toEqual(['dependency/custom-registry requirements.txt:1', 'dependency/non-registry-source requirements.txt:2']);
    for (const finding of findings) {
      expect(finding.message).not.toContain(token);
      expect(finding.evidence).not.toContain(token);
    }
    expect(findings[0]!.message).toContain('https://***@pkgs.example/simple');
  });
});
