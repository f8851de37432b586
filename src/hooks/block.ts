// The lines install adds to a team's tracked hook script (Husky, .githooks).
// They call the shim kept in the git directory, so a clone without the tool
// installed skips them, and uninstall removes exactly these bytes.

const BEGIN = '# >>> diff-guardian >>>';
const END = '# <<< diff-guardian <<<';

/** Hooks that read ref lines on stdin, which the rest of the script may read again. */
const STDIN_HOOKS = new Set(['post-rewrite', 'pre-push', 'pre-receive', 'post-receive']);

/** Returns the block that runs the shim for hook `name`. */
export function blockFor(name: string): string {
  const lines = [
    BEGIN,
    '# Added by `diff-guardian install`; `diff-guardian uninstall` removes this block.',
    `dg_hook="$(git rev-parse --git-common-dir)/diff-guardian/hooks/${name}"`,
  ];
  if (STDIN_HOOKS.has(name)) {
    // The shim consumes stdin, so the same lines are fed back for the commands after the block.
    lines.push(
      'if [ -x "$dg_hook" ]; then',
      '  dg_stdin=$(cat)',
      `  printf '%s\\n' "$dg_stdin" | "$dg_hook" "$@" || exit $?`,
      '  exec <<DG_STDIN',
      '$dg_stdin',
      'DG_STDIN',
      'fi',
    );
  } else {
    lines.push('if [ -x "$dg_hook" ]; then "$dg_hook" "$@" || exit $?; fi');
  }
  lines.push(END);
  return `${lines.join('\n')}\n`;
}

/** Inserts the block after the script's shebang line, or at the top when it has none. */
export function insertBlock(content: string, block: string): string {
  if (content.startsWith('#!')) {
    const end = content.indexOf('\n');
    if (end === -1) return `${content}\n${block}`;
    return content.slice(0, end + 1) + block + content.slice(end + 1);
  }
  return block + content;
}

/** Removes the block; returns null when the exact block is no longer in the script. */
export function removeBlock(content: string, block: string): string | null {
  const at = content.indexOf(block);
  if (at === -1) return null;
  // NOTE: a script that was only a shebang without a final newline keeps the newline added here.
  return content.slice(0, at) + content.slice(at + block.length);
}
