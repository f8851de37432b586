// Files that a text editor may write: every file operand of `ed`, `ex`,
// `vi`, `vim`, `nano`, `emacs` and similar editors. A scripted editor
// (`ed -s FILE <<< …`, `ex -sc 'wq' FILE`, `vim -es`) writes without a
// person, and an interactive one cannot run in an agent's shell tool, so an
// editor named with a protected file is taken as a write of it.
// NOTE: read-only modes (`vim -R`, `nano -v`) count as writes too, since a
// forced write still works in most of them.
import { baseName } from '../shell/parse.js';
import { parseOptions } from './options.js';
import type { WriteTarget } from './write-targets.js';

interface EditorOptions {
  /** Short option letters that take a value. */
  value: string;
  longValue: readonly string[];
}

// pico is nano under its older name, with the same options.
const NANO: EditorOptions = {
  value: 'oTYXQrsJ',
  longValue: ['operatingdir', 'tabsize', 'syntax', 'wordchars', 'quotestr', 'fill', 'speller', 'guidestripe', 'rcfile'],
};
const VIM: EditorOptions = {
  value: 'cSuUiTwWstq',
  longValue: ['cmd', 'servername', 'remote', 'startuptime', 'log'],
};

// Each editor's options that take a value, so the value is not read as a file.
export const EDITORS: Record<string, EditorOptions> = {
  ed: { value: 'p', longValue: ['prompt'] },
  red: { value: 'p', longValue: ['prompt'] },
  ex: VIM,
  vi: VIM,
  vim: VIM,
  nvim: VIM,
  gvim: VIM,
  nano: NANO,
  pico: NANO,
  emacs: {
    value: 'lfLdtu',
    longValue: ['eval', 'load', 'funcall', 'directory', 'script', 'user', 'terminal', 'chdir'],
  },
  mg: { value: 'fu', longValue: [] },
  jed: { value: 'fgl', longValue: [] },
  kak: { value: 'ecsp', longValue: [] },
};

/** Lists the files an editor command line opens for writing. */
export function editorTargets(program: string, args: readonly string[]): WriteTarget[] {
  const name = baseName(program);
  const table = EDITORS[name];
  if (!table) return [];
  // In Ex mode (`ex`, `vim -e`, `vim -es`) -s means silent and takes no value.
  const exMode =
    name === 'ex' ||
    (table === VIM && args.some((arg) => /^-[a-zA-Z]*[eE]/.test(arg) && !arg.startsWith('--')));
  const value = exMode ? table.value.replace('s', '') : table.value;
  const options = parseOptions(args, { shortWithValue: value, longWithValue: table.longValue });
  // Words starting with `+` are commands or a line number, and `-` is stdin.
  const files = options.operands.filter((file) => !file.startsWith('+') && file !== '-');
  return files.map((path): WriteTarget => ({ path, kind: 'edit' }));
}
