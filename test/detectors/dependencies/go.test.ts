import { describe, expect, it } from 'vitest';
import { parseGoMod } from '../../../src/detectors/dependencies/parse/go.js';
import { findingsOfFiles, summary } from './scan.js';

const GO_MOD = `module example.com/app

go 1.22

require (
\tgithub.com/gogo/protobuf v1.3.1 // indirect
\tgolang.org/x/net v0.25.0
)
`;

async function goFindings(newText: string, oldText = GO_MOD) {
  return findingsOfFiles({ 'go.mod': { old: oldText, new: newText } });
}

describe('go.mod', () => {
  it('warns on a replace to a fork', async () => {
    const fork = 'github.com/fake-fork/protobuf v1.3.2-0.20240101000000-abcdefabcdef';
    const findings = await goFindings(`${GO_MOD}\nreplace github.com/gogo/protobuf v1.3.1 => ${fork}\n`);
    expect(summary(findings)).toEqual(['dependency/go-module-replaced go.mod:10']);
    expect(findings[0]!.action).toBe('warn');
    expect(findings[0]!.message).toContain('github.com/fake-fork/protobuf');
    expect(findings[0]!.message).toContain('v1.3.2-0.20240101000000-abcdefabcdef');
  });

  it('warns on a local path replacement', async () => {
    const findings = await goFindings(`${GO_MOD}\nreplace github.com/gogo/protobuf => ../local/dir\n`);
    expect(summary(findings)).toEqual(['dependency/go-module-replaced go.mod:10']);
    expect(findings[0]!.action).toBe('warn');
    expect(findings[0]!.message).toContain('local path replacement');
    expect(findings[0]!.message).toContain('v1.3.1');
  });

  it('records a same-module replacement as info', async () => {
    const findings = await goFindings(`${GO_MOD}\nreplace github.com/gogo/protobuf => github.com/gogo/protobuf v1.3.2\n`);
    expect(summary(findings)).toEqual(['dependency/go-module-replaced go.mod:10']);
    expect(findings[0]!.severity).toBe('info');
    expect(findings[0]!.action).toBe('allow');
    expect(findings[0]!.message).toContain('v1.3.2');
  });

  it('reads replace blocks', () => {
    const parsed = parseGoMod(`${GO_MOD}\nreplace (\n\ta.example/x => ./x\n\tb.example/y v1.0.0 => c.example/y v1.0.1 // fork\n)\n`);
    expect(parsed.replaces.map((r) => `${r.from}@${r.fromVersion ?? ''} => ${r.to}@${r.toVersion ?? ''} line ${r.line}`)).toEqual([
      'a.example/x@ => ./x@ line 11',
      'b.example/y@v1.0.0 => c.example/y@v1.0.1 line 12',
    ]);
  });

  it('reports a new module and a major upgrade', async () => {
    const added = GO_MOD.replace('golang.org/x/net v0.25.0', 'golang.org/x/net v0.25.0\n\tgithub.com/google/uuid v1.6.0');
    expect(summary(await goFindings(added))).toEqual(['dependency/new-dependency go.mod:8']);
    const major = GO_MOD.replace('golang.org/x/net v0.25.0', 'golang.org/x/net v1.0.0');
    expect(summary(await goFindings(major))).toEqual(['dependency/major-upgrade go.mod:7']);
  });

  it('passes a patch bump and a reformat', async () => {
    expect(await goFindings(GO_MOD.replace('v0.25.0', 'v0.25.1'))).toEqual([]);
    const singleLines = 'module example.com/app\n\ngo 1.22\n\nrequire github.com/gogo/protobuf v1.3.1 // indirect\nrequire golang.org/x/net v0.25.0\n';
    expect(await goFindings(singleLines)).toEqual([]);
  });

  it('passes an unchanged replace', async () => {
    const withReplace = `${GO_MOD}\nreplace github.com/gogo/protobuf => ../local/dir\n`;
    expect(await goFindings(withReplace.replace('go 1.22', 'go 1.23'), withReplace)).toEqual([]);
  });
});

describe('go.mod versions', () => {
  it('passes a v0 minor bump', async () => {
    expect(await goFindings(GO_MOD.replace('v0.25.0', 'v0.26.0'))).toEqual([]);
  });
});
