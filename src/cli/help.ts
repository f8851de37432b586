import { COMMANDS } from './commands.js';

export const EXIT_CODES_HELP = `Exit status:
  0  allowed (warnings may be printed)
  1  blocked by at least one finding
  2  usage, config or internal error`;

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const commands = Object.entries(COMMANDS)
    .map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`)
    .join('\n');
  return `Usage: diff-guardian <command> [options]

Judges each commit's diff for hardcoded secrets, loosened permissions,
disabled checks and risky dependencies, and records a signed verdict.

Commands:
${commands}

Run \`diff-guardian <command> --help\` for a command's options.

${EXIT_CODES_HELP}
`;
}
