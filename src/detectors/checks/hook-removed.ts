import { isSeq } from '../../util/yaml.js';
import type { FileChange } from '../../model/types.js';
import { defineDetector, type DetectorContext } from '../define.js';
import { entriesOf, parseYaml, scalarText } from './ci-files.js';
import { isHookScript } from './hook-files.js';

const PRE_COMMIT_CONFIG = /(?:^|\/)\.pre-commit-config\.ya?ml$/;
const LEFTHOOK_CONFIG = /(?:^|\/)\.?lefthook\.ya?ml$/;
// Lines that call diff-guardian are reported by disabled-check/guardian-config-changed.
const CALLS_GUARDIAN = /\bdiff-guardian\b/;

/** Hook ids of a pre-commit config, or command names per hook of a lefthook config, with their lines. */
function hooksOf(path: string, text: string | null): Map<string, number> | null {
  const file = parseYaml(text);
  if (!file) return null;
  const hooks = new Map<string, number>();
  if (PRE_COMMIT_CONFIG.test(path)) {
    const repos = entriesOf(file.root, file).find(([key]) => key === 'repos')?.[1];
    for (const repo of isSeq(repos) ? repos.items : []) {
      const list = entriesOf(repo, file).find(([key]) => key === 'hooks')?.[1];
      for (const hook of isSeq(list) ? list.items : []) {
        const id = entriesOf(hook, file).find(([key]) => key === 'id');
        if (id) hooks.set(scalarText(id[1]) ?? '', id[2]);
      }
    }
    return hooks;
  }
  for (const [hook, node] of entriesOf(file.root, file)) {
    for (const [group, commands] of entriesOf(node, file)) {
      if (group !== 'commands' && group !== 'jobs' && group !== 'scripts') continue;
      for (const [name, , line] of entriesOf(commands, file)) hooks.set(`${hook}/${name}`, line);
    }
  }
  return hooks;
}

async function checkConfig(context: DetectorContext, file: FileChange): Promise<void> {
  const before = hooksOf(file.oldPath ?? file.path, await file.oldContent());
  if (!before) return;
  const after = file.status === 'deleted' ? new Map<string, number>() : hooksOf(file.path, await file.newContent());
  if (!after) return;
  for (const [hook, line] of before) {
    if (after.has(hook) || CALLS_GUARDIAN.test(hook)) continue;
    context.report({ messageId: 'hookRemoved', data: { hook, path: file.path }, file: file.path, line, match: `hook:${hook}`, evidence: hook });
  }
}

function checkScript(context: DetectorContext, file: FileChange): void {
  if (file.status === 'deleted') {
    if (file.removed.some((l) => CALLS_GUARDIAN.test(l.text))) return;
    context.report({ messageId: 'scriptDeleted', data: { path: file.path }, file: file.path, line: 0, match: `deleted:${file.path}`, evidence: `deleted ${file.path}` });
    return;
  }
  const added = new Set(file.added.map((l) => l.text.trim()));
  for (const line of file.removed) {
    const text = line.text.trim();
    if (text === '' || text.startsWith('#') || added.has(text) || CALLS_GUARDIAN.test(text)) continue;
    if (/^(?:\.\s+"?\$\(dirname|set\s+-|exit\b|fi\b|then\b|else\b|done\b)/.test(text)) continue;
    context.report({ messageId: 'commandRemoved', data: { command: text.slice(0, 120), path: file.path }, file: file.path, line: line.line, match: `command:${text}`, evidence: text.slice(0, 120) });
  }
}

export default defineDetector({
  meta: {
    id: 'disabled-check/hook-removed',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report git hooks removed from .husky and hook folders, .pre-commit-config.yaml or lefthook.yml.',
    messages: {
      scriptDeleted: 'Git hook deleted: {{path}} no longer runs its checks before each commit or push. Restore it with `git checkout HEAD~1 -- {{path}}`.',
      commandRemoved: 'Git hook weakened: `{{command}}` was removed from {{path}}, so it no longer runs before each commit or push. Restore the line.',
      hookRemoved: 'Git hook removed: `{{hook}}` is no longer in {{path}}, so its check stops running before each commit. Restore the hook entry.',
    },
  },
  appliesTo: (file) => isHookScript(file.path) || PRE_COMMIT_CONFIG.test(file.path) || LEFTHOOK_CONFIG.test(file.path),
  async run(context) {
    for (const file of context.commit.files) {
      const path = file.oldPath ?? file.path;
      if (file.skipped || file.status === 'added') continue;
      if (isHookScript(path)) checkScript(context, file);
      else if (PRE_COMMIT_CONFIG.test(path) || LEFTHOOK_CONFIG.test(path)) await checkConfig(context, file);
    }
  },
});
