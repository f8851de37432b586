import type { Node } from 'yaml';
import { isMap } from '../../util/yaml.js';
import { isGithubWorkflow } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { child, parseYaml, scalarOf, type ParsedYaml } from './yaml-tree.js';

/** The `permissions` setting of the workflow and of each job, keyed by `workflow` or `jobs.<id>`. */
interface PermissionsSetting {
  node: Node;
  line: number;
}

function settingsOf(parsed: ParsedYaml): Map<string, PermissionsSetting> {
  const settings = new Map<string, PermissionsSetting>();
  const root = parsed.roots[0];
  if (!isMap(root)) return settings;
  const add = (scope: string, owner: unknown) => {
    if (!isMap(owner)) return;
    const pair = owner.items.find((p) => scalarOf(p.key) === 'permissions');
    if (pair?.value)
      settings.set(scope, { node: pair.value as Node, line: parsed.lineOf(pair.key as Node) });
  };
  add('workflow', root);
  const jobs = child(root, 'jobs');
  if (isMap(jobs))
    for (const job of jobs.items) add(`jobs.${String(scalarOf(job.key))}`, job.value);
  return settings;
}

/** Scopes granted write, with the line of each. `write-all` is reported as the scope `*`. */
function writeScopes(
  parsed: ParsedYaml,
  setting: PermissionsSetting | undefined,
): Map<string, number> {
  const scopes = new Map<string, number>();
  if (!setting) return scopes;
  const value = scalarOf(setting.node);
  if (value === 'write-all') scopes.set('*', setting.line);
  if (isMap(setting.node)) {
    for (const pair of setting.node.items) {
      if (scalarOf(pair.value) === 'write')
        scopes.set(String(scalarOf(pair.key)), parsed.lineOf(pair.key as Node));
    }
  }
  return scopes;
}

export default defineDetector({
  meta: {
    id: 'permission/workflow-permissions-widened',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description: "Report GitHub Actions workflows that widen the GITHUB_TOKEN's permissions.",
    messages: {
      writeAll:
        '`permissions: write-all` gives the {{scope}} token write access to every scope, so any step or action it runs can push code, publish releases or change settings. Grant only the scopes it needs, such as `contents: read`.',
      scopeWidened:
        '`{{name}}: write` widens the {{scope}} token, so every step and action it runs can write {{name}}. Keep it at `read` unless a step needs to write, and give that step its own job.',
      removed:
        'The `permissions` block of the {{scope}} was removed, so its token falls back to the repository default, which may allow writes. Restore the block with the scopes the jobs need.',
    },
  },
  keywords: ['permissions', 'write'],
  async run(context) {
    for (const file of context.commit.files) {
      if (!isGithubWorkflow(file.path)) continue;
      const newParsed = parseYaml(await file.newContent());
      const oldParsed = parseYaml(await file.oldContent());
      const newSettings = settingsOf(newParsed);
      const oldSettings = settingsOf(oldParsed);
      const added = new Set(file.added.map((line) => line.line));
      const removedLines = new Set(file.removed.map((line) => line.line));
      for (const [scope, setting] of newSettings) {
        const before = writeScopes(oldParsed, oldSettings.get(scope));
        const label = scope === 'workflow' ? 'workflow' : `job ${scope.slice(5)}`;
        for (const [name, line] of writeScopes(newParsed, setting)) {
          if (before.has(name) || before.has('*') || !added.has(line)) continue;
          context.report({
            messageId: name === '*' ? 'writeAll' : 'scopeWidened',
            data: { scope: label, name },
            file: file.path,
            line,
            match: `${scope}:${name}`,
            evidence: name === '*' ? 'permissions: write-all' : `${name}: write`,
          });
        }
      }
      if (file.newPath === null) continue;
      for (const [scope, setting] of oldSettings) {
        const restrictive = scalarOf(setting.node) !== 'write-all';
        if (newSettings.has(scope) || !restrictive || !removedLines.has(setting.line)) continue;
        // A job removed together with its block is not a widening.
        if (
          scope !== 'workflow' &&
          !newParsed.roots.some((root) => child(child(root, 'jobs'), scope.slice(5)) !== null)
        )
          continue;
        context.report({
          messageId: 'removed',
          data: { scope: scope === 'workflow' ? 'workflow' : `job ${scope.slice(5)}` },
          file: file.path,
          line: setting.line,
          match: `-${scope}:permissions`,
          evidence: 'permissions block removed',
        });
      }
    }
  },
});
