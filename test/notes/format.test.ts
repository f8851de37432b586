import { describe, expect, it } from 'vitest';
import {
  generateKey,
  parseRecord,
  signMessage,
  splitNote,
  verifySegment,
} from '../../src/notes/index.js';
import type { AllowedSigner } from '../../src/notes/index.js';
import { recordOf, renderNoteBody } from '../../src/notes/format.js';
import type { CommitVerdict } from '../../src/model/types.js';

const COMMIT = 'a'.repeat(40);
const TREE = 'b'.repeat(40);

function verdict(overrides: Partial<CommitVerdict> = {}): CommitVerdict {
  return {
    sha: COMMIT,
    verdict: 'warn',
    agent: { agent: true, matchedBy: ['trailer:claude-code'], name: 'claude-code' },
    findings: [
      {
        ruleId: 'permission/world-writable-mode',
        category: 'permission',
        severity: 'warn',
        action: 'warn',
        message: 'A file was made world-writable.',
        file: 'deploy\nfake.sh',
        line: 3,
        commit: COMMIT,
        evidence: 'chmod 777 /srv',
        fingerprint: '0123456789abcdef',
      },
      {
        ruleId: 'disabled-check/test-skipped',
        category: 'disabled-check',
        severity: 'warn',
        action: 'allow',
        message: 'A test was skipped.',
        file: 'test/a.test.ts',
        line: 9,
        commit: COMMIT,
        evidence: 'it.skip(',
        fingerprint: 'fedcba9876543210',
        suppressed: { by: 'inline comment', reason: 'flaky upstream' },
      },
    ],
    skipped: [],
    ...overrides,
  };
}

function body(time = '2026-06-01T00:00:00.000Z'): string {
  const record = recordOf(
    verdict(),
    { tree: TREE, parents: [] },
    {
      packs: [{ name: 'default', file: 'rules/default.yml', sha256: 'c'.repeat(64) }],
      version: '0.1.0',
      time,
      context: {
        writtenBy: 'post-commit',
        runtime: { agent: 'claude-code', signal: 'env CLAUDECODE' },
      },
    },
  );
  return renderNoteBody(record);
}

describe('note format', () => {
  it('renders reviewer lines first', () => {
    const lines = body().split('\n');
    expect(lines[0]).toBe('diff-guardian verdict: warn');
    expect(lines[1]).toBe('Findings: 1 (1 permission), 1 acknowledged');
    expect(lines[2]).toBe(
      'Author: agent claude-code (trailer:claude-code); runtime claude-code via env CLAUDECODE',
    );
    expect(lines[3]).toBe(
      '  warn  permission/world-writable-mode deploy\\u000afake.sh:3  chmod 777 /srv',
    );
    expect(lines[4]).toBe(
      '  acknowledged disabled-check/test-skipped test/a.test.ts:9  it.skip(  (by inline comment: flaky upstream)',
    );
  });

  it('round-trips the record', () => {
    const record = parseRecord(body());
    expect(record?.commit).toBe(COMMIT);
    expect(record?.tree).toBe(TREE);
    expect(record?.counts).toEqual({
      secret: 0,
      permission: 1,
      'disabled-check': 0,
      dependency: 0,
    });
    expect(record?.findings[1]?.acknowledged?.reason).toBe('flaky upstream');
    expect(record?.context.writtenBy).toBe('post-commit');
  });

  it('splits concatenated notes', () => {
    const key = generateKey('ci');
    const signer: AllowedSigner = {
      principals: 'ci',
      publicKey: key.publicKey,
      namespaces: null,
      validAfter: null,
      validBefore: null,
      line: 1,
    };
    const first = body('2026-06-01T00:00:00.000Z');
    const second = body('2026-06-02T00:00:00.000Z');
    const signed = first + signMessage(key, 'diff-guardian', Buffer.from(first));
    const text = `${signed}\n${second}\n${second}${signMessage(key, 'diff-guardian', Buffer.from(second))}`;

    const segments = splitNote(text);
    expect(segments).toHaveLength(3);
    expect(segments[0]!.body).toBe(first);
    expect(segments[1]!.signature).toBeNull();
    expect(verifySegment(segments[0]!, COMMIT, TREE, [signer]).status).toBe('ok');
    expect(verifySegment(segments[1]!, COMMIT, TREE, [signer]).status).toBe('unsigned');
    expect(verifySegment(segments[2]!, COMMIT, TREE, [signer]).status).toBe('ok');
  });

  it('ignores text before the first verdict', () => {
    expect(splitNote('some other tool wrote this\n')).toEqual([]);
    expect(splitNote(`reviewed-by: dana\n\n${body()}`)).toHaveLength(1);
  });
});
