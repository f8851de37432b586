import { outsideKind, protectedKind } from '../paths.js';
import { resolveTarget } from '../project.js';
import { COMMAND_FILE, defineGateDetector, formatArgv } from './define.js';
import { writeTargets, writtenPaths } from './write-targets.js';

export default defineGateDetector({
  meta: {
    id: 'permission/write-outside-project',
    category: 'permission',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report writes outside the project, blocking those to system directories and home dotfiles.',
    messages: {
      outside: '{{action}} {{path}}, outside the project at {{root}}. Keep changes inside the project, or use a temporary directory for scratch files.',
      sensitive:
        '{{action}} {{path}}, a system or home configuration file outside the project, which changes how other programs run or which credentials they use. Leave it to a person.',
    },
  },
  run(context) {
    const { subject, project } = context;
    const candidates =
      subject.kind === 'write'
        ? [{ path: subject.path, action: `The ${subject.tool} writes` }]
        : subject.commands.flatMap((command) =>
            // A path quoted in an inline script may only be read, so it counts as protected files alone.
            writeTargets(command).filter((t) => t.kind !== 'script').flatMap((t) =>
              writtenPaths(t, (p) => resolveTarget(p, project)).map((path) => ({ path, action: `\`${formatArgv(command.argv)}\` writes` })),
            ),
          );
    for (const candidate of candidates) {
      const path = resolveTarget(candidate.path, project);
      const kind = outsideKind(path, project);
      // A protected file outside the project, such as the agent's user settings, is reported as such.
      if (!kind || protectedKind(path, project)) continue;
      context.report({
        messageId: kind,
        data: { action: candidate.action, path, root: project.root },
        file: subject.kind === 'write' ? path : COMMAND_FILE,
        line: 0,
        match: `${kind}:${path}`,
        evidence: subject.kind === 'write' ? path : candidate.action.replace(/^`|` writes$/g, ''),
        severity: kind === 'sensitive' ? 'block' : 'warn',
      });
    }
  },
});
