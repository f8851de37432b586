import { describe, expect, it } from 'vitest';
import { analyzeCommit } from '../../../src/detectors/dependencies/analyze.js';
import type { CommitChange, FileChange } from '../../../src/model/types.js';

// Seeded so that a failure reproduces; each case mutates a valid file and runs the whole analysis.
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const SAMPLES: Record<string, string> = {
  'package.json': '{\n  "dependencies": { "express": "^4.19.2", "tool": "git+https://x.test/t.git" },\n  "scripts": { "postinstall": "node x.js" },\n  "overrides": { "a": { ".": "1.0.0", "b": "2" } }\n}\n',
  'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n    "node_modules/a": { "version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz", "integrity": "sha512-x" }\n  }\n}\n',
  'yarn.lock': 'a@^1.0.0:\n  version "1.0.0"\n  resolved "https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#0"\n  integrity sha512-x\n\n"b@npm:^2":\n  version: 2.0.0\n  resolution: "b@npm:2.0.0"\n',
  'pnpm-lock.yaml': "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-x}\n  /b/2.0.0:\n    resolution: {tarball: https://x.test/b.tgz}\n",
  'requirements.txt': '--extra-index-url https://x.test/simple\nrequests>=2,<3\n-e git+https://x.test/t.git#egg=t\npkg @ https://x.test/p.tar.gz\n',
  'pyproject.toml': '[project]\ndependencies = ["requests>=2"]\n[tool.poetry.dependencies]\nflask = { git = "https://x.test/f.git" }\n',
  Pipfile: '[packages]\nrequests = "*"\n[[source]]\nurl = "https://x.test/simple"\n',
  'go.mod': 'module m\nrequire (\n\ta.test/x v1.0.0\n)\nreplace a.test/x => ../x\n',
  'Cargo.toml': '[dependencies]\nserde = "1"\nx = { git = "https://x.test/x.git" }\n',
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "x", github: "a/x"\n',
  'pom.xml': '<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>[1,)</version></dependency></dependencies></project>\n',
  '.github/workflows/ci.yml': 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n',
};

const NOISE = ['{', '}', '"', "'", '\n', '[', ']', ':', '=', '@', '#', '\\', ',', '<', '>', '(', ')', '\u0000', 'x'.repeat(300)];

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(random() * (out.length + 1));
    const choice = random();
    if (choice < 0.4) out = out.slice(0, at) + NOISE[Math.floor(random() * NOISE.length)] + out.slice(at);
    else if (choice < 0.8) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 20));
    else out = out.slice(0, at);
  }
  return out;
}

function fileChange(path: string, oldText: string, newText: string): FileChange {
  return {
    status: 'modified', oldPath: path, newPath: path, path, pathEscaped: false,
    oldMode: '100644', newMode: '100644', oldKind: 'file', newKind: 'file', oldOid: '0'.repeat(40), newOid: '1'.repeat(40),
    binary: false, crlf: false, hunks: [], added: [], removed: [],
    oldContent: async () => oldText,
    newContent: async () => newText,
  };
}

function commitOf(files: FileChange[]): CommitChange {
  const who = { name: 't', email: 't@example.test', date: '2026-01-01T00:00:00Z' };
  return { sha: 'f'.repeat(40), tree: 'e'.repeat(40), parents: [], base: null, author: who, committer: who, message: 'fuzz', trailers: [], files };
}

describe('dependency parsers under fuzzing', () => {
  it('never throw on mutated manifests and lockfiles', async () => {
    const random = generator(20261204);
    let cases = 0;
    for (let round = 0; round < 60; round += 1) {
      for (const [path, text] of Object.entries(SAMPLES)) {
        const commit = commitOf([fileChange(path, mutate(text, random), mutate(text, random))]);
        const issues = await analyzeCommit(commit, { requirePinned: true, maxNewPerCommit: 0 });
        expect(Array.isArray(issues)).toBe(true);
        cases += 1;
      }
    }
    expect(cases).toBe(60 * Object.keys(SAMPLES).length);
  });
});
