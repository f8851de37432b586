import { protectedKind, protectedWithin, type ProtectedKind } from '../paths.js';
import { isInside, projectPath, resolveTarget } from '../project.js';
import { COMMAND_FILE, defineGateDetector, type GateDetectorContext } from './define.js';
import { commandLineTargets } from './line-targets.js';
import { writtenPaths, type WriteKind } from './write-targets.js';

const WHAT: Record<ProtectedKind, string> = {
  hook: 'a git hook',
  'git-config': "the repository's git config, which decides which hooks run",
  'guardian-config': "diff-guardian's config",
  'guardian-ignores': "an ignore file whose entries acknowledge diff-guardian's findings",
  'guardian-state': "diff-guardian's audit log",
  'agent-settings': "the agent's settings file, which installs the hooks that judge it",
};

const VERB: Record<WriteKind, string> = {
  write: 'writes',
  copy: 'copies over',
  move: 'moves over',
  link: 'links over',
  edit: 'edits',
  remove: 'removes',
  create: 'creates',
  mode: 'changes the mode of',
  script: 'runs a script that writes files and names',
  extract: 'extracts an archive over',
};

export default defineGateDetector({
  meta: {
    id: 'disabled-check/protected-file-written',
    category: 'disabled-check',
    severity: 'block',
    confidence: 'high',
    description: "Report writes to git hooks, the git config, diff-guardian's config, ignore files or log, or the agent's settings file.",
    messages: {
      command: '`{{command}}` {{verb}} {{path}}, {{what}}. Changing it can switch off the checks on this work; ask a person to make this change.',
      write: 'The {{tool}} of {{path}} changes {{what}}. Changing it can switch off the checks on this work; ask a person to make this change.',
    },
  },
  run(context) {
    const { subject, project } = context;
    const files = context.policy.repositoryFiles;
    const configFiles = files ? [...files.packs, ...files.allowlists] : [];
    if (subject.kind === 'write') {
      const path = resolveTarget(subject.path, project);
      const kind = protectedKind(path, project, configFiles);
      // Commit detectors already judge edits of the config and ignore files that a commit would carry.
      if (!kind || kind === 'guardian-config' || kind === 'guardian-ignores') return;
      reportPath(context, 'write', path, kind, { tool: subject.tool });
      return;
    }
    for (const { commandText, target } of commandLineTargets(subject.commands, project, configFiles)) {
      for (const path of writtenPaths(target, (p) => resolveTarget(p, project), project.root)) {
        // Removing or moving a folder takes every protected file inside it along. An archive
        // extracted into a folder may write any file below it, but one extracted into the
        // project root, where work is unpacked every day, is left to the commit checks.
        const folders = target.kind === 'remove' || target.kind === 'move' || (target.kind === 'extract' && !isInside(project.root, path));
        const kind = protectedKind(path, project, configFiles) ?? protectedWithin(path, project, configFiles, folders);
        if (kind) reportPath(context, 'command', path, kind, { command: commandText, verb: VERB[target.kind] });
      }
    }
  },
});

function reportPath(context: GateDetectorContext, messageId: string, path: string, kind: ProtectedKind, data: Record<string, string>): void {
  const shown = projectPath(path, context.project) ?? path;
  context.report({
    messageId,
    data: { ...data, path: shown, what: WHAT[kind] },
    file: messageId === 'command' ? COMMAND_FILE : shown,
    line: 0,
    match: `${kind}:${shown}:${data.command ?? data.tool ?? ''}`,
    evidence: data.command ?? `${data.tool} ${shown}`,
  });
}
