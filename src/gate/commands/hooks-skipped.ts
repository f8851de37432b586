import { unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv, type GateDetectorContext } from './define.js';
import { hookBypassOf } from './no-verify.js';

// Variables that hook managers read to skip hooks: husky (HUSKY=0, and HUSKY_SKIP_HOOKS before
// husky 5), pre-commit (SKIP=id,…) and lefthook (LEFTHOOK=0).
const SKIP_VARIABLES: Record<string, (value: string) => boolean> = {
  HUSKY: (v) => v === '0',
  HUSKY_SKIP_HOOKS: (v) => v !== '' && v !== '0',
  LEFTHOOK: (v) => v === '0',
  SKIP: (v) => v !== '',
};

export default defineGateDetector({
  meta: {
    id: 'disabled-check/shell-hooks-skipped',
    category: 'disabled-check',
    severity: 'block',
    confidence: 'high',
    description: 'Report git commands that skip the repository hooks with --no-verify, -n or a hook manager variable.',
    messages: {
      flag: '`{{command}}` skips the {{subcommand}} hooks, so the checks they run (diff-guardian among them) never see this change. Run it without {{flag}} and fix what the hooks report.',
      variable:
        '`{{command}}` sets {{variable}}, which makes the hook manager skip the hooks. Run it without {{variable}} and fix what the hooks report.',
    },
  },
  run(context) {
    for (const command of commandsOf(context.subject)) {
      const { argv, env } = unwrapCommand(command);
      if (argv[0] === 'export') reportExports(context, argv);
      const text = formatArgv(argv);
      const bypass = hookBypassOf(argv);
      if (bypass) {
        context.report({
          messageId: 'flag',
          data: { command: text, subcommand: bypass.subcommand, flag: bypass.flag },
          file: COMMAND_FILE,
          line: 0,
          match: text,
          evidence: text,
        });
      }
      for (const { name, value } of env) {
        if (!SKIP_VARIABLES[name]?.(value)) continue;
        const shown = `${name}=${value} ${text}`;
        context.report({ messageId: 'variable', data: { command: shown, variable: name }, file: COMMAND_FILE, line: 0, match: shown, evidence: shown });
      }
    }
  },
});

/** Reports `export HUSKY=0` and the like, which skip hooks for every later command of the shell. */
function reportExports(context: GateDetectorContext, argv: readonly string[]): void {
  for (const arg of argv.slice(1)) {
    const eq = arg.indexOf('=');
    if (eq === -1 || !SKIP_VARIABLES[arg.slice(0, eq)]?.(arg.slice(eq + 1))) continue;
    const shown = `export ${arg}`;
    context.report({ messageId: 'variable', data: { command: shown, variable: arg.slice(0, eq) }, file: COMMAND_FILE, line: 0, match: shown, evidence: shown });
  }
}
