import { describe, expect, it } from 'vitest';
import { applyNotebookEdit, applyStringEdits } from '../../src/gate/edits.js';
import { changeOfFiles } from '../../src/gate/would-be-change.js';

const NOBODY = { name: '', email: '', date: new Date(0).toISOString() };

describe('applyStringEdits', () => {
  it('replaces the first occurrence', () => {
    expect(applyStringEdits('a b a', [{ old_string: 'a', new_string: 'c' }])).toEqual({ ok: true, content: 'c b a' });
  });

  it('replaces every occurrence with replace_all', () => {
    expect(applyStringEdits('a b a', [{ old_string: 'a', new_string: 'c', replace_all: true }])).toEqual({ ok: true, content: 'c b c' });
  });

  it('keeps replacement patterns literal', () => {
    expect(applyStringEdits('x', [{ old_string: 'x', new_string: "$&$'" }])).toEqual({ ok: true, content: "$&$'" });
  });

  it('applies edits in order', () => {
    const result = applyStringEdits('one', [
      { old_string: 'one', new_string: 'two' },
      { old_string: 'two', new_string: 'three' },
    ]);
    expect(result).toEqual({ ok: true, content: 'three' });
  });

  it('creates a missing file from an empty old_string', () => {
    expect(applyStringEdits(null, [{ old_string: '', new_string: 'new\n' }])).toEqual({ ok: true, content: 'new\n' });
  });

  it('reports an old_string that does not occur', () => {
    const result = applyStringEdits('abc', [{ old_string: 'zzz', new_string: 'y' }]);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain('does not occur');
  });
});

const NOTEBOOK = `${JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', id: 'a1', metadata: {}, source: ['# Title\n'] },
      { cell_type: 'code', id: 'b2', metadata: {}, execution_count: 1, outputs: [], source: ['x = 1\n', 'print(x)'] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;

describe('applyNotebookEdit', () => {
  it('replaces a cell found by id', () => {
    const result = applyNotebookEdit(NOTEBOOK, { cell_id: 'b2', new_source: 'y = 2\nprint(y)' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.old).toBe(NOTEBOOK);
    expect(JSON.parse(result.new).cells[1].source).toEqual(['y = 2\n', 'print(y)']);
  });

  it('inserts after the addressed cell, or first without one', () => {
    const after = applyNotebookEdit(NOTEBOOK, { cell_id: 'a1', new_source: 'z = 3', edit_mode: 'insert' });
    expect(after.ok && JSON.parse(after.new).cells.map((c: { source: string[] }) => c.source[0])).toEqual(['# Title\n', 'z = 3', 'x = 1\n']);
    const first = applyNotebookEdit(NOTEBOOK, { new_source: 'Intro', cell_type: 'markdown', edit_mode: 'insert' });
    expect(first.ok && JSON.parse(first.new).cells[0]).toMatchObject({ cell_type: 'markdown', source: ['Intro'] });
  });

  it('deletes a cell by cell-N', () => {
    const result = applyNotebookEdit(NOTEBOOK, { cell_id: 'cell-0', edit_mode: 'delete' });
    expect(result.ok && JSON.parse(result.new).cells.map((c: { id: string }) => c.id)).toEqual(['b2']);
  });

  it('reports a missing cell', () => {
    expect(applyNotebookEdit(NOTEBOOK, { cell_id: 'nope', new_source: '' }).ok).toBe(false);
  });

  it('reports invalid JSON', () => {
    expect(applyNotebookEdit('{', { cell_id: 'a1', new_source: '' }).ok).toBe(false);
  });
});

describe('changeOfFiles', () => {
  it('builds hunks and line numbers like git', async () => {
    const old = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n') + '\n';
    const change = changeOfFiles([{ path: 'src/x.ts', old, new: old.replace('e\n', 'E\nE2\n') }], { sha: 'PROPOSED', author: NOBODY });
    const [file] = change.files;
    expect(file!.status).toBe('modified');
    expect(file!.added).toEqual([
      { line: 5, text: 'E' },
      { line: 6, text: 'E2' },
    ]);
    expect(file!.removed).toEqual([{ line: 5, text: 'e' }]);
    expect(await file!.oldContent()).toBe(old);
  });

  it('marks a new file as added', async () => {
    const change = changeOfFiles([{ path: 'new.txt', old: null, new: 'one\ntwo' }], { sha: 'PROPOSED', author: NOBODY });
    expect(change.files[0]!.status).toBe('added');
    expect(change.files[0]!.added.map((l) => l.text)).toEqual(['one', 'two']);
    expect(await change.files[0]!.newContent()).toBe('one\ntwo');
  });

  it('marks a deletion', () => {
    const change = changeOfFiles([{ path: 'gone.txt', old: 'x\n', new: null }], { sha: 'PROPOSED', author: NOBODY });
    expect(change.files[0]!.status).toBe('deleted');
    expect(change.files[0]!.removed).toEqual([{ line: 1, text: 'x' }]);
  });

  it('keeps paths exactly, whatever a diff header would make of them', () => {
    const paths = [' lead space.txt', 'tab\there.env', 'dir b/x a/y.txt', 'notes 2024-01-02 10:11:12 +0000.md', '"quoted".txt'];
    for (const path of paths) {
      const change = changeOfFiles([{ path, old: 'x\n', new: 'y\n' }], { sha: 'PROPOSED', author: NOBODY });
      expect(change.files.map((f) => [f.path, f.oldPath, f.newPath])).toEqual([[path, path, path]]);
    }
  });

  it('marks CRLF lines and keeps their text without the carriage return', () => {
    const change = changeOfFiles([{ path: 'w.bat', old: 'a\r\nb\r\n', new: 'a\r\nB\r\n' }], { sha: 'PROPOSED', author: NOBODY });
    expect(change.files[0]!.crlf).toBe(true);
    expect(change.files[0]!.added).toEqual([{ line: 2, text: 'B' }]);
    expect(change.files[0]!.hunks[0]!.lines.map((l) => [l.op, l.oldLine, l.newLine, l.text])).toEqual([
      [' ', 1, 1, 'a'],
      ['-', 2, 0, 'b'],
      ['+', 0, 2, 'B'],
    ]);
  });

  it('leaves out an unchanged file', () => {
    expect(changeOfFiles([{ path: 'same.txt', old: 'x\n', new: 'x\n' }], { sha: 'PROPOSED', author: NOBODY }).files).toEqual([]);
  });

  it('shows a long rewrite as one hunk', () => {
    const old = Array.from({ length: 6000 }, (_, i) => `old ${i}`).join('\n') + '\n';
    const next = Array.from({ length: 6000 }, (_, i) => `new ${i}`).join('\n') + '\n';
    const change = changeOfFiles([{ path: 'big.txt', old, new: next }], { sha: 'PROPOSED', author: NOBODY });
    expect(change.files[0]!.added).toHaveLength(6000);
    expect(change.files[0]!.removed).toHaveLength(6000);
  });
});
