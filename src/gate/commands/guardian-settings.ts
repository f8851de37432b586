import { unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv } from './define.js';
import { configOverrides, configWrite, sectionOf } from './git-config.js';
import { gitInvocation } from './options.js';

// The git config section where `diff-guardian install` records the node and CLI
// paths that the hook shims run, and the server's policy and signing key.
const SECTION = 'diff-guardian';
// `include.path` and `includeIf.<condition>.path` pull in another file, which can set any key.
const INCLUDE_KEY = /^include(?:if\..*)?\.path$/;

export default defineGateDetector({
  meta: {
    id: 'disabled-check/shell-guardian-settings-changed',
    category: 'disabled-check',
    severity: 'block',
    confidence: 'high',
    description: "Report git config commands that change diff-guardian's settings, include another config file or edit the config.",
    messages: {
      set: '`{{command}}` sets {{key}}, which the installed hooks read to find diff-guardian, so they could run another program and skip every check. Leave the diff-guardian settings to `diff-guardian install`.',
      unset: '`{{command}}` removes {{key}}, which the installed hooks read to find diff-guardian, so the checks could stop running. Leave the diff-guardian settings to `diff-guardian install`.',
      section: '`{{command}}` changes the whole diff-guardian section of the git config, which tells the hooks what to run. Leave it to `diff-guardian install`.',
      include: "`{{command}}` adds the config file {{value}} through {{key}}, and that file can change diff-guardian's settings or core.hooksPath. Ask a person to make this change.",
      edit: "`{{command}}` opens the git config in an editor, where diff-guardian's settings and core.hooksPath can be changed. Ask a person to make this change.",
      override: '`{{command}}` overrides {{key}} for the git commands that see it, and their hooks read the new value, so they may not run diff-guardian. Run the commands without the override.',
    },
  },
  run(context) {
    for (const command of commandsOf(context.subject)) {
      const { argv, env } = unwrapCommand(command);
      const text = formatArgv(argv);
      const report = (messageId: string, data: Record<string, string> = {}): void =>
        context.report({ messageId, data: { command: text, ...data }, file: COMMAND_FILE, line: 0, match: text, evidence: text });

      const git = gitInvocation(argv);
      const overridden = configOverrides(git, argv, env).find((key) => sectionOf(key) === SECTION || INCLUDE_KEY.test(key));
      if (overridden !== undefined) {
        report('override', { key: overridden });
        continue;
      }
      if (git?.subcommand !== 'config') continue;
      const write = configWrite(git.args);
      if (write === null) continue;
      if (write.action === 'edit') report('edit');
      else if (write.action === 'rename-section' || write.action === 'remove-section') {
        if (sectionOf(write.key) === SECTION) report('section');
      } else if (sectionOf(write.key) === SECTION) report(write.action, { key: write.key });
      else if (write.action === 'set' && INCLUDE_KEY.test(write.key)) report('include', { key: write.key, value: write.value ?? '' });
    }
  },
});
