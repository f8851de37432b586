// Applies an agent's proposed edit to the file content on disk, the way the
// agent's tool would, to learn what the file would contain afterwards.

/** One string replacement of Claude Code's Edit and MultiEdit tools. */
export interface StringEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
}

/** Result of applying edits: the new content, or the reason they do not apply to the current file. */
export type EditResult = { ok: true; content: string } | { ok: false; reason: string };

/**
 * Applies string edits in order. An edit applies when `old_string` occurs in
 * the content: every occurrence with `replace_all`, else the first one. An
 * empty `old_string` on a missing or empty file creates it with `new_string`.
 */
export function applyStringEdits(current: string | null, edits: readonly StringEdit[]): EditResult {
  let content = current;
  for (const [index, edit] of edits.entries()) {
    if (typeof edit.old_string !== 'string' || typeof edit.new_string !== 'string') {
      return { ok: false, reason: `edit ${index + 1} lacks old_string or new_string` };
    }
    if (edit.old_string === '') {
      if (content !== null && content !== '') return { ok: false, reason: `edit ${index + 1} has an empty old_string but the file is not empty` };
      content = edit.new_string;
      continue;
    }
    if (content === null) return { ok: false, reason: 'the file does not exist' };
    const at = content.indexOf(edit.old_string);
    if (at === -1) return { ok: false, reason: `old_string of edit ${index + 1} does not occur in the file` };
    // split/join and slicing keep `$&` and similar patterns in new_string literal, unlike String.replace.
    content = edit.replace_all
      ? content.split(edit.old_string).join(edit.new_string)
      : content.slice(0, at) + edit.new_string + content.slice(at + edit.old_string.length);
  }
  return { ok: true, content: content ?? '' };
}

/** Claude Code's NotebookEdit input. */
export interface NotebookEditInput {
  cell_id?: string;
  /** Older versions of the tool addressed cells by 0-based number. */
  cell_number?: number;
  new_source?: string;
  cell_type?: 'code' | 'markdown';
  edit_mode?: 'replace' | 'insert' | 'delete';
}

interface NotebookCell {
  id?: string;
  cell_type?: string;
  source?: string | string[];
  metadata?: unknown;
  outputs?: unknown[];
  execution_count?: number | null;
}

/** Returns a notebook's text re-serialized as Jupyter writes it (JSON, indent 1, final newline). */
export function serializeNotebook(notebook: unknown, indent: number): string {
  return `${JSON.stringify(notebook, null, indent)}\n`;
}

/** Detects the indentation of a JSON text; Jupyter writes one space. */
export function jsonIndent(text: string): number {
  const match = /\n( +)"/.exec(text);
  return match ? match[1]!.length : 1;
}

function cellIndex(cells: NotebookCell[], input: NotebookEditInput): number {
  if (input.cell_id !== undefined) {
    const byId = cells.findIndex((cell) => cell.id === input.cell_id);
    if (byId !== -1) return byId;
    // Claude Code also accepts `cell-N` for the N-th cell of a notebook without cell ids.
    const numbered = /^cell-(\d+)$/.exec(input.cell_id);
    return numbered ? Number(numbered[1]) : -1;
  }
  return typeof input.cell_number === 'number' ? input.cell_number : -1;
}

/** Splits cell source into the list of lines, each keeping its newline, that nbformat stores. */
function sourceLines(source: string): string[] {
  return source === '' ? [] : source.split(/(?<=\n)/);
}

/**
 * Applies a NotebookEdit to a notebook's parsed JSON and returns both sides
 * re-serialized the same way, so their diff holds only the edited cell.
 */
export function applyNotebookEdit(text: string, input: NotebookEditInput): { ok: true; old: string; new: string } | { ok: false; reason: string } {
  let notebook: { cells?: NotebookCell[] };
  try {
    notebook = JSON.parse(text) as { cells?: NotebookCell[] };
  } catch {
    return { ok: false, reason: 'the notebook is not valid JSON' };
  }
  if (!Array.isArray(notebook.cells)) return { ok: false, reason: 'the notebook has no cells array' };
  const indent = jsonIndent(text);
  const old = serializeNotebook(notebook, indent);
  const cells = notebook.cells;
  const mode = input.edit_mode ?? 'replace';
  const index = cellIndex(cells, input);
  const source = sourceLines(input.new_source ?? '');

  if (mode === 'insert') {
    const cell: NotebookCell = { cell_type: input.cell_type ?? 'code', metadata: {}, source };
    if (cell.cell_type === 'code') Object.assign(cell, { execution_count: null, outputs: [] });
    // A new cell goes after the cell with cell_id, at position cell_number, or first when neither is given.
    let at = input.cell_number ?? 0;
    if (input.cell_id !== undefined) at = index === -1 ? -1 : index + 1;
    if (at < 0 || at > cells.length) return { ok: false, reason: `cell ${input.cell_id ?? input.cell_number} not found` };
    cells.splice(at, 0, cell);
  } else {
    if (index < 0 || index >= cells.length) return { ok: false, reason: `cell ${input.cell_id ?? input.cell_number} not found` };
    if (mode === 'delete') cells.splice(index, 1);
    else {
      cells[index]!.source = source;
      if (input.cell_type) cells[index]!.cell_type = input.cell_type;
    }
  }
  return { ok: true, old, new: serializeNotebook(notebook, indent) };
}
