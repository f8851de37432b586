import type { CliIO } from './io.js';

/** A subcommand: parses its own arguments and returns the exit code. */
export type CommandRunner = (argv: string[], io: CliIO) => Promise<number>;

interface CommandEntry {
  summary: string;
  load(): Promise<{ run: CommandRunner }>;
}

// Each command lives in its own module and is imported only when it runs, so
// a hook that needs `check --staged` does not load notes, install or gate code.
export const COMMANDS: Record<string, CommandEntry> = {
  check: { summary: 'Check commits, a range or the staged change', load: () => import('./check.js') },
  install: { summary: 'Install the git hooks (or the server or agent hooks)', load: () => import('./install.js') },
  uninstall: { summary: 'Remove what install added and restore earlier hooks', load: () => import('./uninstall.js') },
  hook: { summary: 'Entry point the installed hook scripts call', load: () => import('./hook.js') },
  gate: { summary: "Judge an agent's proposed edit or command read from stdin", load: () => import('./gate.js') },
  keygen: { summary: 'Create an Ed25519 key for signing verdict notes', load: () => import('./keygen.js') },
  verify: { summary: 'Verify the signed verdict notes of commits', load: () => import('./verify.js') },
  notes: { summary: 'Sync verdict notes with a remote, or configure git to show and carry them', load: () => import('./notes.js') },
  show: { summary: "Print a commit's verdict note", load: () => import('./show.js') },
  rules: { summary: 'List the detectors and what the packs decide', load: () => import('./rules.js') },
};
